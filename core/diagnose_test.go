package core

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// diagEvents keeps the diag events of a trace as "kind: words".
func diagEvents(rec *Recorder) []string {
	var out []string
	for _, ev := range rec.Events {
		if ev.Kind == KindDiag {
			out = append(out, ev.Detail+": "+ev.Value)
		}
	}
	return out
}

// reports collects what reaches the exception handler.
type reports struct{ got []ExceptionContext }

func (r *reports) handler(_ *Loop, c ExceptionContext) { r.got = append(r.got, c) }

func (r *reports) messages() []string {
	var out []string
	for _, c := range r.got {
		out = append(out, c.Message)
	}
	return out
}

// Tasks that wait on primitives nothing will ever release: instead of
// hanging, the loop says which task waits on which lock, event and queue.
func TestStuckReportNamesPrimitives(t *testing.T) {
	rec := &Recorder{}
	l := newTestLoop(t, WithTracer(rec))
	lock, ready, q := NewLock("db"), NewEvent("ready"), NewQueue(0, "jobs")
	l.CreateTask("worker-1", func(ctx context.Context) (any, error) {
		must(t, lock.Acquire(ctx))
		defer lock.Release()
		return nil, ready.Wait(ctx)
	})
	l.CreateTask("worker-2", func(ctx context.Context) (any, error) {
		if err := lock.Acquire(ctx); err != nil {
			return nil, err
		}
		return nil, lock.Release()
	})
	l.CreateTask("consumer", func(ctx context.Context) (any, error) {
		_, err := q.Get(ctx)
		return nil, err
	})
	err := l.RunForever()
	var stuck *StuckError
	if !errors.As(err, &stuck) || !errors.Is(err, ErrStuck) {
		t.Fatalf("RunForever returned %v, want a *StuckError", err)
	}
	var out lines
	for _, w := range stuck.Waiters {
		out.add("%s waits on %s", strings.ReplaceAll(w.Task, `"`, ""), strings.Fields(w.Waiting)[0])
	}
	pinned(t, "stuck_report", out)
	want := `deadlock: nothing can ever run again: task "worker-1" waits on event "ready"; ` +
		`task "worker-2" waits on lock "db"; ` +
		`task "consumer" waits on queue "jobs" (empty: waiting for an item to get), which nothing will resolve`
	if err.Error() != want {
		t.Fatalf("report:\n%s\nwant\n%s", err, want)
	}
	if d := diagEvents(rec); len(d) != 1 || d[0] != "stuck: "+want {
		t.Fatalf("diag events %q", d)
	}

	// Closing now reports each task still pending, with what it waited on.
	var r reports
	l.SetExceptionHandler(r.handler)
	l.Close()
	wantClose := []string{
		`Task was destroyed but it is pending: the loop closed while task "worker-1" was waiting on event "ready"`,
		`Task was destroyed but it is pending: the loop closed while task "worker-2" was waiting on lock "db"`,
		`Task was destroyed but it is pending: the loop closed while task "consumer" was waiting on queue "jobs" (empty: waiting for an item to get)`,
	}
	if strings.Join(r.messages(), "\n") != strings.Join(wantClose, "\n") {
		t.Fatalf("at close:\n%s", strings.Join(r.messages(), "\n"))
	}
	if d := diagEvents(rec)[1:]; len(d) != 3 || d[1] != "pending: "+wantClose[1] {
		t.Fatalf("diag events at close %q", d)
	}
	if r.got[1].Task == nil || r.got[1].Task.Name() != "worker-2" {
		t.Fatalf("the report does not carry the task: %+v", r.got[1])
	}
}

// Unnamed primitives, conditions, semaphores, Join and barriers read as
// what the program used.
func TestStuckReportOtherWaits(t *testing.T) {
	l := newTestLoop(t)
	sem, cond, q, b := NewSemaphore(0), NewCondition(nil, "changed"), NewQueue(1, "out"), NewBarrier(2, "start")
	l.CreateTask("a", func(ctx context.Context) (any, error) { return nil, sem.Acquire(ctx) })
	l.CreateTask("b", func(ctx context.Context) (any, error) {
		must(t, cond.Acquire(ctx))
		return nil, cond.Wait(ctx)
	})
	l.CreateTask("c", func(ctx context.Context) (any, error) {
		must(t, q.Put(ctx, 1))
		return nil, q.Put(ctx, 2)
	})
	l.CreateTask("d", func(ctx context.Context) (any, error) { return nil, q.Join(ctx) })
	l.CreateTask("e", func(ctx context.Context) (any, error) { _, err := b.Wait(ctx); return nil, err })
	err := l.RunForever()
	want := `deadlock: nothing can ever run again: task "a" waits on an unnamed semaphore; ` +
		`task "b" waits on condition "changed" (to be notified); ` +
		`task "c" waits on queue "out" (full: waiting for room to put); ` +
		`task "d" waits on queue "out" (Join: waiting for TaskDone on every item); ` +
		`task "e" waits on barrier "start" (to be notified), which nothing will resolve`
	if err == nil || err.Error() != want {
		t.Fatalf("report:\n%v\nwant\n%s", err, want)
	}
	l.SetExceptionHandler(func(*Loop, ExceptionContext) {})
	l.Close()
}

