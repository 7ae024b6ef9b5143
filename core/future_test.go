package core

import (
	"context"
	"errors"
	"testing"
)

func TestDoneCallbackOrder(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	fut.AddDoneCallback(func(f *Future) { v, _ := f.Result(); out.add("done-1: %v", v) })
	fut.AddDoneCallback(func(f *Future) { v, _ := f.Result(); out.add("done-2: %v", v) })
	l.CallSoon(func() {
		l.CallSoon(func() { out.add("queued before set_result") })
		if err := fut.SetResult("v"); err != nil {
			t.Error(err)
		}
		out.add("set_result returned")
		l.CallSoon(func() { out.add("queued after set_result"); l.Stop() })
	})
	mustRun(t, l)
	l.Close()
	pinned(t, "future_done_callback_order", out)
}

func TestDoneCallbackOnDoneFuture(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	fut.SetResult(1)
	l.CallSoon(func() {
		l.CallSoon(func() { out.add("queued first") })
		fut.AddDoneCallback(func(f *Future) { v, _ := f.Result(); out.add("late callback: %v", v) })
		out.add("add_done_callback returned")
		l.CallSoon(func() { out.add("queued last"); l.Stop() })
	})
	mustRun(t, l)
	l.Close()
	pinned(t, "future_callback_on_done", out)
}

func TestFutureInvalidStates(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	var ise *InvalidStateError
	if _, err := fut.Result(); errors.As(err, &ise) {
		out.add("result pending -> InvalidStateError: %s", ise.Msg)
	}
	if err := fut.Exception(); errors.As(err, &ise) {
		out.add("exception pending -> InvalidStateError: %s", ise.Msg)
	}
	fut.SetResult(1)
	if err := fut.SetResult(2); errors.As(err, &ise) && errors.Is(err, ErrInvalidState) {
		out.add("set_result twice -> InvalidStateError")
	}
	if err := fut.SetException(errors.New("x")); errors.As(err, &ise) {
		out.add("set_exception after result -> InvalidStateError")
	}
	out.add("cancel done future: %s", py(fut.Cancel("")))
	v, _ := fut.Result()
	out.add("result still: %v", v)
	c := l.CreateFuture("")
	first := c.Cancel("")
	out.add("cancel pending: %s again: %s", py(first), py(c.Cancel("")))
	if err := c.SetResult(1); errors.As(err, &ise) {
		out.add("set_result after cancel -> InvalidStateError")
	}
	if _, err := c.Result(); errors.Is(err, ErrCancelled) {
		out.add("result of cancelled -> CancelledError")
	}
	if err := c.Exception(); errors.Is(err, ErrCancelled) {
		out.add("exception of cancelled -> CancelledError")
	}
	l.Close()
	pinned(t, "future_invalid_state", out)
}

// TestSetExceptionMisuse: Go-only misuse that Python rejects by type.
func TestSetExceptionMisuse(t *testing.T) {
	l := newTestLoop(t)
	f := l.CreateFuture("")
	if err := f.SetException(nil); err == nil {
		t.Error("SetException(nil) accepted")
	}
	if err := f.SetException(&CancelledError{}); err == nil {
		t.Error("SetException(cancellation) accepted")
	}
	if f.Done() {
		t.Error("a refused SetException completed the future")
	}
	task := l.CreateTask("", func(context.Context) (any, error) { return nil, nil })
	if err := task.SetResult(1); !errors.Is(err, ErrTaskSetResult) {
		t.Errorf("Task.SetResult: %v", err)
	}
	if err := task.SetException(errors.New("x")); !errors.Is(err, ErrTaskSetResult) {
		t.Errorf("Task.SetException: %v", err)
	}
}

func TestFutureCancelMessage(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	fut.AddDoneCallback(func(f *Future) {
		out.add("callback: cancelled = %s done = %s", py(f.Cancelled()), py(f.Done()))
		var ce *CancelledError
		if _, err := f.Result(); errors.As(err, &ce) && errors.Is(err, context.Canceled) {
			out.add("result raised CancelledError: %s", ce.Msg)
		}
	})
	out.add("cancel: %s", py(fut.Cancel("no longer needed")))
	l.CallSoon(l.Stop)
	mustRun(t, l)
	l.Close()
	pinned(t, "future_cancel_message", out)
}

func TestFutureException(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	fut.AddDoneCallback(func(f *Future) { out.add("callback sees: %v", f.Exception()) })
	bad := errors.New("bad input")
	fut.SetException(bad)
	out.add("done: %s cancelled: %s", py(fut.Done()), py(fut.Cancelled()))
	out.add("exception: %v", fut.Exception())
	if _, err := fut.Result(); err == bad {
		out.add("result raised: %v", err)
	}
	out.add("cancel: %s", py(fut.Cancel("")))
	l.CallSoon(l.Stop)
	mustRun(t, l)
	l.Close()
	pinned(t, "future_exception", out)
}

// TestUnretrievedExceptionReported: a failed future nobody looked at is
// reported at Close (asyncio reports it when the future is collected); one
// whose error was read is not.
func TestUnretrievedExceptionReported(t *testing.T) {
	var reports []string
	l := NewLoop(VirtualClock(), WithExceptionHandler(func(_ *Loop, c ExceptionContext) {
		reports = append(reports, c.Message)
	}))
	l.CreateFuture("ignored").SetException(errors.New("lost"))
	seen := l.CreateFuture("seen")
	seen.SetException(errors.New("read"))
	seen.Exception()
	l.Close()
	if len(reports) != 1 || reports[0] != `Future exception was never retrieved: future "ignored" failed and nothing awaited it or asked for its result` {
		t.Fatalf("reports: %q", reports)
	}
}

func TestAwaitWakesInOrder(t *testing.T) {
	var out lines
	runPinned(t, "future_await_wakes_in_order", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		fut := l.CreateFuture("")
		var tasks []*Task
		for _, n := range []string{"w1", "w2", "w3"} {
			tasks = append(tasks, l.CreateTask("", func(ctx context.Context) (any, error) {
				out.add("%s waits", n)
				v, err := Await(ctx, fut)
				out.add("%s got %v", n, v)
				return nil, err
			}))
		}
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		l.CallSoon(func() { out.add("queued before result") })
		fut.SetResult("v")
		out.add("main set result")
		for _, tk := range tasks {
			if _, err := Await(ctx, tk); err != nil {
				return nil, err
			}
		}
		out.add("all woken")
		return nil, nil
	})
}

func TestAwaitDoneFutureDoesNotYield(t *testing.T) {
	var out lines
	runPinned(t, "future_await_done", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		fut := l.CreateFuture("")
		fut.SetResult("now")
		other := l.CreateTask("", func(context.Context) (any, error) {
			out.add("other runs")
			return nil, nil
		})
		out.add("before await")
		v, err := Await(ctx, fut)
		if err != nil {
			return nil, err
		}
		out.add("awaited: %v", v)
		out.add("after await, other still pending: %s", py(!other.Done()))
		return Await(ctx, other)
	})
}
