package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func slowOperation(ctx context.Context) (any, error) {
	fmt.Println("slow operation: started")
	if err := core.Sleep(ctx, 10*time.Second); err != nil {
		fmt.Println("slow operation: interrupted")
		return nil, err
	}
	return "finished", nil
}

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()

		// Timeout: a deadline around a block of code in the current task.
		_, err := core.Timeout(ctx, 2*time.Second, slowOperation)
		fmt.Println("Timeout:", err, "| is a timeout:", errors.Is(err, core.ErrTimeout), "| at", loop.Time())

		// WaitFor: a deadline on one awaitable; the task is cancelled.
		task := loop.CreateTask("slow", slowOperation)
		_, err = core.WaitFor(ctx, task, time.Second)
		fmt.Println("WaitFor:", err, "| task cancelled:", task.Cancelled(), "| at", loop.Time())
		return nil, nil
	})
}
