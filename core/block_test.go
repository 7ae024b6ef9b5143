package core

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// On the virtual clock a blocking call on the loop costs its duration in
// loop time at once: the same scenario as TestBlockingSleepShowsGap (pinned
// against CPython on a real clock) gives the same lines, deterministically
// and without waiting, and the trace marks the blocking step. (Positions
// are the runner's tests': this file is inside core, whose frames a
// position skips.)
func TestBlockForCostsLoopTime(t *testing.T) {
	rec := &Recorder{}
	l := NewLoop(VirtualClock(), WithTracer(rec))
	began := time.Now()
	gaps := blockingSleepScenario(t, l, func() { l.BlockFor(300 * time.Millisecond) })
	if real := time.Since(began); real > 200*time.Millisecond {
		t.Fatalf("the virtual clock waited %v for real", real)
	}
	if gaps[0] != 300*time.Millisecond {
		t.Fatalf("the first tick waited %v of loop time, want exactly the 300ms block", gaps[0])
	}
	var blocks []Event
	for _, ev := range rec.Events {
		if ev.Kind == KindBlock {
			blocks = append(blocks, ev)
		}
	}
	if len(blocks) != 1 || blocks[0].Dur != 300*time.Millisecond || blocks[0].Time != 0 ||
		blocks[0].Value != "blocked the loop for 300ms" {
		t.Fatalf("block events: %+v", blocks)
	}
	var blocker uint64
	for _, ev := range rec.Events {
		if ev.Kind == KindTaskCreate && ev.Name == "blocker" {
			blocker = ev.ID
		}
	}
	if blocks[0].In != blocker {
		t.Fatalf("the block is attributed to %d, want the blocker task %d", blocks[0].In, blocker)
	}
}

// BlockFor on the real clock sleeps.
func TestBlockForRealClockSleeps(t *testing.T) {
	l := NewLoop(RealClock())
	began := time.Now()
	l.CallSoon(func() { l.BlockFor(30 * time.Millisecond); l.Stop() })
	must(t, l.RunForever())
	if d := time.Since(began); d < 30*time.Millisecond {
		t.Fatalf("returned after %v", d)
	}
}

func diags(rec *Recorder, detail string) []Event {
	var ds []Event
	for _, ev := range rec.Events {
		if ev.Kind == KindDiag && ev.Detail == detail {
			ds = append(ds, ev)
		}
	}
	return ds
}

// A task that drops the error of the await that delivered its cancellation
// and goes on is warned about at that await; one that passes it on, or
// withdraws it, is not; nor are core's own awaits that pass one on.
func TestIgnoredCancellation(t *testing.T) {
	run := func(body func(ctx context.Context) (any, error), cancelAfter time.Duration) *Recorder {
		rec := &Recorder{}
		l := NewLoop(VirtualClock(), WithTracer(rec))
		_, _ = l.RunMain(func(ctx context.Context) (any, error) {
			task := l.CreateTask("worker", body)
			if err := Sleep(ctx, cancelAfter); err != nil {
				return nil, err
			}
			task.Cancel("enough")
			_, err := Await(ctx, task)
			if errors.Is(err, ErrCancelled) {
				err = nil
			}
			return nil, err
		})
		return rec
	}
	t.Run("ignored, awaits again", func(t *testing.T) {
		rec := run(func(ctx context.Context) (any, error) {
			for i := 0; i < 3; i++ {
				_ = Sleep(ctx, time.Second) // the line warned about
			}
			return nil, nil
		}, 1500*time.Millisecond)
		ds := diags(rec, "ignored-cancel")
		if len(ds) != 1 || ds[0].Name != "worker" || ds[0].Time != 1500*time.Millisecond ||
			!strings.Contains(ds[0].Value, "the cancellation was ignored here") {
			t.Fatalf("warnings: %+v", ds)
		}
	})
	t.Run("ignored, finishes", func(t *testing.T) {
		rec := run(func(ctx context.Context) (any, error) {
			_ = Sleep(ctx, time.Second)
			return "done anyway", nil
		}, 500*time.Millisecond)
		if ds := diags(rec, "ignored-cancel"); len(ds) != 1 || !strings.Contains(ds[0].Value, "finished without returning it") {
			t.Fatalf("warnings: %+v", ds)
		}
	})
	t.Run("passed on", func(t *testing.T) {
		rec := run(func(ctx context.Context) (any, error) {
			if err := Sleep(ctx, time.Second); err != nil {
				return nil, err
			}
			return nil, nil
		}, 500*time.Millisecond)
		if ds := diags(rec, "ignored-cancel"); len(ds) != 0 {
			t.Fatalf("warnings: %+v", ds)
		}
	})
	t.Run("withdrawn", func(t *testing.T) {
		rec := run(func(ctx context.Context) (any, error) {
			if err := Sleep(ctx, time.Second); err != nil {
				CurrentTask(ctx).Uncancel()
			}
			return nil, Sleep(ctx, time.Second)
		}, 500*time.Millisecond)
		if ds := diags(rec, "ignored-cancel"); len(ds) != 0 {
			t.Fatalf("warnings: %+v", ds)
		}
	})
	t.Run("core passes it on", func(t *testing.T) {
		rec := run(func(ctx context.Context) (any, error) {
			lock := NewLock("l")
			cond := NewCondition(lock, "c")
			if err := cond.Acquire(ctx); err != nil {
				return nil, err
			}
			if err := cond.Wait(ctx); err != nil { // takes the lock back, then returns the error
				return nil, err
			}
			return nil, nil
		}, 500*time.Millisecond)
		if ds := diags(rec, "ignored-cancel"); len(ds) != 0 {
			t.Fatalf("warnings: %+v", ds)
		}
		rec = run(func(ctx context.Context) (any, error) {
			return WaitFor(ctx, CurrentTask(ctx).Loop().CreateTask("inner", func(ctx context.Context) (any, error) {
				return nil, Sleep(ctx, time.Second)
			}), 10*time.Second)
		}, 500*time.Millisecond)
		if ds := diags(rec, "ignored-cancel"); len(ds) != 0 {
			t.Fatalf("warnings: %+v", ds)
		}
	})
}

// RunUntilComplete returning its future's error says so in the trace.
func TestLoopFailTraced(t *testing.T) {
	rec := &Recorder{}
	_, err := Run(func(ctx context.Context) (any, error) {
		return nil, errors.New("boom")
	}, VirtualClock(), WithTracer(rec))
	if err == nil {
		t.Fatal("no error")
	}
	var fails []Event
	for _, ev := range rec.Events {
		if ev.Kind == KindLoopFail {
			fails = append(fails, ev)
		}
	}
	if len(fails) != 1 || fails[0].Value != "boom" || fails[0].Detail != "exception" || fails[0].Name != "Task-1" {
		t.Fatalf("loop.fail events: %+v", fails)
	}
}
