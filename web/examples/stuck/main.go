package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		reply := loop.CreateFuture("reply")
		fmt.Println("waiting for a reply nobody will send")
		return core.Await(ctx, reply)
	})
	fmt.Println("error:", err)
}
