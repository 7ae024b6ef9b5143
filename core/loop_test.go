package core

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// newTestLoop is a virtual-clock loop whose default exception handler writes
// to a buffer that must stay empty: a scenario that reports an error it did
// not expect fails.
func newTestLoop(t *testing.T, opts ...Option) *Loop {
	t.Helper()
	var stderr bytes.Buffer
	t.Cleanup(func() {
		if stderr.Len() > 0 {
			t.Errorf("unexpected report on the loop's stderr:\n%s", stderr.String())
		}
	})
	return NewLoop(append([]Option{VirtualClock(), WithStderr(&stderr)}, opts...)...)
}

// runTest is Run on the virtual clock with the same stderr check.
func runTest(t *testing.T, main func(ctx context.Context) (any, error)) (any, error) {
	t.Helper()
	return newTestLoop(t).RunMain(main)
}

// runPinned runs main as the main task of a test loop, then compares what
// it wrote to out with the pinned scenario name.
func runPinned(t *testing.T, name string, out *lines, main func(ctx context.Context) (any, error)) {
	t.Helper()
	if _, err := runTest(t, main); err != nil {
		t.Fatal(err)
	}
	pinned(t, name, *out)
}

// py writes a bool the way Python prints it, so lines compare with the pins.
func py(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// pyMsg is the message CPython gives for the same misuse, so that core's
// error kinds can be compared with the pinned lines.
func pyMsg(err error) string {
	switch {
	case err == nil:
		return "no error"
	case errors.Is(err, ErrLoopRunning):
		return "This event loop is already running"
	case errors.Is(err, ErrCloseRunning):
		return "Cannot close a running event loop"
	case errors.Is(err, ErrLoopClosed):
		return "Event loop is closed"
	case errors.Is(err, ErrStoppedEarly):
		return "Event loop stopped before Future completed."
	}
	return "unexpected: " + err.Error()
}

// catch runs f and returns what it panicked with, as an error.
func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	f()
	return nil
}

func mustRun(t *testing.T, l *Loop) {
	t.Helper()
	if err := l.RunForever(); err != nil {
		t.Fatal(err)
	}
}

func TestNestedScheduling(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	count := 0
	var cb func(name string, depth int) func()
	cb = func(name string, depth int) func() {
		return func() {
			out.add("%s", name)
			if count++; count == 6 {
				l.Stop()
			}
			if depth > 0 {
				l.CallSoon(cb(name+"+", depth-1))
			}
		}
	}
	l.CallSoon(cb("a", 2))
	l.CallSoon(cb("b", 1))
	l.CallSoon(cb("c", 0))
	mustRun(t, l)
	l.Close()
	pinned(t, "loop_nested_scheduling", out)
}

func TestCallLaterZeroAfterCallSoon(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	cb := func(name string) func() { return func() { out.add("%s", name) } }
	l.CallSoon(cb("soon-1"))
	l.CallLater(0, cb("later-0"))
	l.CallSoon(cb("soon-2"))
	l.CallLater(-time.Second, cb("later-negative"))
	l.CallSoon(cb("soon-3"))
	l.CallLater(time.Millisecond, l.Stop)
	mustRun(t, l)
	l.Close()
	pinned(t, "loop_call_later_zero", out)
}

func TestTimerOrder(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	cb := func(name string) func() { return func() { out.add("%s", name) } }
	l.CallLater(400*time.Millisecond, cb("400ms"))
	l.CallLater(100*time.Millisecond, cb("100ms"))
	l.CallLater(200*time.Millisecond, cb("200ms"))
	l.CallLater(300*time.Millisecond, cb("300ms"))
	l.CallLater(500*time.Millisecond, l.Stop)
	mustRun(t, l)
	if got := l.Time(); got != 500*time.Millisecond {
		t.Errorf("virtual time after the last timer = %v, want 500ms", got)
	}
	l.Close()
	pinned(t, "loop_timer_order", out)
}

