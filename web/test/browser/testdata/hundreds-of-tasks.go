package main

import (
	"context"
	"time"

	"github.com/loopscope/loopscope/core"
)

// 400 tasks, each sleeping once: 401 lanes, far more than the pane shows.
func main() {
	loop := core.NewLoop()
	defer loop.Close()
	var tasks []core.Awaitable
	for i := range 400 {
		tasks = append(tasks, loop.CreateTask("", func(ctx context.Context) (any, error) {
			return nil, core.Sleep(ctx, time.Duration(i%7)*time.Millisecond)
		}))
	}
	main := loop.CreateTask("main", func(ctx context.Context) (any, error) {
		return core.Gather(ctx, tasks...)
	})
	loop.RunUntilComplete(main)
}
