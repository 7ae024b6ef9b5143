package core_test

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

type userKey struct{}

// A task created from a ctx reads that ctx's values, as an asyncio task
// starts with a copy of its creator's context variables; what it adds is
// its own.
func ExampleCreateTask() {
	core.Run(func(ctx context.Context) (any, error) {
		ctx = context.WithValue(ctx, userKey{}, "ada")
		t, err := core.CreateTask(ctx, "greeter", func(ctx context.Context) (any, error) {
			fmt.Println("greeter sees user", ctx.Value(userKey{}))
			ctx = context.WithValue(ctx, userKey{}, "bob") // stays in this task
			return "hello " + ctx.Value(userKey{}).(string), nil
		})
		if err != nil {
			return nil, err
		}
		res, _ := core.Await(ctx, t)
		fmt.Println(res, "- main still sees", ctx.Value(userKey{}))
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// greeter sees user ada
	// hello bob - main still sees ada
}

// A task body reaches its loop from its ctx, as asyncio.get_running_loop().
func ExampleRunningLoop() {
	core.Run(func(ctx context.Context) (any, error) {
		l := core.RunningLoop(ctx)
		l.CallSoon(func() { fmt.Println("a callback at", l.Time()) })
		return nil, core.Sleep(ctx, 0)
	}, core.VirtualClock())
	// Output:
	// a callback at 0s
}
