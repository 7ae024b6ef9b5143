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
		// At most two downloads at a time.
		sem := core.NewSemaphore(2, "connections")
		var tasks []core.Awaitable
		for i := 1; i <= 5; i++ {
			name := fmt.Sprintf("download-%d", i)
			tasks = append(tasks, loop.CreateTask(name, func(ctx context.Context) (any, error) {
				if err := sem.Acquire(ctx); err != nil {
					return nil, err
				}
				defer sem.Release()
				fmt.Println(name, "starts at", loop.Time())
				if err := core.Sleep(ctx, time.Duration(i)*100*time.Millisecond); err != nil {
					return nil, err
				}
				fmt.Println(name, "ends at", loop.Time())
				return nil, nil
			}))
		}
		_, err := core.Gather(ctx, tasks...)
		return nil, err
	})
}
