package core

import (
	"context"
	"slices"
	"strings"
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

// TestInternalCallbackPanicGoesOn: a panic in one of core's own
// done-callbacks (run without a recover of its own, runInternal's serving
// a run of them) reaches the exception handler with that callback's
// handle, and the rest of the iteration runs after it, in order, as for
// any callback: with other callbacks between them, and in a run of them.
func TestInternalCallbackPanicGoesOn(t *testing.T) {
	for _, c := range []struct {
		interleaved bool
		want        string
	}{
		{true, "a,soon a,b,handler: panic: b failed,soon b,c,soon c,d,handler: panic: d failed,soon d"},
		{false, "a,b,handler: panic: b failed,c,d,handler: panic: d failed,soon a,soon b,soon c,soon d"},
	} {
		var got []string
		var shown []*Handle
		l := NewLoop(VirtualClock(), WithExceptionHandler(func(_ *Loop, c ExceptionContext) {
			got = append(got, "handler: "+c.Err.Error())
			shown = append(shown, c.Handle)
		}))
		var soon []func()
		for i, name := range []string{"a", "b", "c", "d"} {
			f := l.CreateFuture(name)
			f.addCallback(siteOther, func(*Future) {
				got = append(got, name)
				if i%2 == 1 {
					panic(name + " failed")
				}
			})
			f.SetResult(nil)
			soon = append(soon, func() { got = append(got, "soon "+name) })
			if c.interleaved {
				l.CallSoon(soon[i])
			}
		}
		if !c.interleaved {
			for _, fn := range soon {
				l.CallSoon(fn)
			}
		}
		l.CallSoon(l.Stop)
		mustRun(t, l)
		l.Close()
		if s := strings.Join(got, ","); s != c.want {
			t.Fatalf("ran %s\nwant %s", s, c.want)
		}
		for _, h := range shown {
			if !h.held || slices.Contains(l.free, h) {
				t.Fatal("a handle shown to the handler was recycled")
			}
		}
	}
}