// A task that failed while nothing awaited it is reported when the loop
// closes, through the handler and as a diag event; so is a plain future.
func TestUnretrievedErrorReported(t *testing.T) {
	rec := &Recorder{}
	var r reports
	l := newTestLoop(t, WithTracer(rec), WithExceptionHandler(r.handler))
	boom := errors.New("connection refused")
	l.CreateTask("fetch", func(ctx context.Context) (any, error) { return nil, boom })
	f := l.CreateFuture("reply")
	f.SetException(errors.New("timed out"))
	seen := l.CreateTask("seen", func(ctx context.Context) (any, error) { return nil, errors.New("handled") })
	l.CallLater(time.Millisecond, l.Stop)
	mustRun(t, l)
	seen.Exception()
	l.Close()
	// In the order they failed: the future at once, the task on its step.
	want := []string{
		`Future exception was never retrieved: future "reply" failed and nothing awaited it or asked for its result`,
		`Task exception was never retrieved: task "fetch" failed and nothing awaited it or asked for its result`,
	}
	if strings.Join(r.messages(), "\n") != strings.Join(want, "\n") {
		t.Fatalf("reports:\n%s", strings.Join(r.messages(), "\n"))
	}
	if r.got[1].Err != boom || r.got[1].Task == nil || r.got[0].Future != f {
		t.Fatalf("contexts do not carry the error and its source: %+v", r.got)
	}
	d := diagEvents(rec)
	if len(d) != 2 || d[1] != "unretrieved: "+want[1]+": connection refused" {
		t.Fatalf("diag events %q", d)
	}
}

// Debug mode names the task whose step blocked the loop: a real
// time.Sleep inside a task, after an await. The threshold leaves room for
// a loaded machine (-race, neighbours) to slow the other steps a lot.
func TestSlowStepReportedInDebugMode(t *testing.T) {
	rec := &Recorder{}
	var r reports
	l := newTestLoop(t, WithDebug(100*time.Millisecond), WithTracer(rec), WithExceptionHandler(r.handler))
	l.CreateTask("quick", func(ctx context.Context) (any, error) { return nil, Sleep(ctx, time.Millisecond) })
	task := l.CreateTask("blocker", func(ctx context.Context) (any, error) {
		if err := Sleep(ctx, time.Millisecond); err != nil {
			return nil, err
		}
		time.Sleep(300 * time.Millisecond) // the mistake: blocks the whole loop
		return nil, nil
	})
	l.CallSoon(func() { time.Sleep(150 * time.Millisecond) })
	_, err := l.RunUntilComplete(task)
	must(t, err)
	l.Close()
	if len(r.got) != 2 {
		t.Fatalf("reports: %q", r.messages())
	}
	cb, step := r.got[0], r.got[1]
	if step.Task != task || !strings.HasPrefix(step.Message, `a step of task "blocker" took `) ||
		!strings.HasSuffix(step.Message, "of real time; while it ran nothing else could (a blocking call inside a coroutine?)") {
		t.Fatalf("slow step report: %+v", step)
	}
	if cb.Task != nil || !strings.HasPrefix(cb.Message, "a callback took ") {
		t.Fatalf("slow callback report: %+v", cb)
	}
	if d := diagEvents(rec); len(d) != 2 || !strings.HasPrefix(d[1], `slow: a step of task "blocker" took `) {
		t.Fatalf("diag events %q", d)
	}
}

// Without debug mode nothing is timed, and fast steps are never reported.
func TestNoSlowReportWithoutDebugOrBelowThreshold(t *testing.T) {
	for _, opts := range [][]Option{nil, {WithDebug(time.Hour)}} {
		var r reports
		l := newTestLoop(t, append(opts, WithExceptionHandler(r.handler))...)
		task := l.CreateTask("", func(ctx context.Context) (any, error) {
			time.Sleep(15 * time.Millisecond)
			return nil, Sleep(ctx, 0)
		})
		_, err := l.RunUntilComplete(task)
		must(t, err)
		l.Close()
		if len(r.got) != 0 {
			t.Fatalf("unexpected reports %q", r.messages())
		}
	}
}

// A blocking sleep inside a task shows as a gap on a real clock: the
// ticker's 10 ms sleep takes over 300 ms, while its other ticks are on time.
func TestBlockingSleepShowsGap(t *testing.T) {
	var r reports
	l := NewLoop(RealClock(), WithDebug(200*time.Millisecond), WithExceptionHandler(r.handler))
	blockingSleepScenario(t, l, func() { time.Sleep(300 * time.Millisecond) })
	if len(r.got) != 1 || !strings.HasPrefix(r.got[0].Message, `a step of task "blocker" took `) {
		t.Fatalf("debug-mode reports: %q", r.messages())
	}
}

// blockingSleepScenario runs a ticker (three 10 ms sleeps) beside a task
// that blocks the loop with block after its first Sleep(0), pins what they
// print against CPython's blocking_sleep_gap, and returns the ticks' gaps
// in loop time.
func blockingSleepScenario(t *testing.T, l *Loop, block func()) []time.Duration {
	t.Helper()
	var out lines
	var gaps []time.Duration
	_, err := l.RunMain(func(ctx context.Context) (any, error) {
		ticker := spawn(ctx, "ticker", func(ctx context.Context) (any, error) {
			for i := 0; i < 3; i++ {
				t0 := l.Time()
				if err := Sleep(ctx, 10*time.Millisecond); err != nil {
					return nil, err
				}
				gaps = append(gaps, l.Time()-t0)
				out.add("tick %d", i)
			}
			return nil, nil
		})
		blocker := spawn(ctx, "blocker", func(ctx context.Context) (any, error) {
			if err := Sleep(ctx, 0); err != nil {
				return nil, err
			}
			out.add("blocker blocks the loop")
			block()
			out.add("blocker done")
			return nil, nil
		})
		awaitAll(ctx, ticker, blocker)
		return nil, nil
	})
	must(t, err)
	late, onTime := false, 0
	for _, g := range gaps {
		late = late || g >= 300*time.Millisecond
		if g < 200*time.Millisecond {
			onTime++
		}
	}
	out.add("a tick waited >= 300 ms: %s", py(late))
	out.add("ticks that were on time: %d", onTime)
	pinned(t, "blocking_sleep_gap", out)
	return gaps
}
