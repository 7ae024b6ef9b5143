package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		done := false
		worker := loop.CreateTask("worker", func(ctx context.Context) (any, error) {
			core.Sleep(ctx, 100*time.Millisecond)
			done = true
			return nil, nil
		})
		// Poll until the worker is done, giving up after 100 tries.
		for tries := 0; !done; tries++ {
			if tries == 100 {
				fmt.Println("gave up waiting for the worker")
				break
			}
			core.Sleep(ctx, 0)
		}
		return core.Await(ctx, worker)
	})
}
