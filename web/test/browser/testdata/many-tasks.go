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
		ready := core.NewEvent("ready")
		jobs := core.NewQueue(2, "jobs")
		var all []core.Awaitable
		for i := 1; i <= 6; i++ {
			name := fmt.Sprintf("waiter-%02d", i)
			all = append(all, loop.CreateTask(name, func(ctx context.Context) (any, error) {
				if err := ready.Wait(ctx); err != nil {
					return nil, err
				}
				fmt.Println(name, "saw the event and goes on with its work")
				return nil, core.Sleep(ctx, time.Duration(i)*100*time.Millisecond)
			}))
		}
		for i := 1; i <= 3; i++ {
			name := fmt.Sprintf("consumer-%d", i)
			all = append(all, loop.CreateTask(name, func(ctx context.Context) (any, error) {
				item, err := jobs.Get(ctx)
				if err != nil {
					return nil, err
				}
				fmt.Println(name, "got", item)
				return item, nil
			}))
		}
		all = append(all, loop.CreateTask("producer-with-a-rather-long-descriptive-name", func(ctx context.Context) (any, error) {
			for i := 1; i <= 3; i++ {
				if err := jobs.Put(ctx, fmt.Sprintf("job %d", i)); err != nil {
					return nil, err
				}
			}
			return nil, nil
		}))
		all = append(all, loop.CreateTask("starter", func(ctx context.Context) (any, error) {
			core.Sleep(ctx, 250*time.Millisecond)
			fmt.Println("starter sets the event: every waiter may go on")
			ready.Set()
			return nil, nil
		}))
		_, err := core.Gather(ctx, all...)
		return nil, err
	})
}
