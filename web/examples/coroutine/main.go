package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

// greet is a coroutine: it runs as a task and may suspend at each await.
func greet(ctx context.Context, name string) (any, error) {
	fmt.Println("hello,", name)
	if err := core.Sleep(ctx, time.Second); err != nil {
		return nil, err
	}
	fmt.Println("goodbye,", name)
	return len(name), nil
}

func main() {
	res, err := core.Run(func(ctx context.Context) (any, error) {
		fmt.Println("main starts")
		n, err := greet(ctx, "world")
		fmt.Println("greet returned", n)
		return n, err
	})
	fmt.Println("result:", res, "error:", err)
}
