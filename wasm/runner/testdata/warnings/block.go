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
		ticker := loop.CreateTask("ticker", func(ctx context.Context) (any, error) {
			for i := 1; i <= 3; i++ {
				core.Sleep(ctx, 20*time.Millisecond)
				fmt.Println("tick", i)
			}
			return nil, nil
		})
		core.Sleep(ctx, 0)
		time.Sleep(50 * time.Millisecond) // blocks the loop: no tick meanwhile
		fmt.Println("main woke up")
		return core.Await(ctx, ticker)
	})
}
