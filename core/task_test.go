package core

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// cancelMsg is the message a cancellation error carries ("" if none).
func cancelMsg(err error) string {
	var ce *CancelledError
	if errors.As(err, &ce) {
		return ce.Msg
	}
	return "not a cancellation: " + errString(err)
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func TestTaskRoundRobin(t *testing.T) {
	var out lines
	runPinned(t, "task_round_robin", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		var ts []*Task
		for _, w := range []struct {
			name string
			n    int
		}{{"a", 3}, {"b", 2}, {"c", 3}} {
			ts = append(ts, l.CreateTask("", func(ctx context.Context) (any, error) {
				for i := range w.n {
					out.add("%s %d", w.name, i)
					if err := Sleep(ctx, 0); err != nil {
						return nil, err
					}
				}
				out.add("%s done", w.name)
				return nil, nil
			}))
		}
		return nil, awaitEach(ctx, ts...)
	})
}

func TestTaskAwaitsTask(t *testing.T) {
	var out lines
	runPinned(t, "task_awaits_task", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		outer := l.CreateTask("", func(ctx context.Context) (any, error) {
			out.add("outer starts")
			inner := l.CreateTask("", func(ctx context.Context) (any, error) {
				out.add("inner starts")
				if err := Sleep(ctx, 10*time.Millisecond); err != nil {
					return nil, err
				}
				out.add("inner returns")
				return 7, nil
			})
			out.add("outer awaits inner")
			v, err := Await(ctx, inner)
			if err != nil {
				return nil, err
			}
			out.add("outer got %v", v)
			return v.(int) * 2, nil
		})
		v, err := Await(ctx, outer)
		out.add("main got %v", v)
		return nil, err
	})
}

func TestCancelWhileSleeping(t *testing.T) {
	var out lines
	runPinned(t, "task_cancel_sleeping", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		tk := l.CreateTask("", func(ctx context.Context) (any, error) {
			defer out.add("sleeper cleanup")
			out.add("sleeper sleeps")
			if err := Sleep(ctx, 10*time.Second); err != nil {
				out.add("sleeper cancelled: %s", cancelMsg(err))
				return nil, err
			}
			out.add("never")
			return nil, nil
		})
		if err := Sleep(ctx, 10*time.Millisecond); err != nil {
			return nil, err
		}
		out.add("cancel returns %s", py(tk.Cancel("shutting down")))
		out.add("cancelling: %d", tk.Cancelling())
		if _, err := Await(ctx, tk); errors.Is(err, ErrCancelled) && errors.Is(err, context.Canceled) {
			out.add("main sees CancelledError")
		}
		out.add("cancelled: %s done: %s", py(tk.Cancelled()), py(tk.Done()))
		if l.Time() != 10*time.Millisecond {
			t.Errorf("time %v: the cancelled sleep should not have been waited for", l.Time())
		}
		if liveTimers(l) != 0 {
			t.Errorf("the cancelled sleep left %d timers", liveTimers(l))
		}
		return nil, nil
	})
}

func TestCancelBeforeFirstStep(t *testing.T) {
	var out lines
	runPinned(t, "task_cancel_before_start", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		tk := l.CreateTask("", func(context.Context) (any, error) {
			out.add("body runs")
			return nil, nil
		})
		out.add("cancel: %s", py(tk.Cancel("")))
		tk.AddDoneCallback(func(f *Future) { out.add("done callback: cancelled = %s", py(f.Cancelled())) })
		for range 2 {
			if err := Sleep(ctx, 0); err != nil {
				return nil, err
			}
		}
		out.add("done: %s cancelled: %s", py(tk.Done()), py(tk.Cancelled()))
		return nil, nil
	})
}

func TestSwallowedCancel(t *testing.T) {
	var out lines
	runPinned(t, "task_swallow_cancel", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		tk := l.CreateTask("", func(ctx context.Context) (any, error) {
			if err := Sleep(ctx, 10*time.Second); errors.Is(err, ErrCancelled) {
				out.add("stubborn ignores the cancellation")
			}
			if err := Sleep(ctx, 0); err != nil {
				return nil, err
			}
			return "finished anyway", nil
		})
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		tk.Cancel("")
		v, err := Await(ctx, tk)
		if err != nil {
			return nil, err
		}
		out.add("result: %v", v)
		out.add("cancelled: %s cancelling: %d", py(tk.Cancelled()), tk.Cancelling())
		return nil, nil
	})
}

