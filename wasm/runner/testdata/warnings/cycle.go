package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		var a, b *core.Task
		a = loop.CreateTask("a", func(ctx context.Context) (any, error) {
			core.Sleep(ctx, 0)
			fmt.Println("a awaits b")
			return core.Await(ctx, b)
		})
		b = loop.CreateTask("b", func(ctx context.Context) (any, error) {
			core.Sleep(ctx, 0)
			fmt.Println("b awaits a")
			return core.Await(ctx, a)
		})
		return core.Await(ctx, a)
	})
	fmt.Println("error:", err)
}
