package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func sleeper(name string, d time.Duration) func(ctx context.Context) (any, error) {
	return func(ctx context.Context) (any, error) {
		if err := core.Sleep(ctx, d); err != nil {
			fmt.Println(name, "cancelled")
			return nil, err
		}
		return name, nil
	}
}

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		err := core.WithTaskGroup(ctx, func(ctx context.Context, tg *core.TaskGroup) error {
			tg.CreateTask("fetch-users", sleeper("fetch-users", 5*time.Second))
			tg.CreateTask("fetch-orders", sleeper("fetch-orders", 5*time.Second))
			tg.CreateTask("bad", func(ctx context.Context) (any, error) {
				core.Sleep(ctx, time.Second)
				return nil, errors.New("boom")
			})
			return core.Sleep(ctx, 10*time.Second)
		})
		fmt.Println("group:", err)
		return nil, nil
	})
}
