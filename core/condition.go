package core

import (
	"context"
	"errors"
)

// Condition is asyncio.Condition: tasks wait on it, holding its lock, until
// another task notifies them. Wait releases the lock while waiting and takes
// it back before it returns — even when the task is cancelled meanwhile.
type Condition struct {
	syncPrim
	lock    *Lock
	waiters waiterList
}

// NewCondition makes a condition over lock; with a nil lock it makes its own
// (named like the condition). The optional name labels it in the timeline
// and in diagnostics (`condition "jobs"`).
func NewCondition(lock *Lock, name ...string) *Condition {
	c := &Condition{}
	c.init("condition", name)
	if lock == nil {
		lock = NewLock(name...)
	}
	c.lock = lock
	return c
}

// Lock is the lock the condition uses.
func (c *Condition) Lock() *Lock { return c.lock }

// Locked reports whether the condition's lock is held.
func (c *Condition) Locked() bool { return c.lock.Locked() }

// Acquire takes the condition's lock.
func (c *Condition) Acquire(ctx context.Context) error {
	if _, err := c.use(ctx, c); err != nil {
		return err
	}
	return c.lock.Acquire(ctx)
}

// Release frees the condition's lock.
func (c *Condition) Release() error { return c.lock.Release() }

// Wait releases the lock, waits to be notified and takes the lock back. It
// fails with ErrCondWaitUnacquired when the lock is not held. If the task is
// cancelled while waiting, Wait still takes the lock back before it returns
// the cancellation error.
func (c *Condition) Wait(ctx context.Context) error {
	t, err := c.use(ctx, c)
	if err != nil {
		return err
	}
	if !c.lock.Locked() {
		return c.misuse(ErrCondWaitUnacquired)
	}
	w, err := c.newWaiter(t, "to be notified")
	if err != nil {
		return err
	}
	if err := c.lock.Release(); err != nil {
		return err
	}
	c.enqueue(&c.waiters, w)
	_, waitErr := Await(ctx, w)
	c.waiters.remove(w)
	// The lock must be held again on the way out, cancelled or not.
	cancelled := false
	if err := t.loop.quietly(t, func() error {
		for {
			err := c.lock.Acquire(ctx)
			if err == nil {
				return nil
			}
			if !errors.Is(err, ErrCancelled) {
				return err
			}
			cancelled = true
		}
	}); err != nil {
		return err
	}
	if cancelled {
		// asyncio raises a fresh CancelledError, without the message.
		return &CancelledError{}
	}
	if waitErr == nil {
		c.trace(KindAcquire, w.id, "notified")
	}
	return waitErr
}

// WaitFor waits until predicate returns true, checking it first and again
// after every notification. The lock must be held.
func (c *Condition) WaitFor(ctx context.Context, predicate func() bool) error {
	if predicate == nil {
		return ErrNilCallback
	}
	for !predicate() {
		if err := c.Wait(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Notify wakes up to n waiting tasks, first come first served; each returns
// from Wait once it has the lock back. The lock must be held
// (ErrCondNotifyUnacquired otherwise).
func (c *Condition) Notify(n int) error {
	if !c.lock.Locked() {
		return c.misuse(ErrCondNotifyUnacquired)
	}
	woken := 0
	for _, w := range c.waiters.all() {
		if woken >= n {
			break
		}
		if !w.Done() {
			woken++
			w.SetResult(false)
		}
	}
	if woken > 0 && c.tracing() {
		c.trace(KindRelease, 0, "notify "+itoa(woken))
	}
	return nil
}

// NotifyAll wakes every waiting task.
func (c *Condition) NotifyAll() error { return c.Notify(c.waiters.len()) }

// String describes the condition as asyncio's repr does:
// <Condition "jobs" [locked, waiters:1]>.
func (c *Condition) String() string {
	state := "unlocked"
	if c.lock.Locked() {
		state = "locked"
	}
	return c.repr("Condition", state, c.waiters.len())
}
