package core

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestToThreadWhileLoopTicks(t *testing.T) {
	syncScene(t, "tothread_ticks", func(ctx context.Context, out *lines) error {
		gate := make(chan struct{})
		ticker := spawn(ctx, "ticker", func(ctx context.Context) (any, error) {
			for i := 0; i < 3; i++ {
				out.add("tick %d", i)
				Sleep(ctx, 0)
			}
			out.add("ticker lets the work finish")
			close(gate)
			return nil, nil
		})
		out.add("main starts the work")
		res, err := ToThread(ctx, func(ctx context.Context) (any, error) {
			<-gate
			return 42, nil
		})
		if err != nil {
			return err
		}
		out.add("result %v ticker done: %s", res, py(ticker.Done()))
		return nil
	})
}

type valueErr string

func (e valueErr) Error() string { return string(e) }

func TestToThreadError(t *testing.T) {
	syncScene(t, "tothread_error", func(ctx context.Context, out *lines) error {
		_, err := ToThread(ctx, func(context.Context) (any, error) { return nil, valueErr("disk full") })
		var ve valueErr
		if errors.As(err, &ve) {
			out.add("main sees: %v", ve)
		}
		return nil
	})
}

func TestToThreadPanicBecomesError(t *testing.T) {
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		return ToThread(ctx, func(context.Context) (any, error) { panic("boom") })
	})
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Value != "boom" {
		t.Fatalf("got %v, want the panic as a *PanicError", err)
	}
}

// The virtual clock must not jump to the next timer while blocking work is
// in flight: the work's 30 ms of real time pass, virtual time stays put.
func TestToThreadVirtualClockWaits(t *testing.T) {
	l := newTestLoop(t)
	var at time.Duration
	fired := false
	l.CallLater(time.Hour, func() { fired = true })
	task := l.CreateTask("", func(ctx context.Context) (any, error) {
		res, err := ToThread(ctx, func(context.Context) (any, error) {
			time.Sleep(30 * time.Millisecond)
			return "done", nil
		})
		at = l.Time()
		return res, err
	})
	res, err := l.RunUntilComplete(task)
	if err != nil || res != "done" {
		t.Fatalf("got %v, %v", res, err)
	}
	if at != 0 || fired {
		t.Fatalf("virtual time moved to %v (timer fired: %v) while the work ran", at, fired)
	}
	l.Close()
}

// Cancelling the task that awaits ToThread cancels fn's context, with the
// cancellation as its cause; the task sees the cancellation at once.
func TestToThreadCancelCancelsContext(t *testing.T) {
	cause := make(chan error, 1)
	started := make(chan struct{})
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		work := spawn(ctx, "download", func(ctx context.Context) (any, error) {
			return ToThread(ctx, func(ctx context.Context) (any, error) {
				close(started)
				<-ctx.Done()
				cause <- context.Cause(ctx)
				return "too late", nil
			})
		})
		res, err := ToThread(ctx, func(context.Context) (any, error) { <-started; return nil, nil })
		if err != nil {
			return res, err
		}
		work.Cancel("user pressed stop")
		_, err = Await(ctx, work)
		if !errors.Is(err, ErrCancelled) || !work.Cancelled() {
			t.Errorf("awaiting the cancelled task: %v", err)
		}
		return nil, nil
	})
	must(t, err)
	select {
	case c := <-cause:
		var ce *CancelledError
		if !errors.As(c, &ce) || ce.Msg != "user pressed stop" {
			t.Fatalf("fn's context cause = %v", c)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("fn's context was never cancelled")
	}
}

func TestToThreadMisuse(t *testing.T) {
	if _, err := ToThread(context.Background(), func(context.Context) (any, error) { return nil, nil }); !errors.Is(err, ErrNotInTask) {
		t.Fatalf("outside a task: %v", err)
	}
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		if _, err := ToThread(ctx, nil); !errors.Is(err, ErrNilCallback) {
			t.Errorf("nil fn: %v", err)
		}
		// fn runs off the loop: awaiting there is refused, not raced.
		_, err := ToThread(ctx, func(ctx context.Context) (any, error) { return nil, Sleep(ctx, 0) })
		if !errors.Is(err, ErrNotInTask) {
			t.Errorf("Sleep inside fn: %v", err)
		}
		return nil, nil
	})
	must(t, err)
}

// Work still running when the loop closes delivers into nothing, without
// crashing the goroutine that runs it.
func TestToThreadOutlivesLoop(t *testing.T) {
	release := make(chan struct{})
	finished := make(chan struct{})
	l := newTestLoop(t)
	var stderr []string
	l.SetExceptionHandler(func(_ *Loop, c ExceptionContext) { stderr = append(stderr, c.Message) })
	task := l.CreateTask("worker", func(ctx context.Context) (any, error) {
		return ToThread(ctx, func(context.Context) (any, error) {
			defer close(finished)
			<-release
			return nil, nil
		})
	})
	l.CallSoon(l.Stop)
	mustRun(t, l)
	l.Close()
	close(release)
	<-finished
	// The goroutine releases its hold on the loop once its delivery failed.
	for deadline := time.Now().Add(5 * time.Second); l.inFlight.Load() != 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the work never let go of the closed loop")
		}
	}
	if task.Done() || len(stderr) != 1 {
		t.Fatalf("task done: %v, reports: %q", task.Done(), stderr)
	}
}
