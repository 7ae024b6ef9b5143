package workloads

import (
	"context"
	"time"

	"github.com/loopscope/loopscope/core"
)

// QueueTransfer: a producer task puts 1M ints into a Queue of maxsize 100
// and a consumer task gets them, both gathered by a main task. Same in
// Python (asyncio.Queue(maxsize=100)); Node has no built-in async queue.
// Differs: Go boxes each int into an `any` on Put (an allocation from 256
// on), much as Python makes an int object for each.
func QueueTransfer() (Result, error) {
	const n = 1_000_000
	l := core.NewLoop()
	defer l.Close()
	q := core.NewQueue(100)
	got := 0
	t0 := time.Now()
	main := l.CreateTask("main", func(ctx context.Context) (any, error) {
		producer := l.CreateTask("producer", func(ctx context.Context) (any, error) {
			for i := range n {
				if err := q.Put(ctx, i); err != nil {
					return nil, err
				}
			}
			return nil, nil
		})
		consumer := l.CreateTask("consumer", func(ctx context.Context) (any, error) {
			for range n {
				if _, err := q.Get(ctx); err != nil {
					return nil, err
				}
				got++
			}
			return nil, nil
		})
		return core.Gather(ctx, producer, consumer)
	})
	if _, err := l.RunUntilComplete(main); err != nil {
		return Result{}, err
	}
	el := time.Since(t0)
	return rate(n, el), check("items received", got, n)
}

// LockContention: 1k tasks x 50 rounds of acquiring one Lock, yielding once
// with Sleep(0) while holding it, and releasing it (async with lock: await
// sleep(0) in Python). Counted: acquisitions. Node has no built-in lock.
func LockContention() (Result, error) {
	const tasks, rounds = 1_000, 50
	l := core.NewLoop()
	defer l.Close()
	lk := core.NewLock()
	held := 0
	worker := func(ctx context.Context) (any, error) {
		for range rounds {
			if err := lk.Acquire(ctx); err != nil {
				return nil, err
			}
			held++
			err := core.Sleep(ctx, 0)
			if rerr := lk.Release(); err == nil {
				err = rerr
			}
			if err != nil {
				return nil, err
			}
		}
		return nil, nil
	}
	_, el, err := gatherTasks(l, tasks, func(int) func(context.Context) (any, error) { return worker })
	if err != nil {
		return Result{}, err
	}
	return rate(tasks*rounds, el), check("acquisitions", held, tasks*rounds)
}
