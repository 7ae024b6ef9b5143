package workloads

import (
	"context"

	"github.com/loopscope/loopscope/core"
)

// TaskSwitches: 10k tasks, each yielding 10 times with Sleep(0); a main task
// waits for all of them. 110k switches are counted (10 yields plus the final
// step per task), as the reference script counts them. Same in Python
// (asyncio.sleep(0) under gather); Node's nearest is `await null`, a
// microtask hop that never goes back through a loop iteration.
func TaskSwitches() (Result, error) {
	const tasks, yields = 10_000, 10
	l := core.NewLoop()
	defer l.Close()
	steps := 0
	worker := func(ctx context.Context) (any, error) {
		for range yields {
			if err := core.Sleep(ctx, 0); err != nil {
				return nil, err
			}
		}
		steps++
		return nil, nil
	}
	_, el, err := gatherTasks(l, tasks, func(int) func(context.Context) (any, error) { return worker })
	if err != nil {
		return Result{}, err
	}
	return rate(tasks*(yields+1), el), check("tasks finished", steps, tasks)
}
