package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

var balance = 100

// withdraw reads, waits (a slow check), then writes: without the lock two
// tasks would both see the old balance.
func withdraw(lock *core.Lock, who string, amount int) func(ctx context.Context) (any, error) {
	return func(ctx context.Context) (any, error) {
		if err := lock.Acquire(ctx); err != nil {
			return nil, err
		}
		defer lock.Release()
		fmt.Println(who, "holds the lock, sees", balance)
		current := balance
		if err := core.Sleep(ctx, 100*time.Millisecond); err != nil {
			return nil, err
		}
		balance = current - amount
		fmt.Println(who, "leaves", balance)
		return nil, nil
	}
}

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		lock := core.NewLock("account")
		_, err := core.Gather(ctx,
			loop.CreateTask("alice", withdraw(lock, "alice", 30)),
			loop.CreateTask("bob", withdraw(lock, "bob", 50)))
		fmt.Println("final balance:", balance, err)
		return nil, nil
	})
}
