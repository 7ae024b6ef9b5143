package workloads

import (
	"context"

	"github.com/loopscope/loopscope/core"
)

// Gather: a main task creates 100k tasks that return their index at once and
// gathers them; the results are checked. Same in Python (create_task +
// gather). Node's Promise.all over async functions differs: an async
// function runs synchronously up to its first await, so nothing is
// scheduled per child. Core schedules each child's first step, as asyncio
// does, but runs a batch of them on one coroutine without switching back to
// the loop between them (core/firststeps.go).
func Gather() (Result, error) {
	const n = 100_000
	l := core.NewLoop()
	defer l.Close()
	child := func(i int) func(context.Context) (any, error) {
		return func(context.Context) (any, error) { return i, nil }
	}
	all, el, err := gatherTasks(l, n, child)
	if err != nil {
		return Result{}, err
	}
	if err := check("results", len(all), n); err != nil {
		return Result{}, err
	}
	return rate(n, el), check("last result", all[n-1].(int), n-1)
}
