package core

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRunShutdownCancelsLeftovers(t *testing.T) {
	var out lines
	lingering := func(name string) func(ctx context.Context) (any, error) {
		return func(ctx context.Context) (any, error) {
			defer out.add("%s finally", name)
			out.add("%s starts", name)
			err := Sleep(ctx, 100*time.Second)
			if errors.Is(err, ErrCancelled) {
				out.add("%s cancelled", name)
				if err := Sleep(ctx, 0); err != nil {
					return nil, err
				}
				out.add("%s cleanup after await", name)
			}
			return nil, err
		}
	}
	var loop *Loop
	v, err := runTest(t, func(ctx context.Context) (any, error) {
		loop = CurrentTask(ctx).Loop()
		loop.CreateTask("", lingering("t1"))
		loop.CreateTask("", lingering("t2"))
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		out.add("main returns")
		return "main result", nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out.add("run returned: %v", v)
	if !loop.IsClosed() || len(loop.AllTasks()) != 0 {
		t.Errorf("after Run: closed=%v, %d tasks left", loop.IsClosed(), len(loop.AllTasks()))
	}
	pinned(t, "run_shutdown", out)
}

func TestRunMainRaises(t *testing.T) {
	var out lines
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		CurrentTask(ctx).Loop().CreateTask("", func(ctx context.Context) (any, error) {
			defer out.add("helper cleaned up")
			return nil, Sleep(ctx, 100*time.Second)
		})
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		return nil, errors.New("main failed")
	})
	if err != nil {
		out.add("run raised: %v", err)
	}
	pinned(t, "run_main_raises", out)
}

func TestRunLeftoverSwallowsCancel(t *testing.T) {
	var out lines
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		CurrentTask(ctx).Loop().CreateTask("", func(ctx context.Context) (any, error) {
			if err := Sleep(ctx, 100*time.Second); errors.Is(err, ErrCancelled) {
				out.add("stubborn swallows the cancel")
			}
			return 1, nil
		})
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		out.add("main done")
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out.add("after run")
	pinned(t, "run_swallowing_leftover", out)
}

// TestRunReportsLeftoverFailure: a leftover task that fails during shutdown
// is reported, as asyncio.run does ("unhandled exception during
// asyncio.run() shutdown"), and Run still returns main's result.
func TestRunReportsLeftoverFailure(t *testing.T) {
	var stderr bytes.Buffer
	v, err := Run(func(ctx context.Context) (any, error) {
		CurrentTask(ctx).Loop().CreateTask("cleanup", func(ctx context.Context) (any, error) {
			Sleep(ctx, time.Hour)
			return nil, errors.New("cleanup failed")
		})
		return "fine", Sleep(ctx, 0)
	}, VirtualClock(), WithStderr(&stderr))
	if v != "fine" || err != nil {
		t.Fatalf("Run = %v, %v", v, err)
	}
	if want := "unhandled error during Run() shutdown (task cleanup): cleanup failed"; !strings.Contains(stderr.String(), want) {
		t.Fatalf("stderr %q lacks %q", stderr.String(), want)
	}
}

// TestRunStuckMain: a main that waits on something nothing will resolve
// ends Run with a *StuckError naming it (asyncio would hang).
func TestRunStuckMain(t *testing.T) {
	var stderr bytes.Buffer
	_, err := Run(func(ctx context.Context) (any, error) {
		return Await(ctx, CurrentTask(ctx).Loop().CreateFuture("reply"))
	}, VirtualClock(), WithStderr(&stderr))
	if !errors.Is(err, ErrStuck) || !strings.Contains(err.Error(), `task "Task-1" waits on future "reply"`) {
		t.Fatalf("Run = %v", err)
	}
}
