package core

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestTimeoutCause: a *TimeoutError keeps the cancellation it came from in
// Cause, and is still no cancellation itself.
func TestTimeoutCause(t *testing.T) {
	var out lines
	show := func(what string, err error) {
		var te *TimeoutError
		if !errors.As(err, &te) {
			t.Errorf("%s gave %v, not a *TimeoutError", what, err)
			return
		}
		out.add("%s TimeoutError is CancelledError: %s", what, py(errors.Is(err, ErrCancelled)))
		var ce *CancelledError
		if !errors.As(te.Cause, &ce) {
			t.Errorf("%s: Cause is %v, not the cancellation", what, te.Cause)
			return
		}
		out.add("  cause: CancelledError message: %s", ce.Msg)
	}
	runPinned(t, "timeout_cause", &out, func(ctx context.Context) (any, error) {
		_, err := Timeout(ctx, 100*time.Millisecond, func(ctx context.Context) (any, error) {
			return nil, Sleep(ctx, time.Second)
		})
		show("timeout:", err)
		slow := RunningLoop(ctx).CreateTask("", func(ctx context.Context) (any, error) {
			return nil, Sleep(ctx, time.Second)
		})
		_, err = WaitFor(ctx, slow, 100*time.Millisecond)
		show("wait_for:", err)
		return nil, nil
	})
}
