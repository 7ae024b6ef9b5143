package core

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestConditionNotifyOneThenAll(t *testing.T) {
	syncScene(t, "condition_notify", func(ctx context.Context, out *lines) error {
		cond := NewCondition(nil, "jobs")
		var ts []*Task
		for _, name := range []string{"a", "b", "c"} {
			ts = append(ts, spawn(ctx, "", func(ctx context.Context) (any, error) {
				must(t, cond.Acquire(ctx))
				defer cond.Release()
				out.add("%s waits", name)
				if err := cond.Wait(ctx); err != nil {
					return nil, err
				}
				out.add("%s notified, holds lock: %s", name, py(cond.Locked()))
				return nil, nil
			}))
		}
		Sleep(ctx, 0)
		must(t, cond.Acquire(ctx))
		out.add("notify(1)")
		must(t, cond.Notify(1))
		Sleep(ctx, 0)
		out.add("main still holds the lock")
		must(t, cond.Release())
		Sleep(ctx, 0)
		must(t, cond.Acquire(ctx))
		out.add("notify_all")
		must(t, cond.NotifyAll())
		must(t, cond.Release())
		for _, err := range awaitAll(ctx, ts...) {
			must(t, err)
		}
		return nil
	})
}

func TestConditionNeedsLock(t *testing.T) {
	syncScene(t, "condition_errors", func(ctx context.Context, out *lines) error {
		cond := NewCondition(nil)
		out.add("%s", pyExc(cond.Wait(ctx)))
		out.add("%s", pyExc(cond.Notify(1)))
		lock := NewLock()
		shared := NewCondition(lock)
		must(t, lock.Acquire(ctx))
		out.add("shared lock held: %s", py(shared.Locked()))
		return lock.Release()
	})
}

func TestConditionWaitFor(t *testing.T) {
	syncScene(t, "condition_wait_for", func(ctx context.Context, out *lines) error {
		cond := NewCondition(nil)
		var box []int
		c := spawn(ctx, "", func(ctx context.Context) (any, error) {
			must(t, cond.Acquire(ctx))
			defer cond.Release()
			if err := cond.WaitFor(ctx, func() bool { return len(box) >= 3 }); err != nil {
				return nil, err
			}
			out.add("consumer sees %s", pyInts(box))
			return nil, nil
		})
		for i := 0; i < 4; i++ {
			Sleep(ctx, 10*time.Millisecond)
			must(t, cond.Acquire(ctx))
			box = append(box, i)
			out.add("put %d", i)
			cond.NotifyAll()
			cond.Release()
		}
		_, err := Await(ctx, c)
		return err
	})
}

func pyInts(xs []int) string {
	s := fmt.Sprint(xs)
	out := []byte{}
	for i := 0; i < len(s); i++ {
		out = append(out, s[i])
		if s[i] == ' ' {
			out = append(out[:len(out)-1], ',', ' ')
		}
	}
	return string(out)
}

func TestConditionCancelledWaiterRetakesLock(t *testing.T) {
	syncScene(t, "condition_cancel", func(ctx context.Context, out *lines) error {
		cond := NewCondition(nil)
		w := spawn(ctx, "", func(ctx context.Context) (any, error) {
			must(t, cond.Acquire(ctx))
			defer cond.Release()
			err := cond.Wait(ctx)
			if errors.Is(err, ErrCancelled) {
				out.add("cancelled, holds lock: %s", py(cond.Locked()))
			}
			return nil, err
		})
		Sleep(ctx, 0)
		must(t, cond.Acquire(ctx))
		w.Cancel("")
		Sleep(ctx, 0)
		out.add("main releases")
		must(t, cond.Release())
		if _, err := Await(ctx, w); errors.Is(err, ErrCancelled) {
			out.add("task cancelled: %s locked: %s", py(w.Cancelled()), py(cond.Locked()))
		}
		return nil
	})
}
