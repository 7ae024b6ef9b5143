package core_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

// Three tasks update a shared balance; the lock keeps each read-modify-write
// whole even though every task suspends in the middle of it.
func ExampleLock() {
	core.Run(func(ctx context.Context) (any, error) {
		lock := core.NewLock("balance")
		balance := 0
		deposit := func(name string, amount int) func(ctx context.Context) (any, error) {
			return func(ctx context.Context) (any, error) {
				if err := lock.Acquire(ctx); err != nil {
					return nil, err
				}
				defer lock.Release()
				read := balance
				core.Sleep(ctx, 10*time.Millisecond) // other tasks run here
				balance = read + amount
				fmt.Println(name, "deposited", amount)
				return nil, nil
			}
		}
		l := core.CurrentTask(ctx).Loop()
		tasks := []*core.Task{l.CreateTask("a", deposit("a", 10)), l.CreateTask("b", deposit("b", 20)), l.CreateTask("c", deposit("c", 30))}
		for _, t := range tasks {
			core.Await(ctx, t)
		}
		fmt.Println("balance", balance)
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// a deposited 10
	// b deposited 20
	// c deposited 30
	// balance 60
}

// A semaphore of 2 lets at most two downloads run at once.
func ExampleSemaphore() {
	core.Run(func(ctx context.Context) (any, error) {
		l := core.CurrentTask(ctx).Loop()
		sem := core.NewSemaphore(2, "downloads")
		var tasks []*core.Task
		for _, file := range []string{"a.txt", "b.txt", "c.txt"} {
			tasks = append(tasks, l.CreateTask(file, func(ctx context.Context) (any, error) {
				if err := sem.Acquire(ctx); err != nil {
					return nil, err
				}
				defer sem.Release()
				fmt.Printf("%v start %s\n", l.Time(), file)
				return nil, core.Sleep(ctx, time.Second)
			}))
		}
		for _, t := range tasks {
			core.Await(ctx, t)
		}
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// 0s start a.txt
	// 0s start b.txt
	// 1s start c.txt
}

// A BoundedSemaphore catches a Release without a matching Acquire.
func ExampleBoundedSemaphore() {
	core.Run(func(ctx context.Context) (any, error) {
		pool := core.NewBoundedSemaphore(1, "pool")
		pool.Acquire(ctx)
		fmt.Println(pool.Release())
		err := pool.Release()
		fmt.Println(err)
		fmt.Println(errors.Is(err, core.ErrBoundedReleased))
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// <nil>
	// bounded semaphore "pool": BoundedSemaphore released too many times
	// true
}

// Set wakes every task waiting on the event, in the order they started
// waiting.
func ExampleAsyncEvent() {
	core.Run(func(ctx context.Context) (any, error) {
		l := core.CurrentTask(ctx).Loop()
		ready := core.NewEvent("ready")
		var tasks []*core.Task
		for _, name := range []string{"first", "second"} {
			tasks = append(tasks, l.CreateTask(name, func(ctx context.Context) (any, error) {
				fmt.Println(name, "waits")
				err := ready.Wait(ctx)
				fmt.Println(name, "goes")
				return nil, err
			}))
		}
		core.Sleep(ctx, time.Second)
		fmt.Println("set")
		ready.Set()
		for _, t := range tasks {
			core.Await(ctx, t)
		}
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// first waits
	// second waits
	// set
	// first goes
	// second goes
}

// A consumer waits on a condition until the producer has made what it needs.
func ExampleCondition() {
	core.Run(func(ctx context.Context) (any, error) {
		l := core.CurrentTask(ctx).Loop()
		cond := core.NewCondition(nil, "stock")
		stock := 0
		consumer := l.CreateTask("consumer", func(ctx context.Context) (any, error) {
			cond.Acquire(ctx)
			defer cond.Release()
			err := cond.WaitFor(ctx, func() bool { return stock >= 2 })
			fmt.Println("consumer takes 2 of", stock)
			return nil, err
		})
		for i := 0; i < 3; i++ {
			core.Sleep(ctx, time.Second)
			cond.Acquire(ctx)
			stock++
			fmt.Println("stock", stock)
			cond.NotifyAll()
			cond.Release()
		}
		_, err := core.Await(ctx, consumer)
		return nil, err
	}, core.VirtualClock())
	// Output:
	// stock 1
	// stock 2
	// consumer takes 2 of 2
	// stock 3
}

// Runners start together once all three are at the line.
func ExampleBarrier() {
	core.Run(func(ctx context.Context) (any, error) {
		l := core.CurrentTask(ctx).Loop()
		start := core.NewBarrier(3, "start")
		var tasks []*core.Task
		for i, name := range []string{"ann", "bob", "cy"} {
			tasks = append(tasks, l.CreateTask(name, func(ctx context.Context) (any, error) {
				core.Sleep(ctx, time.Duration(i+1)*time.Second)
				fmt.Printf("%v %s ready\n", l.Time(), name)
				if _, err := start.Wait(ctx); err != nil {
					return nil, err
				}
				fmt.Printf("%v %s runs\n", l.Time(), name)
				return nil, nil
			}))
		}
		for _, t := range tasks {
			core.Await(ctx, t)
		}
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// 1s ann ready
	// 2s bob ready
	// 3s cy ready
	// 3s cy runs
	// 3s ann runs
	// 3s bob runs
}

// A producer and a consumer pass items through a queue of size 1; Join
// waits until each item has been marked done.
func ExampleQueue() {
	core.Run(func(ctx context.Context) (any, error) {
		l := core.CurrentTask(ctx).Loop()
		q := core.NewQueue(1, "jobs")
		l.CreateTask("consumer", func(ctx context.Context) (any, error) {
			for {
				item, err := q.Get(ctx)
				if err != nil {
					return nil, err
				}
				fmt.Println("got", item)
				q.TaskDone()
			}
		})
		for i := 1; i <= 3; i++ {
			q.Put(ctx, i)
			fmt.Println("put", i)
		}
		q.Join(ctx)
		fmt.Println("all done")
		_, err := q.GetNowait()
		fmt.Println(err)
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// put 1
	// got 1
	// put 2
	// got 2
	// put 3
	// got 3
	// all done
	// queue "jobs": QueueEmpty: the queue is empty (GetNowait does not wait for an item)
}

// A priority queue orders items with the less function it is given.
func ExampleNewPriorityQueue() {
	type job struct {
		prio int
		name string
	}
	core.Run(func(ctx context.Context) (any, error) {
		q := core.NewPriorityQueue(0, func(a, b any) bool { return a.(job).prio < b.(job).prio }, "tickets")
		q.PutNowait(job{3, "refactor"})
		q.PutNowait(job{1, "outage"})
		q.PutNowait(job{2, "bug"})
		for !q.Empty() {
			item, _ := q.Get(ctx)
			fmt.Println(item.(job).name)
		}
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// outage
	// bug
	// refactor
}

// A LIFO queue hands out the newest item first.
func ExampleNewLifoQueue() {
	core.Run(func(ctx context.Context) (any, error) {
		q := core.NewLifoQueue(0, "pages")
		for _, p := range []string{"home", "docs", "api"} {
			q.PutNowait(p)
		}
		for !q.Empty() {
			item, _ := q.GetNowait()
			fmt.Println("back to", item)
		}
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// back to api
	// back to docs
	// back to home
}

// Blocking work runs on its own goroutine; the loop keeps running other
// tasks until the result comes back.
func ExampleToThread() {
	core.Run(func(ctx context.Context) (any, error) {
		l := core.CurrentTask(ctx).Loop()
		gate := make(chan struct{})
		l.CreateTask("spinner", func(ctx context.Context) (any, error) {
			for i := 0; i < 3; i++ {
				fmt.Println("spinner", i)
				core.Sleep(ctx, 0)
			}
			close(gate) // let the blocking work finish
			return nil, nil
		})
		size, err := core.ToThread(ctx, func(ctx context.Context) (any, error) {
			<-gate // stands in for a slow read or an HTTP request
			return 1024, nil
		})
		fmt.Println("read", size, "bytes", err)
		return nil, nil
	}, core.VirtualClock())
	// Output:
	// spinner 0
	// spinner 1
	// spinner 2
	// read 1024 bytes <nil>
}
