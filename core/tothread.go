package core

import (
	"context"
)

// ToThread runs fn on its own goroutine — blocking work such as a file read
// or an HTTP request — and returns its result to the awaiting task, which
// is suspended meanwhile while the loop keeps running other tasks
// (asyncio.to_thread). The result comes back through CallSoonThreadsafe.
//
// Cancelling the awaiting task makes ToThread return the cancellation error
// at once and cancels fn's context; fn should watch ctx.Done() to stop
// early, and whatever it returns then is dropped. A panic in fn comes back
// as a *PanicError.
//
// While fn runs, the loop counts it as work in flight: under the virtual
// clock time does not jump ahead of it (the loop waits for it in real time),
// and the loop is never reported stuck while it may still deliver.
//
// fn's context carries ctx's values but is not a task context: fn must not
// call Await or Sleep (they return ErrNotInTask), since it runs outside the
// loop.
func ToThread(ctx context.Context, fn func(ctx context.Context) (any, error)) (any, error) {
	t, err := activeTask(ctx)
	if err != nil {
		return nil, err
	}
	if fn == nil {
		return nil, ErrNilCallback
	}
	l := t.loop
	fut := l.newFuture("ToThread")
	release := l.KeepAlive()
	workCtx, cancel := context.WithCancelCause(outsideTask{ctx})
	go func() {
		res, err := callBlocking(l, fn, workCtx)
		deliver := func() {
			// Released on the loop, not here: until this callback runs the
			// loop must keep waiting for it.
			release()
			cancel(nil)
			if fut.state != statePending {
				return
			}
			if err != nil {
				fut.SetException(err)
			} else {
				fut.SetResult(res)
			}
		}
		defer func() {
			// The loop closed before fn finished: nobody wants the result.
			if r := recover(); r != nil {
				release()
				cancel(nil)
			}
		}()
		l.CallSoonThreadsafe(deliver)
	}()
	res, err := Await(ctx, fut)
	if err != nil && fut.Cancelled() {
		cancel(err)
	}
	return res, err
}

// callBlocking calls fn, turning a panic into a *PanicError.
func callBlocking(l *Loop, fn func(ctx context.Context) (any, error), ctx context.Context) (res any, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, l.panicError(r)
		}
	}()
	return fn(ctx)
}

// outsideTask is a task's context seen from another goroutine: its values,
// but not the task itself.
type outsideTask struct{ context.Context }

func (c outsideTask) Value(key any) any {
	if key == (taskKey{}) {
		return nil
	}
	return c.Context.Value(key)
}
