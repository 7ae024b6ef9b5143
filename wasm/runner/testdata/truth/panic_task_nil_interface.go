package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

type greeter interface {
	Greet() string
}

func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		t := core.CurrentTask(ctx).Loop().CreateTask("greeter", func(ctx context.Context) (any, error) {
			var g greeter
			return g.Greet(), nil
		})
		return core.Await(ctx, t)
	})
	fmt.Println("Run returned:", err)
}
