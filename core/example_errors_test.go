package core_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

// A timeout keeps the cancellation it came from, and is no cancellation
// itself: the caller goes on.
func ExampleTimeoutError() {
	core.Run(func(ctx context.Context) (any, error) {
		_, err := core.Timeout(ctx, time.Second, func(ctx context.Context) (any, error) {
			return nil, core.Sleep(ctx, time.Hour)
		})
		var te *core.TimeoutError
		if errors.As(err, &te) {
			fmt.Println(err)
			fmt.Println("cause:", te.Cause)
			fmt.Println("cancelled?", errors.Is(err, core.ErrCancelled))
		}
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// timeout: the body did not finish within 1s
	// cause: cancelled
	// cancelled? false
}
