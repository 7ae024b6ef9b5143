package workloads

import (
	"context"
	"time"

	"github.com/loopscope/loopscope/core"
)

// Gather: a main task creates 100k tasks that return their index at once and
// gathers them; the results are checked. Same in Python (create_task +
// gather). Node's Promise.all over async functions differs: an async
// function runs synchronously up to its first await, so nothing is
// scheduled per child.
func Gather() (Result, error) {
	const n = 100_000
	l := core.NewLoop()
	defer l.Close()
	child := func(i int) func(context.Context) (any, error) {
		return func(context.Context) (any, error) { return i, nil }
	}
	t0 := time.Now()
	main := l.CreateTask("main", func(ctx context.Context) (any, error) {
		ts := make([]core.Awaitable, n)
		for i := range ts {
			ts[i] = l.CreateTask("", child(i))
		}
		return core.Gather(ctx, ts...)
	})
	res, err := l.RunUntilComplete(main)
	if err != nil {
		return Result{}, err
	}
	el := time.Since(t0)
	all := res.([]any)
	if err := check("results", len(all), n); err != nil {
		return Result{}, err
	}
	return rate(n, el), check("last result", all[n-1].(int), n-1)
}
