package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func worker(ctx context.Context) (any, error) {
	for i := 1; ; i++ {
		fmt.Println("working, round", i)
		if err := core.Sleep(ctx, time.Second); err != nil {
			if errors.Is(err, core.ErrCancelled) {
				fmt.Println("worker: cancelled, cleaning up")
			}
			return nil, err
		}
	}
}

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		w := loop.CreateTask("worker", worker)
		core.Sleep(ctx, 2500*time.Millisecond)

		fmt.Println("main: cancelling the worker")
		w.Cancel("enough")
		_, err := core.Await(ctx, w)
		fmt.Println("main: worker ended with:", err)
		fmt.Println("cancelled:", w.Cancelled())
		return nil, nil
	})
}
