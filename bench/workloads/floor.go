package workloads

import (
	"iter"
	"time"
)

// CoroutineFloor is task_switch without the loop: 10k bare iter.Pull
// coroutines resumed round-robin, 11 times each, counted like task_switch.
// It is what the Go runtime's own coroutine switch costs on this machine
// with that many coroutines, the floor under core's task switches (core's
// tasks are iter.Pull coroutines); no other runtime has an equivalent.
func CoroutineFloor() (Result, error) {
	const coros, yields = 10_000, 10
	t0 := time.Now()
	nexts := make([]func() (struct{}, bool), coros)
	finished := 0
	for i := range nexts {
		nexts[i], _ = iter.Pull(func(yield func(struct{}) bool) {
			for range yields {
				if !yield(struct{}{}) {
					return
				}
			}
			finished++
		})
	}
	for range yields + 1 {
		for _, next := range nexts {
			next()
		}
	}
	el := time.Since(t0)
	return rate(coros*(yields+1), el), check("coroutines finished", finished, coros)
}
