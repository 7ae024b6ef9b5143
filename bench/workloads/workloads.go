// Package workloads is core's side of `make bench`. Each workload does the
// same work as the function of the same name in bench/py/loops.py and
// bench/node/loops.js; the comment on each says what differs. The package is
// compiled natively and to js/wasm (run under node) by bench/cmd/workloads.
package workloads

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

// Result is one measurement.
type Result struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	Note  string  `json:"note,omitempty"`
}

// Workload is one named measurement. Throughput workloads are repeated and
// the best run kept (the machine is shared, so the best run is the least
// disturbed one); memory is measured once.
type Workload struct {
	Name       string
	Repeatable bool
	Run        func() (Result, error)
}

// All lists core's workloads in table order.
var All = []Workload{
	{"call_soon", true, CallSoonChain},
	{"task_switch", true, TaskSwitches},
	{"timers", true, Timers},
	{"gather", true, Gather},
	{"queue", true, QueueTransfer},
	{"lock", true, LockContention},
	{"mem_per_task", false, MemPerTask},
	{"coroutine_floor", true, CoroutineFloor},
}

// gatherTasks times a main task that creates n tasks running task(i) and
// gathers them, as every runtime's version of these workloads does; it
// returns the gathered results.
func gatherTasks(l *core.Loop, n int, task func(i int) func(context.Context) (any, error)) ([]any, time.Duration, error) {
	t0 := time.Now()
	main := l.CreateTask("main", func(ctx context.Context) (any, error) {
		ts := make([]core.Awaitable, n)
		for i := range ts {
			ts[i] = l.CreateTask("", task(i))
		}
		return core.Gather(ctx, ts...)
	})
	res, err := l.RunUntilComplete(main)
	if err != nil {
		return nil, 0, err
	}
	return res.([]any), time.Since(t0), nil
}

// rate turns n operations in d into ops/s.
func rate(n int, d time.Duration) Result {
	return Result{Value: float64(n) / d.Seconds(), Unit: "ops/s"}
}

// check reports a workload that did less (or other) work than it should:
// a fast wrong answer must not count.
func check(what string, got, want int) error {
	if got != want {
		return fmt.Errorf("%s: got %d, want %d", what, got, want)
	}
	return nil
}
