package core

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestTimeoutExpire(t *testing.T) {
	combRun(t, "timeout_expire", func(ctx context.Context, s *combScene) error {
		_, err := Timeout(ctx, 200*ms, func(ctx context.Context) (any, error) {
			err := Sleep(ctx, time.Second)
			if errors.Is(err, ErrCancelled) {
				s.at("body sees CancelledError")
			}
			return nil, err
		})
		if errors.Is(err, ErrTimeout) {
			s.at("caught", err)
		}
		s.say("cancelling:", CurrentTask(ctx).Cancelling())
		if _, err := Timeout(ctx, 500*ms, func(ctx context.Context) (any, error) { return nil, Sleep(ctx, 100*ms) }); err != nil {
			return err
		}
		s.at("in time")
		if err := Sleep(ctx, time.Second); err != nil {
			return err
		}
		s.at("the old deadline did not fire")
		return nil
	})
}

func TestTimeoutNestedInner(t *testing.T) {
	combRun(t, "timeout_nested_inner", func(ctx context.Context, s *combScene) error {
		_, err := Timeout(ctx, 500*ms, func(ctx context.Context) (any, error) {
			_, err := Timeout(ctx, 100*ms, func(ctx context.Context) (any, error) { return nil, Sleep(ctx, time.Second) })
			if errors.Is(err, ErrTimeout) {
				s.at("inner timeout")
			}
			if err := Sleep(ctx, 200*ms); err != nil {
				return nil, err
			}
			s.at("outer body continues")
			return nil, Sleep(ctx, time.Second)
		})
		if errors.Is(err, ErrTimeout) {
			s.at("outer timeout")
		}
		s.say("cancelling:", CurrentTask(ctx).Cancelling())
		return nil
	})
}

func TestTimeoutNestedOuter(t *testing.T) {
	combRun(t, "timeout_nested_outer", func(ctx context.Context, s *combScene) error {
		_, err := Timeout(ctx, 200*ms, func(ctx context.Context) (any, error) {
			_, err := Timeout(ctx, time.Second, func(ctx context.Context) (any, error) { return nil, Sleep(ctx, 2*time.Second) })
			switch {
			case errors.Is(err, ErrTimeout):
				s.at("inner timeout (wrong)")
			case errors.Is(err, ErrCancelled):
				s.at("inner lets CancelledError through")
			}
			return nil, err
		})
		if errors.Is(err, ErrTimeout) {
			s.at("outer timeout")
		}
		s.say("cancelling:", CurrentTask(ctx).Cancelling())
		return nil
	})
}

func TestTimeoutForeignCancel(t *testing.T) {
	combRun(t, "timeout_foreign_cancel", func(ctx context.Context, s *combScene) error {
		body := func(deadline time.Duration, cancelAtDeadline bool) func(ctx context.Context) (any, error) {
			return func(ctx context.Context) (any, error) {
				when := s.l.Time() + deadline
				_, err := TimeoutAt(ctx, when, func(ctx context.Context) (any, error) {
					if cancelAtDeadline {
						me := CurrentTask(ctx)
						s.l.CallAt(when, func() { me.Cancel("") })
					}
					return nil, Sleep(ctx, time.Second)
				})
				switch {
				case errors.Is(err, ErrTimeout):
					s.at("TimeoutError (wrong)")
				case errors.Is(err, ErrCancelled):
					s.at("CancelledError passes through; cancelling:", CurrentTask(ctx).Cancelling())
				}
				return nil, err
			}
		}
		tk := s.l.CreateTask("t", body(500*ms, false))
		s.l.CallLater(200*ms, func() { tk.Cancel("") })
		if _, err := Await(ctx, tk); errors.Is(err, ErrCancelled) {
			s.at("t cancelled:", tk.Cancelled())
		}
		u := s.l.CreateTask("u", body(200*ms, true))
		if _, err := Await(ctx, u); errors.Is(err, ErrCancelled) {
			s.at("u cancelled:", u.Cancelled())
		}
		return nil
	})
}

func TestTimeoutSwallowed(t *testing.T) {
	combRun(t, "timeout_swallowed", func(ctx context.Context, s *combScene) error {
		_, err := Timeout(ctx, 100*ms, func(ctx context.Context) (any, error) {
			if err := Sleep(ctx, time.Second); errors.Is(err, ErrCancelled) {
				s.at("body swallows the cancellation")
			}
			return nil, nil
		})
		if err != nil {
			return err
		}
		s.at("after the block; cancelling:", CurrentTask(ctx).Cancelling())
		return nil
	})
}

func TestTimeoutAtPast(t *testing.T) {
	combRun(t, "timeout_at_past", func(ctx context.Context, s *combScene) error {
		s.l.CallSoon(func() { s.say("ready before the expiry") })
		_, err := TimeoutAt(ctx, s.l.Time()-time.Second, func(ctx context.Context) (any, error) {
			s.say("body starts")
			if err := Sleep(ctx, 0); err != nil {
				return nil, err
			}
			s.say("body after first await (wrong)")
			return nil, nil
		})
		if errors.Is(err, ErrTimeout) {
			s.at("TimeoutError")
		}
		_, err = Timeout(ctx, 0, func(ctx context.Context) (any, error) {
			s.say("zero: body starts")
			return nil, Sleep(ctx, 500*ms)
		})
		if errors.Is(err, ErrTimeout) {
			s.at("zero: TimeoutError")
		}
		return nil
	})
}

