package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

// A deadlock with a chain: a holds the lock "db" and waits for a reply
// nobody sends; b waits for a; c waits for the lock; main waits for b.
func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		db := core.NewLock("db")
		reply := loop.CreateFuture("reply")
		a := loop.CreateTask("a", func(ctx context.Context) (any, error) {
			if err := db.Acquire(ctx); err != nil {
				return nil, err
			}
			defer db.Release()
			return core.Await(ctx, reply)
		})
		b := loop.CreateTask("b", func(ctx context.Context) (any, error) {
			core.Sleep(ctx, 5*time.Millisecond)
			return core.Await(ctx, a)
		})
		loop.CreateTask("c", func(ctx context.Context) (any, error) {
			core.Sleep(ctx, time.Millisecond)
			if err := db.Acquire(ctx); err != nil {
				return nil, err
			}
			db.Release()
			return nil, nil
		})
		return core.Await(ctx, b)
	})
	fmt.Println("error:", err)
}
