package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func parse(s string) int {
	var digits []int
	return digits[len(s)]
}

func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		t := core.CurrentTask(ctx).Loop().CreateTask("parser", func(ctx context.Context) (any, error) {
			return parse("abc"), nil
		})
		return core.Await(ctx, t)
	})
	fmt.Println("Run returned:", err)
}
