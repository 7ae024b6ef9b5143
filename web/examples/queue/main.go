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
		jobs := core.NewQueue(2, "jobs")

		producer := loop.CreateTask("producer", func(ctx context.Context) (any, error) {
			for i := 1; i <= 5; i++ {
				if jobs.Full() {
					fmt.Println("queue full: producer waits to put job", i, "at", loop.Time())
				}
				if err := jobs.Put(ctx, i); err != nil {
					return nil, err
				}
				fmt.Println("put job", i, "at", loop.Time())
			}
			return nil, nil
		})
		for _, name := range []string{"worker-a", "worker-b"} {
			loop.CreateTask(name, func(ctx context.Context) (any, error) {
				for {
					job, err := jobs.Get(ctx)
					if err != nil {
						return nil, err
					}
					fmt.Println(name, "took job", job, "at", loop.Time())
					if err := core.Sleep(ctx, 300*time.Millisecond); err != nil {
						return nil, err
					}
					fmt.Println(name, "finished job", job, "at", loop.Time())
					jobs.TaskDone()
				}
			})
		}
		if _, err := core.Await(ctx, producer); err != nil {
			return nil, err
		}
		// Join waits until every job put has been marked done; then
		// Run cancels the idle workers.
		err := jobs.Join(ctx)
		fmt.Println("all jobs done at", loop.Time())
		return nil, err
	})
}
