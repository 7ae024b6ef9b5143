package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

var calls int

func count(word string) int {
	var seen map[string]int
	defer func() { calls++ }()
	seen[word]++
	return seen[word]
}

func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		t := core.CurrentTask(ctx).Loop().CreateTask("counter", func(ctx context.Context) (any, error) {
			return count("go"), nil
		})
		return core.Await(ctx, t)
	})
	fmt.Println("Run returned:", err)
}
