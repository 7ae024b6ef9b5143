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
			for i := 0; i < 3; i++ {
				t0 := loop.Time()
				core.Sleep(ctx, 10*time.Millisecond)
				fmt.Println("tick", i, "waited", loop.Time()-t0)
			}
			return nil, nil
		})
		blocker := loop.CreateTask("blocker", func(ctx context.Context) (any, error) {
			core.Sleep(ctx, 0)
			time.Sleep(300 * time.Millisecond)
			fmt.Println("blocker done at", loop.Time())
			return nil, nil
		})
		loop.CallSoon(func() {
			time.Sleep(time.Hour)
			fmt.Println("callback done at", loop.Time())
		})
		core.Await(ctx, ticker)
		core.Await(ctx, blocker)
		off, _ := core.ToThread(ctx, func(ctx context.Context) (any, error) {
			began := time.Now()
			time.Sleep(20 * time.Millisecond)
			return time.Since(began) >= 20*time.Millisecond, nil
		})
		fmt.Println("ToThread's sleep took real time:", off)
		return nil, nil
	})
}
