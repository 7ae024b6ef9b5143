package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func reset(counter *int) {
	*counter = 0
}

func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		t := core.CurrentTask(ctx).Loop().CreateTask("resetter", func(ctx context.Context) (any, error) {
			var hits *int
			reset(hits)
			return nil, nil
		})
		return core.Await(ctx, t)
	})
	fmt.Println("Run returned:", err)
}
