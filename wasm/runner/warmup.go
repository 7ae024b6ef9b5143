package runner

import (
	"context"
	"sync"
)

// A process's first run pays one-time costs inside the program's steps: in
// the browser, the code each step calls for the first time is compiled as
// it is called, and the runner fills its caches of call sites. A cold
// first run of the gather example had six steps flagged slow at 50 ms that
// its program did not make slow. WarmUp runs a small program that goes
// through the same paths (tasks, callbacks, timers, gather, a lock, a
// queue, an event, a timeout, blocking, printing, slow-step checks) once,
// its result dropped, so that the program's own steps are measured warm.
// The playground's wasm calls it before the instance's first run or
// preparation, so that a program prepared ahead stays the last one built.

var warmOnce sync.Once

// WarmUp runs the warm-up program, once per process.
func WarmUp() {
	warmOnce.Do(func() {
		Run(context.Background(), Request{Source: WarmUpProgram, SlowMS: 50})
	})
}

// WarmUpProgram is the warm-up's source (wasm/precompiled compiles it in
// too: the precompiled build warms up the same way).
const WarmUpProgram = `package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func tick() { fmt.Print("") }

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.RunningLoop(ctx)
		lock := core.NewLock("warm")
		q := core.NewQueue(1, "warm")
		ev := core.NewEvent("warm")
		loop.CallSoon(tick)
		loop.CallLater(time.Millisecond, func() { ev.Set() })
		var tasks []core.Awaitable
		for i := range 3 {
			tasks = append(tasks, loop.CreateTask(fmt.Sprint("warm ", i), func(ctx context.Context) (any, error) {
				if err := lock.Acquire(ctx); err != nil {
					return nil, err
				}
				defer lock.Release()
				if err := core.Sleep(ctx, time.Millisecond); err != nil {
					return nil, err
				}
				if err := q.Put(ctx, i); err != nil {
					return nil, err
				}
				v, err := q.Get(ctx)
				fmt.Printf("%d %v\n", i, v)
				return v, err
			}))
		}
		if _, err := core.Gather(ctx, tasks...); err != nil {
			return nil, err
		}
		ev.Wait(ctx)
		_, err := core.Timeout(ctx, time.Millisecond, func(ctx context.Context) (any, error) {
			return nil, core.Sleep(ctx, time.Second)
		})
		time.Sleep(time.Millisecond)
		fmt.Println(errors.Is(err, context.DeadlineExceeded))
		return nil, core.Sleep(ctx, 0)
	})
}
`