func TestDoubleCancel(t *testing.T) {
	var out lines
	runPinned(t, "task_double_cancel", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		tk := l.CreateTask("", func(ctx context.Context) (any, error) {
			err := Sleep(ctx, 10*time.Second)
			if err != nil {
				out.add("caught: %s", cancelMsg(err))
				out.add("cancelling inside: %d", CurrentTask(ctx).Cancelling())
			}
			return nil, err
		})
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		out.add("first cancel: %s", py(tk.Cancel("first")))
		out.add("second cancel: %s", py(tk.Cancel("second")))
		out.add("cancelling: %d", tk.Cancelling())
		if _, err := Await(ctx, tk); errors.Is(err, ErrCancelled) {
			out.add("main: task cancelled")
		}
		out.add("cancel after done: %s", py(tk.Cancel("")))
		return nil, nil
	})
}

func TestUncancel(t *testing.T) {
	var out lines
	runPinned(t, "task_uncancel", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		tk := l.CreateTask("", func(ctx context.Context) (any, error) {
			me := CurrentTask(ctx)
			for attempt := range 2 {
				if err := Sleep(ctx, 10*time.Second); errors.Is(err, ErrCancelled) {
					out.add("attempt %d cancelling: %d", attempt, me.Cancelling())
					out.add("uncancel -> %d", me.Uncancel())
				}
			}
			return "survived", nil
		})
		for range 2 {
			if err := Sleep(ctx, 0); err != nil {
				return nil, err
			}
			tk.Cancel("")
		}
		v, err := Await(ctx, tk)
		if err != nil {
			return nil, err
		}
		out.add("%v cancelling: %d", v, tk.Cancelling())
		return nil, nil
	})
}

func TestTaskCancelsItself(t *testing.T) {
	var out lines
	runPinned(t, "task_cancel_self", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		tk := l.CreateTask("", func(ctx context.Context) (any, error) {
			out.add("cancel self: %s", py(CurrentTask(ctx).Cancel("my own idea")))
			out.add("still running")
			err := Sleep(ctx, 0)
			if err != nil {
				out.add("cancelled at await: %s", cancelMsg(err))
			}
			return nil, err
		})
		if _, err := Await(ctx, tk); errors.Is(err, ErrCancelled) {
			out.add("main: cancelled = %s", py(tk.Cancelled()))
		}
		return nil, nil
	})
}

func TestCancelPropagatesToAwaitedTask(t *testing.T) {
	var out lines
	runPinned(t, "task_cancel_chain", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		inner := l.CreateTask("", func(ctx context.Context) (any, error) {
			defer out.add("inner cleanup")
			return nil, Sleep(ctx, 10*time.Second)
		})
		outer := l.CreateTask("", func(ctx context.Context) (any, error) {
			defer out.add("outer cleanup")
			return Await(ctx, inner)
		})
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		outer.Cancel("")
		if _, err := Await(ctx, outer); !errors.Is(err, ErrCancelled) {
			t.Errorf("awaiting the cancelled outer task: %v", err)
		}
		out.add("outer cancelled: %s inner cancelled: %s", py(outer.Cancelled()), py(inner.Cancelled()))
		return nil, nil
	})
}

func TestTaskException(t *testing.T) {
	var out lines
	runPinned(t, "task_exception", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		broken := errors.New("broken")
		tk := l.CreateTask("", func(ctx context.Context) (any, error) {
			if err := Sleep(ctx, 0); err != nil {
				return nil, err
			}
			return nil, broken
		})
		tk.AddDoneCallback(func(f *Future) { out.add("callback: done = %s", py(f.Done())) })
		if _, err := Await(ctx, tk); err == broken {
			out.add("await raised: %v", err)
		}
		out.add("exception(): %v cancelled: %s", tk.Exception(), py(tk.Cancelled()))
		return nil, nil
	})
}

