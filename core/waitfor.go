package core

import (
	"context"
	"errors"
	"time"
)

// WaitFor awaits aw for at most timeout of loop time (asyncio.wait_for, as
// in CPython 3.11). When time runs out it cancels aw and waits until aw has
// really finished — its cleanup runs before WaitFor returns — and then
// returns a *TimeoutError. If aw swallows the cancellation and returns a
// value (or an error), that outcome is returned instead of the timeout.
//
// A zero or negative timeout returns aw's result if it is already done, and
// otherwise cancels it at once. If the calling task is cancelled while it
// waits, aw is cancelled too and waited for, and the cancellation is
// returned (even if aw swallowed it: 3.11 drops that value). A timeout of
// NoDeadline is a plain Await.
//
// The *TimeoutError names what did not finish in time, where asyncio's
// TimeoutError has no message.
func WaitFor(ctx context.Context, aw Awaitable, timeout time.Duration) (any, error) {
	t, err := activeTask(ctx)
	if err != nil {
		return nil, err
	}
	if timeout == NoDeadline {
		return Await(ctx, aw)
	}
	l := t.loop
	if err := checkAwaitables(l, "WaitFor", []Awaitable{aw}); err != nil {
		return nil, err
	}
	f := aw.future()
	if timeout <= 0 {
		if f.Done() {
			return f.Result()
		}
		if l.tracer != nil {
			l.emit(KindExpire, t.id, t.Name(), f.id, "wait_for", "timeout "+timeout.String()+": cancelling "+f.kindWord()+" "+quote(f.Name()), 0)
		}
		if err := cancelAndWait(ctx, l, aw); err != nil {
			return nil, err
		}
		return timedOut(f, timeout)
	}

	waiter := l.newFuture("wait_for(" + f.Name() + ", " + timeout.String() + ")")
	release := func(*Future) {
		if waiter.state == statePending {
			waiter.SetResult(nil)
		}
	}
	th := l.internalTimer(l.Time()+timeout, waiter.name, func() {
		if waiter.state == statePending && l.tracer != nil {
			l.emit(KindExpire, t.id, t.Name(), f.id, "wait_for", "timeout "+timeout.String()+": cancelling "+f.kindWord()+" "+quote(f.Name()), 0)
		}
		release(nil)
	})
	cb := f.addCallback(siteWaitFor, release)
	_, err = Await(ctx, waiter) // an error: the caller was cancelled
	if f.Done() {
		th.Cancel()
		return f.Result()
	}
	f.removeCallback(cb)
	cerr := cancelAndWait(ctx, l, aw)
	th.Cancel()
	if cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, err
	}
	return timedOut(f, timeout)
}

// timedOut turns aw's cancellation into a timeout error; any other outcome
// (aw swallowed the cancellation) is returned as it is.
func timedOut(f *Future, timeout time.Duration) (any, error) {
	res, err := f.Result()
	var ce *CancelledError
	if errors.As(err, &ce) {
		return nil, &TimeoutError{Msg: f.kindWord() + " " + quote(f.Name()) + " did not finish within " + timeout.String(), Cause: err}
	}
	return res, err
}

// cancelAndWait cancels aw and waits until it is done, through a future of
// its own so that this wait can itself be cancelled (asyncio's
// _cancel_and_wait).
func cancelAndWait(ctx context.Context, l *Loop, aw Awaitable) error {
	f := aw.future()
	waiter := l.newFuture("cancel " + quote(f.Name()) + " and wait")
	cb := f.addCallback(siteCancelWait, func(*Future) {
		if waiter.state == statePending {
			waiter.SetResult(nil)
		}
	})
	aw.Cancel("")
	err := l.quietly(CurrentTask(ctx), func() error { _, err := Await(ctx, waiter); return err })
	f.removeCallback(cb)
	return err
}