func TestEqualDeadlines(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	done := l.CreateFuture("")
	count := 0
	cb := func(name string) func() {
		return func() {
			out.add("%s", name)
			if count++; count == 3 {
				done.SetResult(nil)
			}
		}
	}
	when := l.Time() + 10*time.Millisecond
	l.CallAt(when, cb("first"))
	l.CallAt(when, cb("second"))
	l.CallAt(when, cb("third"))
	if _, err := l.RunUntilComplete(done); err != nil {
		t.Fatal(err)
	}
	l.Close()
	pinned(t, "loop_equal_deadlines", out)
}

// TestEqualDeadlinesManyKeepSchedulingOrder checks core's documented choice
// where CPython's heap gives no promise: any number of ties, mixed with
// other deadlines and cancellations, fire in scheduling order.
func TestEqualDeadlinesManyKeepSchedulingOrder(t *testing.T) {
	l := newTestLoop(t)
	var got []int
	var handles []*TimerHandle
	for i := 0; i < 200; i++ {
		i := i
		d := time.Duration(i%3) * time.Millisecond
		handles = append(handles, l.CallLater(d, func() { got = append(got, i) }))
	}
	for i := 0; i < 200; i += 7 {
		handles[i].Cancel()
	}
	l.CallLater(5*time.Millisecond, l.Stop)
	mustRun(t, l)
	var want []int
	for r := 0; r < 3; r++ {
		for i := r; i < 200; i += 3 {
			if i%7 != 0 {
				want = append(want, i)
			}
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("fired %v\nwant     %v", got, want)
	}
}

func TestCallAtVersusCallLater(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	t0 := l.Time()
	cb := func(name string) func() { return func() { out.add("%s", name) } }
	later := func(d time.Duration, name string) time.Duration {
		before := l.Time()
		return l.CallLater(d, cb(name)).When() - before
	}
	offsets := []time.Duration{
		later(200*time.Millisecond, "later 200ms"),
		l.CallAt(t0+100*time.Millisecond, cb("at 100ms")).When() - t0,
		l.CallAt(t0+400*time.Millisecond, cb("at 400ms")).When() - t0,
		later(150*time.Millisecond, "later 150ms"),
	}
	for _, o := range offsets {
		out.add("%d", o/time.Millisecond)
	}
	l.CallAt(t0+500*time.Millisecond, l.Stop)
	mustRun(t, l)
	l.Close()
	pinned(t, "loop_call_at_vs_later", out)
}

func TestHandleCancel(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	cb := func(name string) func() { return func() { out.add("%s", name) } }
	h1 := l.CallSoon(cb("one"))
	h2 := l.CallSoon(cb("two"))
	h3 := l.CallSoon(cb("three"))
	h2.Cancel()
	out.add("h2 cancelled: %s", py(h2.Cancelled()))
	var h5 *Handle
	var tm *TimerHandle
	l.CallSoon(func() {
		out.add("killer")
		h5.Cancel()
		tm.Cancel()
	})
	h5 = l.CallSoon(cb("five"))
	tm = l.CallLater(10*time.Millisecond, cb("timer"))
	l.CallLater(20*time.Millisecond, cb("other timer"))
	l.CallLater(30*time.Millisecond, l.Stop)
	h1.Cancel()
	h1.Cancel()
	out.add("h1 cancelled: %s h3 cancelled: %s", py(h1.Cancelled()), py(h3.Cancelled()))
	mustRun(t, l)
	out.add("timer cancelled: %s", py(tm.Cancelled()))
	if liveTimers(l) != 0 {
		t.Errorf("%d timers left in the heap", liveTimers(l))
	}
	l.Close()
	pinned(t, "loop_handle_cancel", out)
}

func TestStopMidBatch(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	cb := func(name string) func() { return func() { out.add("%s", name) } }
	l.CallSoon(func() {
		out.add("a")
		l.CallSoon(cb("scheduled by a"))
	})
	l.CallSoon(func() {
		out.add("stop")
		l.Stop()
		l.CallSoon(cb("scheduled by stopper"))
	})
	l.CallSoon(cb("b"))
	mustRun(t, l)
	out.add("run_forever returned, running: %s", py(l.IsRunning()))
	l.CallSoon(l.Stop)
	mustRun(t, l)
	out.add("second run returned")
	l.Close()
	pinned(t, "loop_stop_mid_batch", out)
}

func TestStopBeforeRun(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	cb := func(name string) func() { return func() { out.add("%s", name) } }
	l.CallSoon(func() {
		out.add("a")
		l.CallSoon(cb("scheduled by a"))
	})
	l.CallLater(0, cb("due timer"))
	l.CallLater(10*time.Second, cb("far timer"))
	l.Stop()
	mustRun(t, l)
	out.add("one iteration done")
	l.Stop()
	mustRun(t, l)
	out.add("second iteration done")
	if l.Time() != 0 {
		t.Errorf("time moved to %v although the loop never waited", l.Time())
	}
	l.Close()
	pinned(t, "loop_stop_before_run", out)
}

func TestReentryAndCloseErrors(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	l.CallSoon(func() {
		out.add("run_forever inside: %s", pyMsg(l.RunForever()))
		_, err := l.RunUntilComplete(l.CreateFuture(""))
		out.add("run_until_complete inside: %s", pyMsg(err))
		out.add("close inside: %s", pyMsg(l.Close()))
		out.add("running: %s", py(l.IsRunning()))
		l.Stop()
	})
	mustRun(t, l)
	out.add("running: %s closed: %s", py(l.IsRunning()), py(l.IsClosed()))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatalf("closing twice: %v", err)
	}
	out.add("closed: %s", py(l.IsClosed()))
	noop := func() {}
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"call_soon", func() { l.CallSoon(noop) }},
		{"call_later", func() { l.CallLater(time.Second, noop) }},
		{"call_at", func() { l.CallAt(time.Second, noop) }},
		{"run_forever", func() {
			if err := l.RunForever(); err != nil {
				panic(err)
			}
		}},
		{"call_soon_threadsafe", func() { l.CallSoonThreadsafe(noop) }},
	} {
		out.add("%s after close: %s", c.name, pyMsg(catch(c.f)))
	}
	pinned(t, "loop_reentry_errors", out)
}

