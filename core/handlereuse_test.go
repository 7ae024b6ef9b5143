package core

import (
	"context"
	"testing"
	"time"
	"unsafe"
)

// TestHandleShownNotReused: the handle of a done-callback that panicked,
// given to the exception handler, keeps meaning that callback: cancelling
// it later must not cancel a callback scheduled since (core used to
// recycle it for the next done-callback, which then silently never ran).
func TestHandleShownNotReused(t *testing.T) {
	var kept *Handle
	l := NewLoop(VirtualClock(), WithExceptionHandler(func(_ *Loop, c ExceptionContext) {
		if kept == nil {
			kept = c.Handle
		}
	}))
	defer l.Close()
	f := l.CreateFuture("")
	f.AddDoneCallback(func(*Future) { panic("boom") })
	f.SetResult(1)
	l.CallSoon(l.Stop)
	mustRun(t, l)
	var out lines
	out.add("handler got a handle: %s", py(kept != nil))
	ran := 0
	for range 3 { // whichever free handle a done-callback would take
		g := l.CreateFuture("")
		g.AddDoneCallback(func(*Future) { ran++ })
		g.SetResult(2)
	}
	kept.Cancel()
	l.CallSoon(l.Stop)
	mustRun(t, l)
	out.add("later done-callbacks ran: %d", ran)
	pinned(t, "handle_kept_by_handler", out)
}

// TestSlowStepHandleShown: a slow task step is reported with a handle the
// program may cancel without stopping the task's later steps.
func TestSlowStepHandleShown(t *testing.T) {
	var kept *Handle
	l := NewLoop(VirtualClock(), WithDebug(time.Millisecond), WithExceptionHandler(func(_ *Loop, c ExceptionContext) {
		if kept == nil && c.Task != nil {
			kept = c.Handle
		}
	}))
	steps := 0
	_, err := l.RunMain(func(ctx context.Context) (any, error) {
		time.Sleep(3 * time.Millisecond) // a slow first step
		for range 3 {
			if kept != nil {
				kept.Cancel()
			}
			steps++
			if err := Sleep(ctx, 0); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	if err != nil || steps != 3 {
		t.Fatalf("after Cancel on the slow step's handle the task made %d of 3 steps: %v", steps, err)
	}
	if kept == nil {
		t.Fatal("no slow step was reported with a handle")
	}
}

// TestHandleSize: the held flag fits in the handle's padding.
func TestHandleSize(t *testing.T) {
	if s := unsafe.Sizeof(Handle{}); s != 48 {
		t.Fatalf("Handle is %d bytes, was 48", s)
	}
}
