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

// A task nobody awaited lost what it returned, or the work Run's shutdown
// cancelled: traced as diag "never-awaited" at Close, with the task's id.
// Taking its outcome in any way — Result after it finished, Await of a
// finished task, a done-callback, Gather — is awaiting it; a task the
// program cancelled itself, or one returning nil, lost nothing.
func TestNeverAwaitedReported(t *testing.T) {
	rec := &Recorder{}
	ids := map[string]uint64{}
	_, err := Run(func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		task := func(name string, v any, sleep time.Duration) *Task {
			tk := l.CreateTask(name, func(ctx context.Context) (any, error) {
				if sleep > 0 {
					if err := Sleep(ctx, sleep); err != nil {
						return nil, err
					}
				}
				return v, nil
			})
			ids[name] = tk.ID()
			return tk
		}
		task("lost", 42, 0)
		task("nil result", nil, 0)
		task("unfinished", 1, time.Hour)
		read := task("read", 1, 0)
		late := task("awaited late", 2, 0)
		cb := task("done-callback", 3, 0)
		cb.AddDoneCallback(func(*Future) {})
		gathered := task("gathered", 4, 0)
		mine := task("cancelled by main", 5, time.Hour)
		if err := Sleep(ctx, time.Millisecond); err != nil {
			return nil, err
		}
		mine.Cancel("")
		read.Result()
		if _, err := Await(ctx, late); err != nil {
			return nil, err
		}
		if _, err := Gather(ctx, gathered); err != nil {
			return nil, err
		}
		return nil, nil
	}, VirtualClock(), WithTracer(rec))
	must(t, err)
	var got []string
	for _, ev := range rec.Events {
		if ev.Kind == KindDiag && ev.Detail == "never-awaited" {
			got = append(got, ev.Value)
			if ev.ID == 0 || ev.ID != ids[ev.Name] {
				t.Errorf("diag %q carries id %d, want the task's", ev.Value, ev.ID)
			}
		}
	}
	want := []string{
		`task "lost" was never awaited: it returned 42, which nothing used`,
		`task "unfinished" was never awaited: it had not finished when the main task returned, so Run cancelled it`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("never-awaited reports:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A task awaiting itself gets ErrAwaitSelf at once (asyncio raises "Task
// cannot await on itself"); the trace says so at the await's line.
func TestAwaitSelfTraced(t *testing.T) {
	rec := &Recorder{}
	l := newTestLoop(t, WithTracer(rec))
	var self *Task
	self = l.CreateTask("s", func(ctx context.Context) (any, error) {
		_, err := Await(ctx, self)
		return nil, err
	})
	if _, err := l.RunUntilComplete(self); !errors.Is(err, ErrAwaitSelf) {
		t.Fatalf("got %v, want ErrAwaitSelf", err)
	}
	d := diagEvents(rec)
	if len(d) != 1 || !strings.HasPrefix(d[0], `await-cycle: task "s" awaited itself`) {
		t.Fatalf("diag events %q", d)
	}
}

// Awaiting itself, a task gets ErrAwaitSelf in a step of its own, after
// what was already ready, as asyncio throws its RuntimeError.
func TestAwaitSelfOrder(t *testing.T) {
	var out lines
	_, err := Run(func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		var me *Task
		me = l.CreateTask("s", func(ctx context.Context) (any, error) {
			must(t, Sleep(ctx, 0))
			out.add("s awaits itself")
			if _, err := Await(ctx, me); errors.Is(err, ErrAwaitSelf) {
				out.add("s got: cannot await itself")
			}
			return "s done", nil
		})
		must(t, Sleep(ctx, 0))
		l.CreateTask("other", func(ctx context.Context) (any, error) { out.add("other runs"); return nil, nil })
		v, err := Await(ctx, me)
		out.add("%v", v)
		return nil, err
	}, VirtualClock())
	must(t, err)
	pinned(t, "await_self", out)
}

// Cancelling a task in an await cycle comes back round to it: asyncio
// recurses until RecursionError; core wakes it with the cancellation, and
// its end wakes the other (awaitcycle.go). Run's shutdown ends both.
func TestCancelAwaitCycle(t *testing.T) {
	rec := &Recorder{}
	var a, b *Task
	_, err := Run(func(ctx context.Context) (any, error) {
		l := CurrentTask(ctx).Loop()
		a = l.CreateTask("a", func(ctx context.Context) (any, error) {
			must(t, Sleep(ctx, 0))
			return Await(ctx, b)
		})
		b = l.CreateTask("b", func(ctx context.Context) (any, error) {
			must(t, Sleep(ctx, 0))
			return Await(ctx, a)
		})
		return nil, Sleep(ctx, time.Millisecond)
	}, VirtualClock(), WithTracer(rec))
	must(t, err)
	if !a.Cancelled() || !b.Cancelled() {
		t.Fatalf("a cancelled %v, b cancelled %v", a.Cancelled(), b.Cancelled())
	}
	cancels := 0
	for _, ev := range rec.Events {
		if ev.Kind == KindTaskCancel {
			cancels++
		}
	}
	// Run's shutdown cancels a (which comes back round through b) and
	// then b (which comes back round through a): asyncio would do the same.
	if cancels != 4 {
		t.Fatalf("%d task.cancel events, want 4", cancels)
	}
	// Cancelled directly too.
	l := newTestLoop(t)
	var c, d *Task
	c = l.CreateTask("c", func(ctx context.Context) (any, error) { must(t, Sleep(ctx, 0)); return Await(ctx, d) })
	d = l.CreateTask("d", func(ctx context.Context) (any, error) { must(t, Sleep(ctx, 0)); return Await(ctx, c) })
	l.CallLater(time.Millisecond, func() { d.Cancel("enough") })
	if _, err := l.RunUntilComplete(c); !errors.Is(err, ErrCancelled) {
		t.Fatalf("c ended with %v, want a cancellation", err)
	}
	if !d.Cancelled() {
		t.Fatal("d is not cancelled")
	}
}
