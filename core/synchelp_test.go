package core

import (
	"context"
	"errors"
	"testing"
)

// syncScene runs a pinned primitive scenario: main is the asyncio main
// coroutine, and out collects what it prints.
func syncScene(t *testing.T, name string, main func(ctx context.Context, out *lines) error) {
	t.Helper()
	var out lines
	_, err := runTest(t, func(ctx context.Context) (any, error) { return nil, main(ctx, &out) })
	if err != nil {
		t.Fatalf("main failed: %v", err)
	}
	pinned(t, name, out)
}

// spawn is asyncio.create_task from inside a task.
func spawn(ctx context.Context, name string, fn func(ctx context.Context) (any, error)) *Task {
	return CurrentTask(ctx).Loop().CreateTask(name, fn)
}

// awaitAll awaits each task in turn and returns the errors they ended with
// (gather with return_exceptions=True, as far as the prints can tell).
func awaitAll(ctx context.Context, ts ...*Task) []error {
	errs := make([]error, len(ts))
	for i, t := range ts {
		_, errs[i] = Await(ctx, t)
	}
	return errs
}

// awaitEach awaits each task in turn and stops at the first error, as a
// Python main that awaits its tasks one after another does.
func awaitEach(ctx context.Context, ts ...*Task) error {
	for _, t := range ts {
		if _, err := Await(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// pyExc names a primitive's misuse error as Python prints it:
// "RuntimeError: Lock is not acquired."
func pyExc(err error) string {
	var bb *BrokenBarrierError
	switch {
	case err == nil:
		return "no error"
	case errors.As(err, &bb):
		return "BrokenBarrierError: " + bb.Msg
	case errors.Is(err, ErrQueueFull):
		return "QueueFull"
	case errors.Is(err, ErrQueueEmpty):
		return "QueueEmpty"
	}
	for _, e := range []error{ErrLockNotAcquired, ErrCondWaitUnacquired, ErrCondNotifyUnacquired} {
		if errors.Is(err, e) {
			return "RuntimeError: " + e.Error()
		}
	}
	for _, e := range []error{ErrBoundedReleased, ErrSemaphoreValue, ErrBarrierParties, ErrTaskDoneTooMany} {
		if errors.Is(err, e) {
			return "ValueError: " + e.Error()
		}
	}
	return "unexpected: " + err.Error()
}

// must fails the test on an error a scenario does not expect.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
