package core

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestTaskGroupOK(t *testing.T) {
	combRun(t, "taskgroup_ok", func(ctx context.Context, s *combScene) error {
		var a, b *Task
		err := WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			a, _ = tg.CreateTask("a", s.work("a", 200*ms, false))
			b, _ = tg.CreateTask("b", s.work("b", 100*ms, false))
			s.at("body done")
			return nil
		})
		if err != nil {
			return err
		}
		ra, _ := a.Result()
		rb, _ := b.Result()
		s.at("group done:", ra, rb)
		return nil
	})
}

func TestTaskGroupFailure(t *testing.T) {
	combRun(t, "taskgroup_failure", func(ctx context.Context, s *combScene) error {
		err := WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			tg.CreateTask("a", s.work("a", time.Second, false))
			tg.CreateTask("b", s.work("b", 200*ms, true))
			err := Sleep(ctx, 5*time.Second)
			if errors.Is(err, ErrCancelled) {
				s.at("body cancelled")
			}
			return err
		})
		var ve valueError
		if errors.As(err, &ve) {
			s.at("caught", err)
		}
		s.say("cancelling:", CurrentTask(ctx).Cancelling())
		if err := Sleep(ctx, 100*ms); err != nil {
			return err
		}
		s.at("main goes on")
		return nil
	})
}

func TestTaskGroupTwoFailures(t *testing.T) {
	combRun(t, "taskgroup_two_failures", func(ctx context.Context, s *combScene) error {
		failOnCancel := func(ctx context.Context) (any, error) {
			if err := Sleep(ctx, time.Second); err != nil {
				s.at("c fails during cleanup")
				return nil, keyError("c")
			}
			return nil, nil
		}
		err := WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			tg.CreateTask("a", s.work("a", 100*ms, true))
			tg.CreateTask("c", failOnCancel)
			return nil
		})
		var ge *TaskGroupError
		if errors.As(err, &ge) {
			s.at(err)
			s.say(strings.SplitN(err.Error(), ":", 2)[0])
		}
		err = WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			tg.CreateTask("x", s.work("x", 100*ms, true))
			tg.CreateTask("y", s.work("y", 100*ms, true))
			return nil
		})
		if errors.As(err, &ge) {
			s.at(err)
		}
		return nil
	})
}

func TestTaskGroupAddAfterAbort(t *testing.T) {
	combRun(t, "taskgroup_add_after_abort", func(ctx context.Context, s *combScene) error {
		var group *TaskGroup
		protected := func(ctx context.Context) (any, error) {
			err := Sleep(ctx, time.Second)
			if err != nil {
				if err := Sleep(ctx, 200*ms); err != nil {
					return nil, err
				}
				if _, aerr := group.CreateTask("late", s.work("late", 100*ms, false)); aerr != nil {
					s.at("adding while shutting down:", errors.Is(aerr, ErrGroupShuttingDown))
				} else {
					s.say("late task added (wrong)")
				}
			}
			return nil, err
		}
		err := WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			group = tg
			tg.CreateTask("a", s.work("a", 100*ms, true))
			tg.CreateTask("p", protected)
			return nil
		})
		if err != nil {
			s.at(err)
		}
		_, aerr := group.CreateTask("after", s.work("after", 100*ms, false))
		s.say("adding after the block:", errors.Is(aerr, ErrGroupFinished))
		return nil
	})
}

func TestTaskGroupBodyError(t *testing.T) {
	combRun(t, "taskgroup_body_error", func(ctx context.Context, s *combScene) error {
		err := WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			tg.CreateTask("a", s.work("a", time.Second, false))
			if err := Sleep(ctx, 100*ms); err != nil {
				return err
			}
			return valueError("body")
		})
		s.at(err)
		err = WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			tg.CreateTask("b", s.work("b", 100*ms, true))
			return Sleep(ctx, 300*ms)
		})
		s.at(err)
		return nil
	})
}

func TestTaskGroupParentCancelled(t *testing.T) {
	combRun(t, "taskgroup_parent_cancelled", func(ctx context.Context, s *combScene) error {
		r := s.l.CreateTask("runner", func(ctx context.Context) (any, error) {
			err := WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
				tg.CreateTask("a", s.work("a", time.Second, false))
				s.at("body done, waiting for the group")
				return nil
			})
			if errors.Is(err, ErrCancelled) {
				s.at("runner: CancelledError out of the group")
			}
			return nil, err
		})
		if err := Sleep(ctx, 200*ms); err != nil {
			return err
		}
		r.Cancel("")
		if _, err := Await(ctx, r); errors.Is(err, ErrCancelled) {
			s.at("runner cancelled:", r.Cancelled())
		}
		return nil
	})
}

