package core

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestLockFIFO(t *testing.T) {
	syncScene(t, "lock_fifo", func(ctx context.Context, out *lines) error {
		lock := NewLock("db")
		if err := lock.Acquire(ctx); err != nil {
			return err
		}
		var ts []*Task
		for i := 1; i <= 4; i++ {
			name := "w" + itoa(i)
			ts = append(ts, spawn(ctx, "", func(ctx context.Context) (any, error) {
				out.add("%s wants the lock", name)
				if err := lock.Acquire(ctx); err != nil {
					return nil, err
				}
				defer lock.Release()
				out.add("%s has the lock", name)
				if err := Sleep(ctx, 10*time.Millisecond); err != nil {
					return nil, err
				}
				out.add("%s releases", name)
				return nil, nil
			}))
		}
		Sleep(ctx, 0)
		out.add("main releases; locked: %s", py(lock.Locked()))
		lock.Release()
		awaitAll(ctx, ts...)
		out.add("locked at end: %s", py(lock.Locked()))
		return nil
	})
}

func TestLockNoBarging(t *testing.T) {
	syncScene(t, "lock_no_barging", func(ctx context.Context, out *lines) error {
		lock := NewLock()
		must(t, lock.Acquire(ctx))
		w := spawn(ctx, "", func(ctx context.Context) (any, error) {
			must(t, lock.Acquire(ctx))
			out.add("waiter acquired")
			Sleep(ctx, 0)
			lock.Release()
			out.add("waiter released")
			return nil, nil
		})
		Sleep(ctx, 0)
		lock.Release()
		out.add("main released; locked? %s", py(lock.Locked()))
		n := spawn(ctx, "", func(ctx context.Context) (any, error) {
			out.add("newcomer: locked? %s", py(lock.Locked()))
			must(t, lock.Acquire(ctx))
			out.add("newcomer acquired")
			return nil, lock.Release()
		})
		must(t, lock.Acquire(ctx))
		out.add("main re-acquired")
		lock.Release()
		awaitAll(ctx, w, n)
		return nil
	})
}

func lockWaiter(lock *Lock, name string, out *lines) func(ctx context.Context) (any, error) {
	return func(ctx context.Context) (any, error) {
		if err := lock.Acquire(ctx); err != nil {
			out.add("%s cancelled; locked? %s", name, py(lock.Locked()))
			return nil, err
		}
		out.add("%s acquired", name)
		return nil, lock.Release()
	}
}

func TestLockCancelWokenWaiter(t *testing.T) {
	syncScene(t, "lock_cancel_woken", func(ctx context.Context, out *lines) error {
		lock := NewLock()
		must(t, lock.Acquire(ctx))
		a := spawn(ctx, "", lockWaiter(lock, "a", out))
		b := spawn(ctx, "", lockWaiter(lock, "b", out))
		Sleep(ctx, 0)
		lock.Release()
		a.Cancel("")
		awaitAll(ctx, a, b)
		out.add("a cancelled: %s locked: %s", py(a.Cancelled()), py(lock.Locked()))
		return nil
	})
}

func TestLockCancelWhileWaiting(t *testing.T) {
	syncScene(t, "lock_cancel_waiting", func(ctx context.Context, out *lines) error {
		lock := NewLock()
		must(t, lock.Acquire(ctx))
		var ts []*Task
		for _, name := range []string{"a", "b", "c"} {
			ts = append(ts, spawn(ctx, "", func(ctx context.Context) (any, error) {
				if err := lock.Acquire(ctx); err != nil {
					out.add("%s cancelled while waiting", name)
					return nil, err
				}
				defer lock.Release()
				out.add("%s acquired", name)
				return nil, Sleep(ctx, 0)
			}))
		}
		Sleep(ctx, 0)
		ts[1].Cancel("")
		Sleep(ctx, 0)
		lock.Release()
		errs := awaitAll(ctx, ts...)
		if !errors.Is(errs[1], ErrCancelled) {
			t.Errorf("b ended with %v, want a cancellation", errs[1])
		}
		out.add("locked: %s", py(lock.Locked()))
		return nil
	})
}

func TestLockReleaseUnlocked(t *testing.T) {
	syncScene(t, "lock_release_unlocked", func(ctx context.Context, out *lines) error {
		lock := NewLock("db")
		err := lock.Release()
		out.add("%s", pyExc(err))
		if err == nil || err.Error() != `lock "db": Lock is not acquired.` {
			t.Errorf("error text %q", err)
		}
		must(t, lock.Acquire(ctx))
		must(t, lock.Release())
		out.add("%s", pyExc(lock.Release()))
		return nil
	})
}

// A primitive binds to the loop of the first task that waits on it; a task
// of another loop then gets a clear error instead of a hang.
func TestLockBoundToOneLoop(t *testing.T) {
	lock := NewLock("db")
	l1 := newTestLoop(t)
	_, err := l1.RunUntilComplete(l1.CreateTask("holder", func(ctx context.Context) (any, error) {
		must(t, lock.Acquire(ctx))
		w := spawn(ctx, "waiter", func(ctx context.Context) (any, error) { return nil, lock.Acquire(ctx) })
		Sleep(ctx, 0)
		lock.Release()
		_, err := Await(ctx, w)
		return nil, err
	}))
	must(t, err)
	l1.Close()
	must(t, lock.Release())
	l2 := newTestLoop(t)
	_, err = l2.RunUntilComplete(l2.CreateTask("", func(ctx context.Context) (any, error) {
		// The fast path needs no loop, as in asyncio ...
		if err := lock.Acquire(ctx); err != nil {
			return nil, err
		}
		// ... but waiting does.
		w := spawn(ctx, "", func(ctx context.Context) (any, error) { return nil, lock.Acquire(ctx) })
		_, err := Await(ctx, w)
		return nil, err
	}))
	l2.Close()
	if !errors.Is(err, ErrForeignLoop) || err.Error() != `lock "db" is bound to a different event loop` {
		t.Fatalf("got %v, want the bound-to-another-loop error", err)
	}
}

func TestLockOutsideTask(t *testing.T) {
	if err := NewLock().Acquire(context.Background()); !errors.Is(err, ErrNotInTask) {
		t.Fatalf("Acquire outside a task: %v, want ErrNotInTask", err)
	}
}
