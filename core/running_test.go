package core

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// pyRunErr is how asyncio words core's refusals to run a loop.
func pyRunErr(err error) string {
	switch {
	case err == nil:
		return "ran"
	case errors.Is(err, ErrAnotherLoopRunning):
		return "refused: Cannot run the event loop while another loop is running"
	case errors.Is(err, ErrLoopRunning):
		return "refused: This event loop is already running"
	case errors.Is(err, ErrRunInRunningLoop):
		return "refused: asyncio.run() cannot be called from a running event loop"
	}
	return "failed: " + err.Error()
}

// TestNestedRunRefused: a task or callback of a running loop cannot run
// another loop (or Run) on its goroutine: it used to run it nested, with the
// outer loop frozen meanwhile.
func TestNestedRunRefused(t *testing.T) {
	var out lines
	other := newTestLoop(t)
	ranMain := false
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		l := RunningLoop(ctx)
		_, err := other.RunUntilComplete(other.CreateFuture(""))
		out.add("other.run_until_complete %s", pyRunErr(err))
		out.add("other.run_forever %s", pyRunErr(other.RunForever()))
		out.add("loop.run_forever %s", pyRunErr(l.RunForever()))
		_, err = Run(func(context.Context) (any, error) { ranMain = true; return nil, nil })
		out.add("asyncio.run %s", pyRunErr(err))
		done := l.CreateFuture("")
		l.CallSoon(func() {
			out.add("from a callback: other.run_forever %s", pyRunErr(other.RunForever()))
			done.SetResult(nil)
		})
		return Await(ctx, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	if ranMain {
		t.Error("Run inside a running loop ran its main")
	}
	res, err := other.RunMain(func(ctx context.Context) (any, error) { return "yes", Sleep(ctx, 0) })
	if err != nil {
		t.Fatal(err)
	}
	out.add("afterwards other runs: %v", res)
	pinned(t, "nested_loop_refused", out)
}

// TestRunMainNestedRefused: RunMain of another loop from a task is Run's
// refusal.
func TestRunMainNestedRefused(t *testing.T) {
	other := newTestLoop(t)
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		return other.RunMain(func(context.Context) (any, error) { return nil, nil })
	})
	if !errors.Is(err, ErrRunInRunningLoop) {
		t.Fatalf("RunMain from a task: %v, want ErrRunInRunningLoop", err)
	}
	other.Close()
}

// TestLoopsOnOtherGoroutines: loops running on other goroutines at the same
// time, or started from ToThread work (its own goroutine), are not nested.
func TestLoopsOnOtherGoroutines(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if _, err := Run(func(ctx context.Context) (any, error) { return nil, Sleep(ctx, 0) }, VirtualClock()); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		return ToThread(ctx, func(context.Context) (any, error) {
			return Run(func(ctx context.Context) (any, error) { return "inner", Sleep(ctx, 0) }, VirtualClock())
		})
	})
	wg.Wait()
	if err != nil {
		t.Fatalf("Run on ToThread's goroutine: %v", err)
	}
}