func TestTimeoutResultAndMisuse(t *testing.T) {
	_, err := Run(func(ctx context.Context) (any, error) {
		r, err := Timeout(ctx, time.Second, func(ctx context.Context) (any, error) { return 42, nil })
		if r != 42 || err != nil {
			t.Errorf("result passed through as %v, %v", r, err)
		}
		if _, err := Timeout(ctx, time.Second, nil); !errors.Is(err, ErrNilCallback) {
			t.Errorf("nil body: %v", err)
		}
		if _, err := Timeout(context.Background(), time.Second, func(context.Context) (any, error) { return nil, nil }); !errors.Is(err, ErrNotInTask) {
			t.Errorf("outside a task: %v", err)
		}
		// A timeout error is an error of its own, not a cancellation.
		_, err = Timeout(ctx, time.Millisecond, func(ctx context.Context) (any, error) { return nil, Sleep(ctx, time.Second) })
		if !errors.Is(err, ErrTimeout) || errors.Is(err, ErrCancelled) {
			t.Errorf("expiry gave %v", err)
		}
		return nil, nil
	}, VirtualClock())
	if err != nil {
		t.Fatal(err)
	}
}

func TestTimeoutPanicDisarms(t *testing.T) {
	// A body that panics (and a caller that recovers) must not leave the
	// deadline armed to cancel the task later.
	l := NewLoop(VirtualClock())
	tk := l.CreateTask("main", func(ctx context.Context) (any, error) {
		func() {
			defer func() { recover() }()
			Timeout(ctx, 100*ms, func(ctx context.Context) (any, error) { panic("boom") })
		}()
		return "survived", Sleep(ctx, time.Second)
	})
	r, err := l.RunUntilComplete(tk)
	if r != "survived" || err != nil {
		t.Fatalf("got %v, %v", r, err)
	}
	l.Close()
}

func TestTimeoutReschedule(t *testing.T) {
	combRun(t, "timeout_reschedule", func(ctx context.Context, s *combScene) error {
		_, err := Timeout(ctx, 100*ms, func(ctx context.Context) (any, error) {
			cm := CurrentTimeout(ctx)
			if err := cm.Reschedule(s.l.Time() + 500*ms); err != nil {
				return nil, err
			}
			if err := Sleep(ctx, 300*ms); err != nil {
				return nil, err
			}
			s.at("still inside after 0.3; expired:", cm.Expired())
			cm.Reschedule(NoDeadline)
			s.say("when is None:", cm.When() == NoDeadline)
			return nil, Sleep(ctx, time.Second)
		})
		if err != nil {
			return err
		}
		s.at("no deadline, no timeout")
		var cm *TimeoutScope
		_, err = Timeout(ctx, NoDeadline, func(ctx context.Context) (any, error) {
			cm = CurrentTimeout(ctx)
			if err := Sleep(ctx, 100*ms); err != nil {
				return nil, err
			}
			cm.Reschedule(s.l.Time() - time.Second)
			s.at("moved into the past")
			return nil, Sleep(ctx, time.Second)
		})
		if errors.Is(err, ErrTimeout) {
			s.at("TimeoutError; expired:", cm.Expired())
		}
		if err := cm.Reschedule(s.l.Time() + time.Second); err != nil {
			s.say("reschedule after expiry:", "RuntimeError")
		}
		return nil
	})
}

func TestTimeoutTaskGroup(t *testing.T) {
	combRun(t, "timeout_taskgroup", func(ctx context.Context, s *combScene) error {
		_, err := Timeout(ctx, 300*ms, func(ctx context.Context) (any, error) {
			return nil, WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
				tg.CreateTask("a", s.work("a", 100*ms, false))
				tg.CreateTask("b", s.work("b", time.Second, false))
				s.at("body waits for the group")
				return nil
			})
		})
		if errors.Is(err, ErrTimeout) {
			s.at("TimeoutError; cancelling:", CurrentTask(ctx).Cancelling())
		}
		_, err = Timeout(ctx, 300*ms, func(ctx context.Context) (any, error) {
			return nil, WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
				tg.CreateTask("c", s.work("c", 100*ms, true))
				tg.CreateTask("d", s.work("d", time.Second, false))
				return nil
			})
		})
		var ge *TaskGroupError
		switch {
		case errors.Is(err, ErrTimeout):
			s.say("TimeoutError (wrong)")
		case errors.As(err, &ge):
			// CPython 3.11 leaves the group's own cancellation request
			// counted when the failure comes after the body ended.
			s.at(err, "cancelling:", CurrentTask(ctx).Cancelling())
		}
		if err := Sleep(ctx, time.Second); err != nil {
			return err
		}
		s.at("no stray cancellation")
		return nil
	})
}

func TestTimeoutScopeOutside(t *testing.T) {
	if CurrentTimeout(context.Background()) != nil || CurrentTimeout(nil) != nil {
		t.Fatal("a timeout outside any Timeout body")
	}
}