func TestTaskGroupErrorSeenThrough(t *testing.T) {
	sentinel := errors.New("disk full")
	_, err := Run(func(ctx context.Context) (any, error) {
		return nil, WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			tg.CreateTask("w", func(ctx context.Context) (any, error) { return nil, valueError("bad") })
			tg.CreateTask("x", func(ctx context.Context) (any, error) {
				return nil, errors.Join(errors.New("writing"), sentinel)
			})
			return nil
		})
	}, VirtualClock())
	var ge *TaskGroupError
	var ve valueError
	if !errors.As(err, &ge) || len(ge.Errs) != 2 || !errors.Is(err, sentinel) || !errors.As(err, &ve) || errors.Is(err, ErrCancelled) {
		t.Fatalf("got %v", err)
	}
	want := "unhandled errors in a TaskGroup (2 sub-exceptions): bad; writing\ndisk full"
	if err.Error() != want {
		t.Fatalf("message %q", err.Error())
	}
}

func TestTaskGroupBodyPanic(t *testing.T) {
	var cancelled bool
	_, err := Run(func(ctx context.Context) (any, error) {
		return nil, WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			tg.CreateTask("sibling", func(ctx context.Context) (any, error) {
				err := Sleep(ctx, time.Hour)
				cancelled = errors.Is(err, ErrCancelled)
				return nil, err
			})
			Sleep(ctx, time.Second) // let the sibling start
			panic("oops")
		})
	}, VirtualClock())
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Value != "oops" || !cancelled {
		t.Fatalf("got %v, sibling cancelled %v", err, cancelled)
	}
}

func TestTaskGroupMisuse(t *testing.T) {
	if err := WithTaskGroup(context.Background(), func(context.Context, *TaskGroup) error { return nil }); !errors.Is(err, ErrNotInTask) {
		t.Fatalf("outside a task: %v", err)
	}
	_, err := Run(func(ctx context.Context) (any, error) {
		if err := WithTaskGroup(ctx, nil); !errors.Is(err, ErrNilCallback) {
			t.Errorf("nil body: %v", err)
		}
		return nil, WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			if _, err := tg.CreateTask("", nil); !errors.Is(err, ErrNilCallback) {
				t.Errorf("nil task fn: %v", err)
			}
			return nil
		})
	}, VirtualClock())
	if err != nil {
		t.Fatal(err)
	}
}

// The combinators show up in the timeline by name: a timeout's expiry, a
// group's abort (naming the task that failed), wait_for's expiry, and the
// futures gather and wait suspend on.
func TestCombinatorTraceEvents(t *testing.T) {
	rec := &Recorder{}
	l := NewLoop(VirtualClock(), WithTracer(rec))
	var bad *Task
	_, err := l.RunMain(func(ctx context.Context) (any, error) {
		Timeout(ctx, time.Second, func(ctx context.Context) (any, error) { return nil, Sleep(ctx, time.Hour) })
		WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			bad, _ = tg.CreateTask("bad", func(ctx context.Context) (any, error) { return nil, errors.New("boom") })
			return Sleep(ctx, time.Hour)
		})
		slow := l.CreateTask("slow", func(ctx context.Context) (any, error) { return nil, Sleep(ctx, time.Hour) })
		WaitFor(ctx, slow, time.Second)
		a := l.CreateTask("a", func(ctx context.Context) (any, error) { return 1, nil })
		Gather(ctx, a, slow)
		Wait(ctx, []Awaitable{a}, FirstCompleted)
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind         Kind
		name, detail string
		value        string
		ref          uint64
	}{
		{KindExpire, "Task-1", "timeout", `timeout 1s expired: cancelling task "Task-1"`, 0},
		{KindAbort, `TaskGroup in task "Task-1"`, "abort", `task "bad" failed: boom; cancelling the body and 0 tasks still running`, bad.ID()},
		{KindExpire, "Task-1", "wait_for", `timeout 1s: cancelling task "slow"`, 0},
		{KindFutCreate, "gather(a, slow)", "", "", 0},
		{KindFutCreate, "wait FIRST_COMPLETED(a)", "", "", 0},
	}
	i := 0
	for _, ev := range rec.Events {
		if i < len(want) && ev.Kind == want[i].kind && ev.Name == want[i].name {
			w := want[i]
			if ev.Detail != w.detail || ev.Value != w.value || (w.ref != 0 && ev.Ref != w.ref) {
				t.Errorf("%s %s: detail %q value %q ref %d", ev.Kind, ev.Name, ev.Detail, ev.Value, ev.Ref)
			}
			i++
		}
	}
	if i != len(want) {
		t.Fatalf("missing event %+v", want[i])
	}
}

// A gather that can never finish is named in the deadlock report.
func TestGatherNamedInDeadlock(t *testing.T) {
	l := NewLoop(VirtualClock(), WithStderr(io.Discard))
	never := l.CreateFuture("never")
	a := l.CreateTask("a", func(ctx context.Context) (any, error) { return Await(ctx, never) })
	b := l.CreateTask("b", func(ctx context.Context) (any, error) { return 2, nil })
	main := l.CreateTask("main", func(ctx context.Context) (any, error) { return Gather(ctx, a, b) })
	_, err := l.RunUntilComplete(main)
	if !errors.Is(err, ErrStuck) || !strings.Contains(err.Error(), `task "main" waits on future "gather(a, b)"`) {
		t.Fatalf("got %v", err)
	}
	l.Close()
}
