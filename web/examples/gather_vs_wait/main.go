package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func job(name string, d time.Duration) func(ctx context.Context) (any, error) {
	return func(ctx context.Context) (any, error) {
		if err := core.Sleep(ctx, d); err != nil {
			return nil, err
		}
		return name + " after " + d.String(), nil
	}
}

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()

		// Gather: every result, in argument order, once all are done.
		results, err := core.Gather(ctx,
			loop.CreateTask("slow", job("slow", 2*time.Second)),
			loop.CreateTask("fast", job("fast", time.Second)))
		fmt.Println("gather:", results, err, "at", loop.Time())

		// Wait: returns sets of done and pending awaitables, here as soon
		// as the first one finishes; the rest keep running.
		slow := loop.CreateTask("slow2", job("slow2", 2*time.Second))
		fast := loop.CreateTask("fast2", job("fast2", time.Second))
		done, pending, err := core.Wait(ctx, []core.Awaitable{slow, fast}, core.FirstCompleted)
		fmt.Println("wait:", len(done), "done,", len(pending), "pending, at", loop.Time(), err)
		for _, d := range done {
			r, _ := core.Await(ctx, d)
			fmt.Println("  done:", r)
		}
		r, _ := core.Await(ctx, slow)
		fmt.Println("  later:", r, "at", loop.Time())
		return nil, nil
	})
}