func TestExceptionHandlerKeepsLoopAlive(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	l.SetExceptionHandler(func(_ *Loop, c ExceptionContext) {
		out.add("handler: %v", errors.Unwrap(c.Err))
	})
	bad := func(n int) func() {
		return func() {
			out.add("bad %d", n)
			panic(fmt.Errorf("boom %d", n))
		}
	}
	var good func(name string) func()
	good = func(name string) func() {
		return func() {
			out.add("%s", name)
			if name == "after" {
				l.CallSoon(bad(2))
				l.CallSoon(good("last"))
			}
			if name == "last" {
				l.Stop()
			}
		}
	}
	l.CallSoon(bad(1))
	l.CallSoon(good("after"))
	mustRun(t, l)
	out.add("loop still usable: %s", py(!l.IsClosed()))
	l.Close()
	pinned(t, "loop_exception_handler", out)
}

// TestDefaultExceptionHandlerReports checks the default handler: the panic
// reaches the loop's stderr with its value, and the loop goes on.
func TestDefaultExceptionHandlerReports(t *testing.T) {
	var stderr bytes.Buffer
	l := NewLoop(VirtualClock(), WithStderr(&stderr))
	ran := false
	l.CallSoon(func() { panic("kaboom") })
	l.CallSoon(func() { ran = true; l.Stop() })
	if err := l.RunForever(); err != nil {
		t.Fatal(err)
	}
	if !ran || !strings.Contains(stderr.String(), "Exception in callback: panic: kaboom") {
		t.Fatalf("ran=%v stderr=%q", ran, stderr.String())
	}
}

