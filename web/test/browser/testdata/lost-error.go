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
		core.RunningLoop(ctx).CreateTask("fetch", func(ctx context.Context) (any, error) {
			return nil, errors.New("connection refused")
		})
		core.Sleep(ctx, time.Second)
		fmt.Println("main done")
		return nil, nil
	})
}
