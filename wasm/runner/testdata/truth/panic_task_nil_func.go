package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		t := core.CurrentTask(ctx).Loop().CreateTask("notifier", func(ctx context.Context) (any, error) {
			var notify func(string)
			core.Sleep(ctx, time.Second)
			notify("done")
			return nil, nil
		})
		return core.Await(ctx, t)
	})
	fmt.Println("Run returned:", err)
}