func TestTimerSchedulesSoon(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	cb := func(name string) func() { return func() { out.add("%s", name) } }
	l.CallLater(10*time.Millisecond, func() {
		out.add("timer 10ms")
		l.CallSoon(cb("soon from timer"))
		l.CallLater(0, cb("later(0) from timer"))
	})
	l.CallLater(100*time.Millisecond, cb("timer 100ms"))
	l.CallLater(200*time.Millisecond, l.Stop)
	mustRun(t, l)
	l.Close()
	pinned(t, "loop_timer_schedules_soon", out)
}

func TestThreadsafeWakesWaitingLoop(t *testing.T) {
	for _, clock := range []Option{VirtualClock(), RealClock()} {
		var out lines
		l := newTestLoop(t, clock)
		fut := l.CreateFuture("")
		l.CallSoon(func() {
			out.add("loop waiting")
			done := l.KeepAlive()
			go func() {
				time.Sleep(5 * time.Millisecond) // let the loop go idle first
				l.CallSoonThreadsafe(func() { fut.SetResult("from thread") })
				done()
			}()
		})
		v, err := l.RunUntilComplete(fut)
		if err != nil {
			t.Fatal(err)
		}
		out.add("%v", v)
		l.Close()
		pinned(t, "loop_threadsafe_wakes", out)
	}
}

func TestRunUntilCompleteFuture(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	l.CallLater(10*time.Millisecond, func() { fut.SetResult(42) })
	v, err := l.RunUntilComplete(fut)
	if err != nil {
		t.Fatal(err)
	}
	out.add("result: %v", v)
	bad := l.CreateFuture("")
	l.CallSoon(func() { bad.SetException(errors.New("nope")) })
	if _, err := l.RunUntilComplete(bad); err != nil {
		out.add("raised: %v", err)
	}
	out.add("running: %s", py(l.IsRunning()))
	l.Close()
	pinned(t, "loop_ruc_future", out)
}

func TestRunUntilCompleteDoneFuture(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	fut.SetResult("ready")
	l.CallSoon(func() { out.add("queued before") })
	v, err := l.RunUntilComplete(fut)
	if err != nil {
		t.Fatal(err)
	}
	out.add("result: %v", v)
	l.CallSoon(func() { out.add("queued after") })
	if _, err := l.RunUntilComplete(fut); err != nil {
		t.Fatal(err)
	}
	l.Close()
	pinned(t, "loop_ruc_done_future", out)
}

func TestRunUntilCompleteStoppedEarly(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	l.CallSoon(l.Stop)
	l.CallLater(100*time.Millisecond, func() { fut.SetResult("late") })
	_, err := l.RunUntilComplete(fut)
	out.add("error: %s", pyMsg(err))
	out.add("done: %s", py(fut.Done()))
	v, err := l.RunUntilComplete(fut)
	if err != nil {
		t.Fatal(err)
	}
	out.add("result: %v", v)
	l.Close()
	pinned(t, "loop_ruc_stopped_early", out)
}

func TestRunUntilCompleteTask(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	task := l.CreateTask("", func(ctx context.Context) (any, error) {
		out.add("step 1")
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		out.add("step 2")
		if err := Sleep(ctx, 10*time.Millisecond); err != nil {
			return nil, err
		}
		out.add("step 3")
		return "done", nil
	})
	l.CallSoon(func() { out.add("callback") })
	v, err := l.RunUntilComplete(task)
	if err != nil {
		t.Fatal(err)
	}
	out.add("result: %v", v)
	_, err = l.RunUntilComplete(l.CreateTask("", func(ctx context.Context) (any, error) {
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		return nil, errors.New("'missing'")
	}))
	out.add("raised: %v", err)
	l.Close()
	pinned(t, "loop_ruc_task", out)
}

