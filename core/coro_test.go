package core

import (
	"context"
	"errors"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// goid is the running goroutine's id, from its stack trace's header.
func goid() int {
	var buf [64]byte
	s := strings.TrimPrefix(string(buf[:runtime.Stack(buf[:], false)]), "goroutine ")
	id, _ := strconv.Atoi(s[:strings.IndexByte(s, ' ')])
	return id
}

// runTasks runs fns as tasks, created in order, to completion on a fresh
// loop (closed afterwards), and returns the tasks.
func runTasks(t *testing.T, fns ...func(ctx context.Context) (any, error)) []*Task {
	t.Helper()
	l := NewLoop()
	defer l.Close()
	var ts []*Task
	for _, fn := range fns {
		ts = append(ts, l.CreateTask("", fn))
	}
	main := l.CreateTask("main", func(ctx context.Context) (any, error) {
		return nil, awaitEachDone(ctx, ts)
	})
	if _, err := l.RunUntilComplete(main); err != nil {
		t.Fatal(err)
	}
	return ts
}

// awaitEachDone waits for every task, whatever its outcome.
func awaitEachDone(ctx context.Context, ts []*Task) error {
	for _, tk := range ts {
		if _, err := Await(ctx, tk); err != nil && !tk.Done() {
			return err
		}
	}
	return nil
}

// A task whose body returned hands its coroutine to the next task: the
// isolation tests below rely on that reuse, so it is checked first.
func TestCoroutineReused(t *testing.T) {
	var first, second int
	runTasks(t,
		func(context.Context) (any, error) { first = goid(); return nil, nil },
		func(context.Context) (any, error) { second = goid(); return nil, nil },
	)
	if first == 0 || first != second {
		t.Fatalf("second task ran on goroutine %d, first on %d: the coroutine was not reused", second, first)
	}
}

// A body that panics fails its own task only, with its own stack; the
// coroutine it panicked on is not reused, and the next task runs normally.
func TestPooledCoroutinePanicStaysWithItsTask(t *testing.T) {
	var before, panicked, after int
	deferRan := false
	ts := runTasks(t,
		func(context.Context) (any, error) { before = goid(); return "a", nil },
		func(context.Context) (any, error) {
			panicked = goid()
			defer func() { deferRan = true }()
			panic("boom in b")
		},
		func(context.Context) (any, error) { after = goid(); return "c", nil },
	)
	if before != panicked {
		t.Fatalf("the panicking task did not run on the pooled coroutine (%d, %d)", before, panicked)
	}
	if after == panicked {
		t.Fatal("the coroutine a body panicked on was reused")
	}
	if !deferRan {
		t.Fatal("the panicking body's deferred call did not run")
	}
	var pe *PanicError
	if _, err := ts[1].Result(); !errors.As(err, &pe) || pe.Value != "boom in b" || !strings.Contains(pe.Stack, "TestPooledCoroutinePanicStaysWithItsTask") {
		t.Fatalf("panicking task: %v", err)
	}
	for i, want := range map[int]string{0: "a", 2: "c"} {
		if v, err := ts[i].Result(); v != want || err != nil {
			t.Fatalf("task %d: got %v, %v; want %q", i, v, err, want)
		}
	}
}

// A task cancelled while suspended that swallows the cancellation, and one
// that cancels itself and returns anyway, leave nothing behind for the
// next body on their coroutine: its awaits return results, not
// cancellations.
func TestPooledCoroutineCancellationStaysWithItsTask(t *testing.T) {
	l := NewLoop()
	defer l.Close()
	var gids []int
	var got []string
	gate := l.CreateFuture("gate")
	swallower := l.CreateTask("swallower", func(ctx context.Context) (any, error) {
		gids = append(gids, goid())
		_, err := Await(ctx, gate)
		got = append(got, "swallower: "+errString(err))
		return "swallowed", nil
	})
	main := l.CreateTask("main", func(ctx context.Context) (any, error) {
		if err := Sleep(ctx, 0); err != nil { // the swallower now waits on gate
			return nil, err
		}
		swallower.Cancel("stop")
		if _, err := Await(ctx, swallower); err != nil {
			return nil, err
		}
		self := l.CreateTask("self", func(ctx context.Context) (any, error) {
			gids = append(gids, goid())
			CurrentTask(ctx).Cancel("me")
			return "ignored", nil
		})
		if _, err := Await(ctx, self); !errors.Is(err, ErrCancelled) {
			return nil, errors.New("self-cancelled task: " + errString(err))
		}
		next := l.CreateTask("next", func(ctx context.Context) (any, error) {
			gids = append(gids, goid())
			f := l.CreateFuture("f")
			l.CallSoon(func() { f.SetResult("fine") })
			v, err := Await(ctx, f)
			got = append(got, "next: "+errString(err))
			if err := Sleep(ctx, time.Millisecond); err != nil {
				return nil, err
			}
			return v, nil
		})
		return Await(ctx, next)
	})
	v, err := l.RunUntilComplete(main)
	if err != nil || v != "fine" {
		t.Fatalf("got %v, %v; want fine", v, err)
	}
	if len(gids) != 3 || gids[0] != gids[1] || gids[1] != gids[2] {
		t.Fatalf("the three tasks ran on goroutines %v, not one pooled coroutine", gids)
	}
	if strings.Join(got, "; ") != "swallower: cancelled: stop; next: <nil>" {
		t.Fatalf("awaits returned %q", got)
	}
	if swallower.Cancelled() {
		t.Fatal("the swallowing task counts as cancelled")
	}
}

type ctxKey struct{}

// Each body gets its own task's ctx: the values of its creator's ctx, not
// those of the task that ran before it on the coroutine, nor any its body
// added; and its own task identity.
func TestPooledCoroutineContextIsTheTasks(t *testing.T) {
	var seen []string
	var gids []int
	body := func(ctx context.Context) (any, error) {
		gids = append(gids, goid())
		v, _ := ctx.Value(ctxKey{}).(string)
		seen = append(seen, v)
		inner := context.WithValue(ctx, ctxKey{}, "added by "+CurrentTask(ctx).Name())
		return CurrentTask(inner).Name(), Sleep(inner, 0)
	}
	l := NewLoop()
	defer l.Close()
	main := l.CreateTask("main", func(ctx context.Context) (any, error) {
		var ts []*Task
		for _, name := range []string{"a", "b", ""} {
			cctx := ctx
			if name != "" {
				cctx = context.WithValue(ctx, ctxKey{}, "from "+name+"'s creator")
			}
			tk, err := CreateTask(cctx, name, body)
			if err != nil {
				return nil, err
			}
			if name == "" {
				name = tk.Name()
			}
			if _, err := Await(ctx, tk); err != nil {
				return nil, err
			}
			if v, _ := tk.Result(); v != name {
				return nil, errors.New("task " + name + ": CurrentTask of its ctx was " + v.(string))
			}
			ts = append(ts, tk)
		}
		return nil, nil
	})
	if _, err := l.RunUntilComplete(main); err != nil {
		t.Fatal(err)
	}
	if len(gids) != 3 || gids[0] != gids[1] || gids[1] != gids[2] {
		t.Fatalf("the tasks ran on goroutines %v, not one pooled coroutine", gids)
	}
	if got := strings.Join(seen, "; "); got != "from a's creator; from b's creator; " {
		t.Fatalf("the bodies saw %q", got)
	}
}

// The pool holds at most maxIdleCoros coroutines while the loop runs and
// none once it stops; Close unwinds the suspended tasks (their deferred
// calls run): no goroutine is left.
func TestPoolBoundedAndEnded(t *testing.T) {
	// Goroutines of earlier tests may still be ending: counts are compared
	// as upper bounds, which such endings can only lower.
	l := NewLoop(WithStderr(io.Discard)) // it reports the tasks destroyed pending
	gate := l.CreateFuture("gate")
	unwound := 0
	for range 3 {
		l.CreateTask("", func(ctx context.Context) (any, error) {
			defer func() { unwound++ }()
			_, err := Await(ctx, gate)
			return nil, err
		})
	}
	var idle, running int
	main := l.CreateTask("main", func(ctx context.Context) (any, error) {
		var ts []Awaitable
		for range 2 * maxIdleCoros {
			ts = append(ts, l.CreateTask("", func(ctx context.Context) (any, error) { return nil, Sleep(ctx, 0) }))
		}
		_, err := Gather(ctx, ts...)
		idle, running = len(l.coros), runtime.NumGoroutine()
		return nil, err
	})
	if _, err := l.RunUntilComplete(main); err != nil {
		t.Fatal(err)
	}
	if idle != maxIdleCoros {
		t.Fatalf("%d idle coroutines after %d tasks ended together, want the pool's bound %d", idle, 2*maxIdleCoros, maxIdleCoros)
	}
	stopped := runtime.NumGoroutine()
	if len(l.coros) != 0 || stopped > running-maxIdleCoros {
		t.Fatalf("once the loop stopped: %d idle coroutines and %d goroutines (%d while running); want none idle and %d fewer", len(l.coros), stopped, running, maxIdleCoros)
	}
	l.Close()
	if unwound != 3 {
		t.Fatalf("%d of 3 suspended tasks unwound at Close", unwound)
	}
	if n := runtime.NumGoroutine(); n > stopped-3 {
		t.Fatalf("%d goroutines after Close, %d before: the 3 suspended tasks' coroutines did not end", n, stopped)
	}
}