// TestTaskPanicBecomesError: a panic in a task body fails that task (asyncio:
// an exception escaping the coroutine), and the loop goes on.
func TestTaskPanicBecomesError(t *testing.T) {
	l := newTestLoop(t)
	tk := l.CreateTask("", func(context.Context) (any, error) { panic("bad index") })
	_, err := l.RunUntilComplete(tk)
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Value != "bad index" || !strings.Contains(pe.Stack, "task_test.go") {
		t.Fatalf("want a *PanicError with the body's stack, got %v", err)
	}
	v, err := l.RunUntilComplete(l.CreateTask("", func(context.Context) (any, error) { return "next", nil }))
	if v != "next" || err != nil {
		t.Fatalf("the loop did not go on: %v %v", v, err)
	}
}

func TestDefaultTaskNames(t *testing.T) {
	var out lines
	runPinned(t, "task_default_names", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		out.add("main is %s", CurrentTask(ctx).Name())
		child := func(ctx context.Context) (any, error) {
			out.add("child running as %s", CurrentTask(ctx).Name())
			return nil, nil
		}
		ts := []*Task{l.CreateTask("", child), l.CreateTask("worker", child), l.CreateTask("", child)}
		var names []string
		for _, tk := range ts {
			names = append(names, "'"+tk.Name()+"'")
		}
		out.add("[%s]", strings.Join(names, ", "))
		return nil, awaitEach(ctx, ts...)
	})
}

func TestSleepZeroYieldsOnce(t *testing.T) {
	var out lines
	runPinned(t, "task_sleep_zero_yields_once", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		l.CallSoon(func() {
			out.add("cb1")
			l.CallSoon(func() { out.add("cb2 (scheduled by cb1)") })
		})
		out.add("before sleep(0)")
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		out.add("after sleep(0)")
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		out.add("after second sleep(0)")
		return nil, nil
	})
}

func TestTaskDoneCallbacks(t *testing.T) {
	var out lines
	runPinned(t, "task_done_callbacks", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		tk := l.CreateTask("", func(context.Context) (any, error) {
			out.add("quick runs")
			return "q", nil
		})
		for _, n := range []int{1, 2} {
			tk.AddDoneCallback(func(f *Future) {
				v, _ := f.Result()
				if f.Task() != tk {
					t.Error("the done-callback did not get the task's future")
				}
				out.add("callback %d: %v", n, v)
			})
		}
		out.add("main awaits")
		v, err := Await(ctx, tk)
		out.add("main got %v", v)
		return nil, err
	})
}

func TestAwaitCancelledTask(t *testing.T) {
	var out lines
	v, err := runTest(t, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		tk := l.CreateTask("", func(ctx context.Context) (any, error) {
			return nil, Sleep(ctx, 10*time.Second)
		})
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		tk.Cancel("")
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		out.add("done: %s cancelled: %s", py(tk.Done()), py(tk.Cancelled()))
		if _, err := Await(ctx, tk); errors.Is(err, ErrCancelled) {
			out.add("await raised CancelledError")
		}
		out.add("main goes on")
		return "ok", nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out.add("%v", v)
	pinned(t, "task_await_cancelled_task", out)
}

func TestSleepingTasksWakeByDeadline(t *testing.T) {
	var out lines
	runPinned(t, "task_sleep_times", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		var ts []*Task
		for _, n := range []struct {
			name string
			d    time.Duration
		}{{"long", 150}, {"short", 50}, {"mid-a", 100}, {"mid-b", 100}} {
			ts = append(ts, l.CreateTask("", func(ctx context.Context) (any, error) {
				if err := Sleep(ctx, n.d*time.Millisecond); err != nil {
					return nil, err
				}
				out.add("%s woke", n.name)
				return nil, nil
			}))
		}
		return nil, awaitEach(ctx, ts...)
	})
}

