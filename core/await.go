package core

import (
	"context"
	"time"
	"unsafe"
)

// Await suspends the task that received ctx until aw is done and returns
// aw's result. An aw that is already done returns at once without
// suspending (as in asyncio). If the task is cancelled meanwhile, Await
// returns a *CancelledError.
func Await(ctx context.Context, aw Awaitable) (any, error) {
	t, err := activeTask(ctx)
	if err != nil {
		return nil, err
	}
	if aw == nil {
		return nil, ErrNilCallback
	}
	f := aw.future()
	if f.loop != t.loop {
		return nil, ErrForeignLoop
	}
	if f == &t.Future {
		// asyncio throws "Task cannot await on itself" into the task in a
		// step of its own, after what is ready now has run; a cancellation
		// arriving meanwhile wins.
		if t.loop.tracer != nil {
			t.loop.awaitedSelf(t)
		}
		var here byte
		t.beforeYield(uintptr(unsafe.Pointer(&here)))
		if !t.yield(struct{}{}) {
			t.unwind()
		}
		if e := t.afterYield(); e != nil {
			return nil, e
		}
		return nil, ErrAwaitSelf
	}
	f.observed = true
	if f.state != statePending {
		return f.Result()
	}
	t.waitingOn = aw
	var here byte
	t.beforeYield(uintptr(unsafe.Pointer(&here)))
	if !t.yield(struct{}{}) {
		t.unwind()
	}
	if e := t.afterYield(); e != nil {
		if t.loop.tracer != nil {
			t.loop.noteCancel(t, e)
		}
		return nil, e
	}
	res, err := f.Result()
	if err != nil && t.loop.tracer != nil {
		t.loop.noteCancel(t, err)
	}
	return res, err
}

// Sleep suspends the task for d of loop time. Sleep(ctx, 0) yields exactly
// once: every other ready callback runs before the task resumes.
func Sleep(ctx context.Context, d time.Duration) error {
	if d > 0 {
		return sleepFor(ctx, d)
	}
	// activeTask's usual case, written out: a call less per switch.
	tc, ok := ctx.(*taskContext)
	t := (*Task)(tc)
	if !ok || t.loop.current != t {
		var err error
		if t, err = activeTask(ctx); err != nil {
			return err
		}
	}
	// A bare yield: step reschedules the task, as it waits on nothing.
	var here byte
	t.beforeYield(uintptr(unsafe.Pointer(&here)))
	if !t.yield(struct{}{}) {
		t.unwind()
	}
	err := t.afterYield()
	if err != nil && t.loop.tracer != nil {
		t.loop.noteCancel(t, err)
	}
	return err
}

func sleepFor(ctx context.Context, d time.Duration) error {
	t, err := activeTask(ctx)
	if err != nil {
		return err
	}
	l := t.loop
	name := "sleep"
	if l.tracer != nil {
		name = "sleep " + d.String()
	}
	f := l.newFuture(name)
	h := l.internalTimer(l.Time()+d, name, nil)
	h.fcb, h.fut = wakeSleeper, f // saves a closure per Sleep
	_, err = Await(ctx, f)
	h.Cancel()
	return err
}

// activeTask finds the task of ctx and checks that it is the one running.
func activeTask(ctx context.Context) (*Task, error) {
	if tc, ok := ctx.(*taskContext); ok && tc.loop.current == (*Task)(tc) {
		return (*Task)(tc), nil // the usual case, without a call
	}
	t := CurrentTask(ctx)
	if t == nil {
		return nil, ErrNotInTask
	}
	if t.loop.current != t {
		return nil, ErrNotInTask
	}
	return t, nil
}

// wakeSleeper is the timer callback of Sleep.
func wakeSleeper(f *Future) {
	if f.state == statePending {
		f.SetResult(nil)
	}
}