// TestRunUntilCompleteMisuse covers the errors Python has no line for: a
// nil awaitable, a future of another loop, a closed loop, and a loop that
// can never finish (asyncio would hang; core says why).
func TestRunUntilCompleteMisuse(t *testing.T) {
	l := newTestLoop(t)
	if _, err := l.RunUntilComplete(nil); !errors.Is(err, ErrNilCallback) {
		t.Errorf("nil awaitable: %v", err)
	}
	other := NewLoop(VirtualClock())
	if _, err := l.RunUntilComplete(other.CreateFuture("")); !errors.Is(err, ErrForeignLoop) {
		t.Errorf("foreign future: %v", err)
	}
	never := l.CreateFuture("never")
	l.CreateTask("waiter", func(ctx context.Context) (any, error) { return Await(ctx, never) })
	_, err := l.RunUntilComplete(never)
	var stuck *StuckError
	if !errors.As(err, &stuck) || !errors.Is(err, ErrStuck) {
		t.Fatalf("want a *StuckError, got %v", err)
	}
	if want := `task "waiter" waits on future "never"`; !strings.Contains(err.Error(), want) {
		t.Errorf("stuck error %q does not say %q", err, want)
	}
	if l.IsRunning() {
		t.Error("loop still marked running after a stuck run")
	}
	l.SetExceptionHandler(func(*Loop, ExceptionContext) {}) // the pending task is reported at Close
	l.Close()
	if _, err := l.RunUntilComplete(never); !errors.Is(err, ErrLoopClosed) {
		t.Errorf("closed loop: %v", err)
	}
}

// TestNilCallbacks: asyncio raises at once for a non-callable; core panics
// with ErrNilCallback at the call that passed nil, never later in the loop.
func TestNilCallbacks(t *testing.T) {
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	for name, f := range map[string]func(){
		"CallSoon":           func() { l.CallSoon(nil) },
		"CallLater":          func() { l.CallLater(time.Second, nil) },
		"CallAt":             func() { l.CallAt(time.Second, nil) },
		"CallSoonThreadsafe": func() { l.CallSoonThreadsafe(nil) },
		"CreateTask":         func() { l.CreateTask("", nil) },
		"AddDoneCallback":    func() { fut.AddDoneCallback(nil) },
	} {
		if err := catch(f); !errors.Is(err, ErrNilCallback) {
			t.Errorf("%s(nil): got %v, want ErrNilCallback", name, err)
		}
	}
	if len(l.ready) != 0 || liveTimers(l) != 0 {
		t.Error("a nil callback was scheduled")
	}
}

// TestClosedLoopMisuse covers the operations the Python pin does not:
// creating tasks and done-callbacks on a closed loop, and RunMain.
func TestClosedLoopMisuse(t *testing.T) {
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	l.Close()
	if err := catch(func() { l.CreateTask("", func(context.Context) (any, error) { return nil, nil }) }); !errors.Is(err, ErrLoopClosed) {
		t.Errorf("CreateTask: %v", err)
	}
	if err := catch(func() { fut.AddDoneCallback(func(*Future) {}) }); !errors.Is(err, ErrLoopClosed) {
		t.Errorf("AddDoneCallback: %v", err)
	}
	if _, err := l.RunMain(func(context.Context) (any, error) { return nil, nil }); !errors.Is(err, ErrLoopClosed) {
		t.Errorf("RunMain: %v", err)
	}
}

func TestThreadsafeFromLoopKeepsOrder(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	cb := func(name string) func() { return func() { out.add("%s", name) } }
	l.CallSoonThreadsafe(cb("threadsafe before run"))
	l.CallSoon(cb("soon before run"))
	l.CallSoon(func() {
		l.CallSoon(cb("soon-1"))
		l.CallSoonThreadsafe(cb("threadsafe-1"))
		l.CallSoon(cb("soon-2"))
		l.CallSoonThreadsafe(cb("threadsafe-2"))
		l.CallSoonThreadsafe(l.Stop)
	})
	mustRun(t, l)
	l.Close()
	pinned(t, "loop_threadsafe_same_thread", out)
}
