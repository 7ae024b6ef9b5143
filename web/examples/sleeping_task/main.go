package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	defer loop.Close()

	task := loop.CreateTask("sleeper", func(ctx context.Context) (any, error) {
		fmt.Println("task: going to sleep for 3s")
		if err := core.Sleep(ctx, 3*time.Second); err != nil {
			return nil, err
		}
		fmt.Println("task: awake at", loop.Time())
		return "rested", nil
	})

	res, err := loop.RunUntilComplete(task)
	fmt.Println("RunUntilComplete returned", res, err)
	fmt.Println("task done:", task.Done())
}
