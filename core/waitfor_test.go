package core

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWaitForResult(t *testing.T) {
	combRun(t, "waitfor_result", func(ctx context.Context, s *combScene) error {
		a := s.task("a", 100*ms, false)
		r, err := WaitFor(ctx, a, time.Second)
		if err != nil {
			return err
		}
		s.at("got", r)
		b := s.task("b", 100*ms, true)
		if _, err := WaitFor(ctx, b, time.Second); errors.As(err, new(valueError)) {
			s.at("error", err)
		}
		r, err = WaitFor(ctx, a, 0)
		if err != nil {
			return err
		}
		s.say("done:", r)
		return nil
	})
}

func TestWaitForTimeoutCleanup(t *testing.T) {
	combRun(t, "waitfor_timeout_cleanup", func(ctx context.Context, s *combScene) error {
		slow := s.l.CreateTask("slow", func(ctx context.Context) (any, error) {
			err := Sleep(ctx, time.Second)
			if errors.Is(err, ErrCancelled) {
				s.at("slow: cleaning up")
				if err := Sleep(ctx, 200*ms); err != nil {
					return nil, err
				}
				s.at("slow: cleanup done")
			}
			return nil, err
		})
		if _, err := WaitFor(ctx, slow, 300*ms); errors.Is(err, ErrTimeout) {
			s.at("wait_for:", err, "inner cancelled:", slow.Cancelled())
		}
		return nil
	})
}

func TestWaitForSwallowed(t *testing.T) {
	combRun(t, "waitfor_swallowed", func(ctx context.Context, s *combScene) error {
		stubborn := s.l.CreateTask("stubborn", func(ctx context.Context) (any, error) {
			if err := Sleep(ctx, time.Second); err != nil {
				s.at("stubborn: ignoring the cancellation")
				if err := Sleep(ctx, 100*ms); err != nil {
					return nil, err
				}
				return "partial", nil
			}
			return "full", nil
		})
		r, err := WaitFor(ctx, stubborn, 200*ms)
		if err != nil {
			return err
		}
		s.at("wait_for returned", r)
		failing := s.l.CreateTask("failing", func(ctx context.Context) (any, error) {
			if err := Sleep(ctx, time.Second); err != nil {
				return nil, valueError("cleanup failed")
			}
			return nil, nil
		})
		if _, err := WaitFor(ctx, failing, 200*ms); err != nil {
			s.at("wait_for raised", err)
		}
		return nil
	})
}

func TestWaitForZero(t *testing.T) {
	combRun(t, "waitfor_zero", func(ctx context.Context, s *combScene) error {
		tk := s.task("t", 500*ms, false)
		if _, err := WaitFor(ctx, tk, 0); errors.Is(err, ErrTimeout) {
			s.at("zero:", err, tk.Cancelled())
		}
		t2 := s.task("t2", 500*ms, false)
		if _, err := WaitFor(ctx, t2, -time.Second); errors.Is(err, ErrTimeout) {
			s.at("negative:", err, t2.Cancelled())
		}
		return nil
	})
}

func TestWaitForCallerCancelled(t *testing.T) {
	combRun(t, "waitfor_caller_cancelled", func(ctx context.Context, s *combScene) error {
		inner := s.l.CreateTask("inner", func(ctx context.Context) (any, error) {
			if err := Sleep(ctx, time.Second); err != nil {
				s.at("inner cancelled, returning anyway")
				if err := Sleep(ctx, 100*ms); err != nil {
					return nil, err
				}
				return "value", nil
			}
			return nil, nil
		})
		c := s.l.CreateTask("caller", func(ctx context.Context) (any, error) {
			r, err := WaitFor(ctx, inner, 5*time.Second)
			if errors.Is(err, ErrCancelled) {
				s.at("caller: CancelledError")
			}
			return r, err
		})
		if err := Sleep(ctx, 200*ms); err != nil {
			return err
		}
		c.Cancel("")
		if _, err := Await(ctx, c); errors.Is(err, ErrCancelled) {
			r, _ := inner.Result()
			s.at("caller cancelled:", c.Cancelled(), "inner result:", r)
		}
		return nil
	})
}

func TestWaitForTimeoutErrorIsNotCancellation(t *testing.T) {
	// A task that returns WaitFor's timeout error fails with it; it is not
	// mistaken for a cancelled task.
	l := NewLoop(VirtualClock())
	outer := l.CreateTask("outer", func(ctx context.Context) (any, error) {
		inner := l.CreateTask("inner", func(ctx context.Context) (any, error) { return nil, Sleep(ctx, time.Hour) })
		return WaitFor(ctx, inner, time.Second)
	})
	_, err := l.RunUntilComplete(outer)
	var te *TimeoutError
	if !errors.As(err, &te) || outer.Cancelled() || errors.Is(err, ErrCancelled) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v (cancelled %v)", err, outer.Cancelled())
	}
	if l.Time() != time.Second {
		t.Fatalf("timed out at %v", l.Time())
	}
	l.Close()
}

func TestWaitForGather(t *testing.T) {
	combRun(t, "waitfor_gather", func(ctx context.Context, s *combScene) error {
		ts := []Awaitable{s.task("a", 100*ms, false), s.task("b", 500*ms, false), s.task("c", 700*ms, false)}
		g, err := s.l.Gather(false, ts...)
		if err != nil {
			return err
		}
		if _, err := WaitFor(ctx, g, 300*ms); errors.Is(err, ErrTimeout) {
			s.at("TimeoutError")
		}
		var states []any
		for _, tk := range ts {
			if tk.future().Cancelled() {
				states = append(states, tk.future().Name()+" cancelled")
			} else {
				states = append(states, tk.future().Name()+" done")
			}
		}
		s.say(pyList(states))
		g, _ = s.l.Gather(false, s.task("d", 100*ms, false), s.task("e", 200*ms, false))
		r, err := WaitFor(ctx, g, 300*ms)
		if err != nil {
			return err
		}
		s.at(pyList(r.([]any)))
		return nil
	})
}

// NoDeadline means no timeout for every combinator that takes one.
func TestNoDeadlineMeansNone(t *testing.T) {
	_, err := Run(func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		slow := func() *Task {
			return l.CreateTask("", func(ctx context.Context) (any, error) { return "late", Sleep(ctx, time.Hour) })
		}
		if r, err := WaitFor(ctx, slow(), NoDeadline); r != "late" || err != nil {
			t.Errorf("WaitFor: %v %v", r, err)
		}
		if done, _, err := WaitTimeout(ctx, []Awaitable{slow()}, AllCompleted, NoDeadline); len(done) != 1 || err != nil {
			t.Errorf("WaitTimeout: %v %v", done, err)
		}
		c, _ := AsCompletedTimeout([]Awaitable{slow()}, NoDeadline)
		if r, err := c.Next(ctx); r != "late" || err != nil {
			t.Errorf("AsCompletedTimeout: %v %v", r, err)
		}
		if _, err := Timeout(ctx, NoDeadline, func(ctx context.Context) (any, error) { return nil, Sleep(ctx, time.Hour) }); err != nil {
			t.Errorf("Timeout: %v", err)
		}
		if l.Time() != 4*time.Hour {
			t.Errorf("took %v", l.Time())
		}
		return nil, nil
	}, VirtualClock())
	if err != nil {
		t.Fatal(err)
	}
}