// TestAwaitMisuse: awaiting outside a task, with a stale ctx, on itself, on
// nil or on another loop's future is a clear error, never a hang.
func TestAwaitMisuse(t *testing.T) {
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	if _, err := Await(context.Background(), fut); !errors.Is(err, ErrNotInTask) {
		t.Errorf("Await outside a task: %v", err)
	}
	if err := Sleep(context.Background(), time.Second); !errors.Is(err, ErrNotInTask) {
		t.Errorf("Sleep outside a task: %v", err)
	}
	if _, err := Await(nil, fut); !errors.Is(err, ErrNotInTask) { //nolint:staticcheck // nil ctx is the misuse under test
		t.Errorf("Await(nil ctx): %v", err)
	}
	var stale context.Context
	other := NewLoop(VirtualClock())
	foreign := other.CreateFuture("")
	var self *Task
	self = l.CreateTask("", func(ctx context.Context) (any, error) {
		stale = ctx
		if _, err := Await(ctx, nil); !errors.Is(err, ErrNilCallback) {
			t.Errorf("Await(nil): %v", err)
		}
		if _, err := Await(ctx, foreign); !errors.Is(err, ErrForeignLoop) {
			t.Errorf("Await(foreign future): %v", err)
		}
		if _, err := Await(ctx, self); !errors.Is(err, ErrAwaitSelf) {
			t.Errorf("Await(self): %v", err)
		}
		return nil, nil
	})
	if _, err := l.RunUntilComplete(self); err != nil {
		t.Fatal(err)
	}
	// The task's ctx used from a plain callback, after the task ended.
	var fromCallback error
	l.CallSoon(func() { _, fromCallback = Await(stale, fut); l.Stop() })
	mustRun(t, l)
	if !errors.Is(fromCallback, ErrNotInTask) {
		t.Errorf("Await with a finished task's ctx: %v", fromCallback)
	}
	if CurrentTask(stale) != self || CurrentTask(context.Background()) != nil {
		t.Error("CurrentTask(ctx) does not find the ctx's task")
	}
}

// TestCloseKillsSuspendedTasks: closing a loop whose tasks still wait ends
// their coroutines (no goroutine leaks) and reports each one, as asyncio's
// "Task was destroyed but it is pending!".
func TestCloseKillsSuspendedTasks(t *testing.T) {
	var reports []string
	l := NewLoop(VirtualClock(), WithExceptionHandler(func(_ *Loop, c ExceptionContext) {
		reports = append(reports, c.Message)
	}))
	cleaned := false
	l.CreateTask("sleeper", func(ctx context.Context) (any, error) {
		defer func() { cleaned = true }()
		return nil, Sleep(ctx, time.Hour)
	})
	l.Stop()
	mustRun(t, l)
	l.Close()
	if !cleaned {
		t.Error("the suspended coroutine was not unwound")
	}
	if len(reports) != 1 || !strings.Contains(reports[0], `Task was destroyed but it is pending`) ||
		!strings.Contains(reports[0], `task "sleeper" was waiting on future "sleep"`) {
		t.Fatalf("reports: %q", reports)
	}
}

func TestCancelAfterWakeup(t *testing.T) {
	var out lines
	runPinned(t, "task_cancel_after_wakeup", &out, func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		waiter := func(f *Future) func(ctx context.Context) (any, error) {
			return func(ctx context.Context) (any, error) {
				v, err := Await(ctx, f)
				if err != nil {
					out.add("waiter cancelled: %s", cancelMsg(err))
					return nil, err
				}
				out.add("waiter got %v", v)
				return nil, nil
			}
		}
		fut := l.CreateFuture("")
		tk := l.CreateTask("", waiter(fut))
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		fut.SetResult("value")
		out.add("cancel: %s", py(tk.Cancel("too late")))
		if _, err := Await(ctx, tk); errors.Is(err, ErrCancelled) {
			out.add("t cancelled: %s", py(tk.Cancelled()))
		}
		plain := l.CreateFuture("")
		t2 := l.CreateTask("", waiter(plain))
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		t2.Cancel("stop waiting")
		out.add("plain future cancelled at once: %s", py(plain.Cancelled()))
		if _, err := Await(ctx, t2); errors.Is(err, ErrCancelled) {
			out.add("t2 cancelled: %s", py(t2.Cancelled()))
		}
		return nil, nil
	})
}
