package core_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

// download stands for a slow network call: it sleeps d of loop time.
func download(name string, d time.Duration) func(ctx context.Context) (any, error) {
	return func(ctx context.Context) (any, error) {
		if err := core.Sleep(ctx, d); err != nil {
			return nil, err
		}
		return name + ".html", nil
	}
}

func ExampleGather() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		a := loop.CreateTask("a", download("a", 300*time.Millisecond))
		b := loop.CreateTask("b", download("b", 100*time.Millisecond))
		pages, err := core.Gather(ctx, a, b)
		fmt.Println(pages, err, loop.Time())
		return nil, nil
	}, core.VirtualClock())
	// Output: [a.html b.html] <nil> 300ms
}

func ExampleGatherReturnErrors() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		ok := loop.CreateTask("ok", download("ok", time.Second))
		bad := loop.CreateTask("bad", func(ctx context.Context) (any, error) {
			return nil, errors.New("404 not found")
		})
		results, err := core.GatherReturnErrors(ctx, ok, bad)
		fmt.Println(results, err)
		return nil, nil
	}, core.VirtualClock())
	// Output: [ok.html 404 not found] <nil>
}

func ExampleLoop_Gather() {
	loop := core.NewLoop(core.VirtualClock())
	slow := loop.CreateTask("slow", download("slow", time.Hour))
	g, _ := loop.Gather(false, slow)
	loop.CallLater(time.Second, func() { g.Cancel("enough") })
	_, err := loop.RunUntilComplete(g)
	fmt.Println(err, slow.Cancelled())
	loop.Close()
	// Output: cancelled: enough true
}

func ExampleWait() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		fast := loop.CreateTask("fast", download("fast", time.Second))
		slow := loop.CreateTask("slow", download("slow", time.Minute))
		done, pending, _ := core.Wait(ctx, []core.Awaitable{fast, slow}, core.FirstCompleted)
		fmt.Println(len(done), len(pending), loop.Time())
		slow.Cancel("not needed")
		return nil, nil
	}, core.VirtualClock())
	// Output: 1 1 1s
}

func ExampleWaitTimeout() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		slow := loop.CreateTask("slow", download("slow", time.Minute))
		done, pending, err := core.WaitTimeout(ctx, []core.Awaitable{slow}, core.AllCompleted, time.Second)
		// Running out of time is not an error, and slow keeps running.
		fmt.Println(len(done), len(pending), err, slow.Done())
		slow.Cancel("")
		return nil, nil
	}, core.VirtualClock())
	// Output: 0 1 <nil> false
}

func ExampleWaitFor() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		slow := loop.CreateTask("slow", download("slow", time.Minute))
		_, err := core.WaitFor(ctx, slow, time.Second)
		fmt.Println(errors.Is(err, core.ErrTimeout), slow.Cancelled())
		fmt.Println(err)
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// true true
	// timeout: task "slow" did not finish within 1s
}

func ExampleTimeout() {
	core.Run(func(ctx context.Context) (any, error) {
		_, err := core.Timeout(ctx, time.Second, func(ctx context.Context) (any, error) {
			err := core.Sleep(ctx, time.Minute)
			fmt.Println("the body sees:", err)
			return nil, err
		})
		fmt.Println("the caller sees:", err)
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// the body sees: cancelled
	// the caller sees: timeout: the body did not finish within 1s
}

func ExampleTimeoutAt() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		deadline := loop.Time() + 2*time.Second
		for i := 1; ; i++ {
			_, err := core.TimeoutAt(ctx, deadline, func(ctx context.Context) (any, error) {
				return nil, core.Sleep(ctx, 700*time.Millisecond)
			})
			if err != nil {
				fmt.Println("step", i, err, "at", loop.Time())
				return nil, nil
			}
		}
	}, core.VirtualClock())
	// Output: step 3 timeout: the body did not finish within deadline 2s at 2s
}

func ExampleShield() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		save := loop.CreateTask("save", download("saved", time.Second))
		caller := loop.CreateTask("caller", func(ctx context.Context) (any, error) {
			return core.Await(ctx, core.Shield(save))
		})
		core.Sleep(ctx, 100*time.Millisecond)
		caller.Cancel("")
		r, err := core.Await(ctx, save)
		fmt.Println(caller.Cancelled(), r, err)
		return nil, nil
	}, core.VirtualClock())
	// Output: true saved.html <nil>
}

func ExampleAsCompleted() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		c, _ := core.AsCompleted([]core.Awaitable{
			loop.CreateTask("", download("big", 3*time.Second)),
			loop.CreateTask("", download("small", time.Second)),
			loop.CreateTask("", download("medium", 2*time.Second)),
		})
		for c.More() {
			page, _ := c.Next(ctx)
			fmt.Println(loop.Time(), page)
		}
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// 1s small.html
	// 2s medium.html
	// 3s big.html
}

var errNotFound = errors.New("not found")

func ExampleWithTaskGroup() {
	core.Run(func(ctx context.Context) (any, error) {
		err := core.WithTaskGroup(ctx, func(ctx context.Context, tg *core.TaskGroup) error {
			tg.CreateTask("ok", func(ctx context.Context) (any, error) {
				err := core.Sleep(ctx, time.Minute)
				fmt.Println("sibling:", err)
				return nil, err
			})
			tg.CreateTask("missing", func(ctx context.Context) (any, error) {
				core.Sleep(ctx, time.Second)
				return nil, fmt.Errorf("GET /missing: %w", errNotFound)
			})
			return nil
		})
		fmt.Println(err)
		fmt.Println(errors.Is(err, errNotFound))
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// sibling: cancelled
	// unhandled errors in a TaskGroup (1 sub-exception): GET /missing: not found
	// true
}

func ExampleTaskGroup_CreateTask() {
	core.Run(func(ctx context.Context) (any, error) {
		var group *core.TaskGroup
		core.WithTaskGroup(ctx, func(ctx context.Context, tg *core.TaskGroup) error {
			group = tg
			tg.CreateTask("", download("a", time.Second))
			return nil
		})
		_, err := group.CreateTask("", download("b", time.Second))
		fmt.Println(errors.Is(err, core.ErrGroupFinished))
		return nil, nil
	}, core.VirtualClock())
	// Output: true
}

func ExampleAsCompletedTimeout() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		slow := loop.CreateTask("", download("slow", time.Minute))
		c, _ := core.AsCompletedTimeout([]core.Awaitable{
			loop.CreateTask("", download("quick", time.Second)),
			slow,
		}, 5*time.Second)
		for c.More() {
			page, err := c.Next(ctx)
			fmt.Println(loop.Time(), page, err)
		}
		slow.Cancel("")
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// 1s quick.html <nil>
	// 5s <nil> timeout: as_completed: not everything finished within 5s
}
