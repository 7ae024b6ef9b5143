package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		var me *core.Task
		me = loop.CreateTask("s", func(ctx context.Context) (any, error) {
			core.Sleep(ctx, 0)
			fmt.Println("s awaits itself")
			if _, err := core.Await(ctx, me); err != nil {
				fmt.Println("s got", err)
			}
			return "s done", nil
		})
		core.Sleep(ctx, 0)
		loop.CreateTask("other", func(ctx context.Context) (any, error) { fmt.Println("other runs"); return nil, nil })
		fmt.Println(core.Await(ctx, me))
		return nil, nil
	})
}
