package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		ready := core.NewEvent("ready")
		waiter := loop.CreateTask("waiter", func(ctx context.Context) (any, error) {
			fmt.Println("waiting for ready")
			return nil, ready.Wait(ctx)
		})
		for i := 1; i <= 3; i++ {
			core.Sleep(ctx, time.Second)
			fmt.Println("main works", i)
		}
		return core.Await(ctx, waiter)
	})
	fmt.Println("error:", err)
}
