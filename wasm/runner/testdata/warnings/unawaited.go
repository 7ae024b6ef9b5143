package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		loop.CreateTask("save", func(ctx context.Context) (any, error) {
			if err := core.Sleep(ctx, time.Second); err != nil {
				return nil, err
			}
			fmt.Println("saved")
			return nil, nil
		})
		loop.CreateTask("check", func(ctx context.Context) (any, error) {
			return nil, errors.New("disk full")
		})
		loop.CreateTask("count", func(ctx context.Context) (any, error) {
			return 42, nil
		})
		kept := loop.CreateTask("kept", func(ctx context.Context) (any, error) {
			return "fine", nil
		})
		core.Sleep(ctx, 100*time.Millisecond)
		fmt.Println(kept.Result())
		return nil, nil
	})
}
