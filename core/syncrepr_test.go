package core

import (
	"context"
	"fmt"
	"testing"
)

// Printing a primitive shows its state the way asyncio's repr does, not
// its Go internals.
func TestPrimitivesPrintTheirState(t *testing.T) {
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		lock, sem, bsem := NewLock("db"), NewSemaphore(1, "downloads"), NewBoundedSemaphore(2)
		ev, cond, bar := NewEvent("ready"), NewCondition(nil), NewBarrier(3, "start")
		q := NewQueue(1, "jobs")
		must(t, lock.Acquire(ctx))
		waiter := spawn(ctx, "", func(ctx context.Context) (any, error) { return nil, lock.Acquire(ctx) })
		spawn(ctx, "", func(ctx context.Context) (any, error) { return nil, ev.Wait(ctx) })
		barTask := spawn(ctx, "", func(ctx context.Context) (any, error) { _, err := bar.Wait(ctx); return nil, err })
		must(t, q.PutNowait("a"))
		putter := spawn(ctx, "", func(ctx context.Context) (any, error) { return nil, q.Put(ctx, "b") })
		Sleep(ctx, 0)
		checks := []struct {
			got  fmt.Stringer
			want string
		}{
			{lock, `<Lock "db" [locked, waiters:1]>`},
			{sem, `<Semaphore "downloads" [unlocked, value:1]>`},
			{bsem, `<BoundedSemaphore [unlocked, value:2]>`},
			{ev, `<Event "ready" [unset, waiters:1]>`},
			{cond, `<Condition [unlocked]>`},
			{bar, `<Barrier "start" [filling, waiters:1/3]>`},
			{q, `<Queue "jobs" maxsize=1 qsize=1 putters[1] tasks=1>`},
			{NewLifoQueue(0), `<LifoQueue maxsize=0 qsize=0>`},
		}
		for _, c := range checks {
			if s := fmt.Sprint(c.got); s != c.want {
				t.Errorf("printed %s, want %s", s, c.want)
			}
		}
		lock.Release()
		ev.Set()
		bar.Abort(ctx)
		q.GetNowait()
		awaitAll(ctx, waiter, putter, barTask)
		if s := bar.String(); s != `<Barrier "start" [broken]>` {
			t.Errorf("aborted barrier prints %s", s)
		}
		return nil, lock.Release()
	})
	must(t, err)
}
