package workloads

import (
	"context"
	"fmt"
	"runtime"

	"github.com/loopscope/loopscope/core"
)

// MemPerTask: 100k tasks, each suspended awaiting one shared future; the
// bytes they hold, divided by 100k. Here that is the growth of live heap
// plus goroutine stacks (runtime.MemStats HeapAlloc + StackInuse after a
// GC), because each suspended task keeps a coroutine stack. Python measures
// with tracemalloc (Python-allocated memory, which is where tasks and
// coroutine frames live); Node with V8's heapUsed after a forced GC.
func MemPerTask() (Result, error) {
	const n = 100_000
	l := core.NewLoop()
	defer l.Close()
	gate := l.CreateFuture("gate")
	finished := 0
	body := func(ctx context.Context) (any, error) {
		_, err := core.Await(ctx, gate)
		finished++
		return nil, err
	}
	before := liveBytes()
	tasks := make([]*core.Task, n)
	for i := range tasks {
		tasks[i] = l.CreateTask("", body)
	}
	// One iteration: every task runs up to its Await and suspends there.
	if err := runIterations(l, 1); err != nil {
		return Result{}, err
	}
	after := liveBytes()
	gate.SetResult(nil)
	// The wake-ups are scheduled as the gate completes; one iteration runs them.
	if err := runIterations(l, 1); err != nil {
		return Result{}, err
	}
	runtime.KeepAlive(tasks)
	if err := check("tasks finished", finished, n); err != nil {
		return Result{}, err
	}
	return Result{
		Value: float64(after-before) / n,
		Unit:  "bytes/task",
		Note:  "runtime.MemStats HeapAlloc+StackInuse delta",
	}, nil
}

// liveBytes is the heap and stack memory in use after a full collection.
func liveBytes() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc) + int64(m.StackInuse)
}

// runIterations runs exactly k iterations of a loop that is not running.
func runIterations(l *core.Loop, k int) error {
	for range k {
		l.Stop()
		if err := l.RunForever(); err != nil {
			return fmt.Errorf("running the loop: %w", err)
		}
	}
	return nil
}
