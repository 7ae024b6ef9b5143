package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		stubborn := core.CurrentTask(ctx).Loop().CreateTask("stubborn", func(ctx context.Context) (any, error) {
			for i := 0; i < 3; i++ {
				if err := core.Sleep(ctx, time.Second); err != nil {
					fmt.Println("ignoring:", err)
				}
			}
			return "finished anyway", nil
		})
		core.Sleep(ctx, 1500*time.Millisecond)
		stubborn.Cancel("stop now")
		res, err := core.Await(ctx, stubborn)
		fmt.Println(res, err)
		return nil, nil
	})
}
