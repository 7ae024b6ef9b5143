package core

import "context"

// Lock is a mutual-exclusion lock for tasks (asyncio.Lock). It is not
// owned: any task or callback may release it.
//
// Waiters are served strictly first come, first served, with no barging: a
// task that calls Acquire while earlier waiters exist queues behind them even
// if the lock happens to be free at that instant — as in asyncio, where
// Release only wakes the first waiter and the lock stays free until that
// waiter runs.
//
// Like every primitive in core, a Lock is used from its loop's goroutine
// only, and binds to the loop of the first task that waits on it.
type Lock struct {
	syncPrim
	locked  bool
	waiters waiterList
}

// NewLock makes an unlocked lock. The optional name labels it in the
// timeline and in diagnostics (`lock "db"`).
func NewLock(name ...string) *Lock {
	lk := &Lock{}
	lk.init("lock", name)
	return lk
}

// Locked reports whether the lock is held.
func (lk *Lock) Locked() bool { return lk.locked }

// Acquire waits until the lock is free and takes it. If the task is
// cancelled while waiting, Acquire returns the cancellation error and the
// lock is not taken.
func (lk *Lock) Acquire(ctx context.Context) error {
	t, err := lk.use(ctx, lk)
	if err != nil {
		return err
	}
	if !lk.locked && lk.allWaitersCancelled() {
		lk.locked = true
		lk.trace(KindAcquire, 0, "")
		return nil
	}
	w, err := lk.newWaiter(t, "")
	if err != nil {
		return err
	}
	lk.enqueue(&lk.waiters, w)
	_, err = Await(ctx, w)
	lk.waiters.remove(w)
	if err != nil {
		// Cancelled: if the lock was handed to us, pass it on.
		if !lk.locked {
			lk.wakeUpFirst()
		}
		return err
	}
	lk.locked = true
	lk.trace(KindAcquire, w.id, "")
	return nil
}

// Release frees the lock and wakes the first waiter, if any. Releasing an
// unlocked lock is an error (ErrLockNotAcquired).
func (lk *Lock) Release() error {
	if !lk.locked {
		return lk.misuse(ErrLockNotAcquired)
	}
	lk.locked = false
	lk.trace(KindRelease, 0, "")
	lk.wakeUpFirst()
	return nil
}

func (lk *Lock) allWaitersCancelled() bool {
	for _, w := range lk.waiters.all() {
		if !w.Cancelled() {
			return false
		}
	}
	return true
}

// wakeUpFirst hands the lock to the first waiter. A waiter that is already
// done will run later and either take the lock or, if it was cancelled,
// wake the next one itself.
func (lk *Lock) wakeUpFirst() {
	if lk.waiters.len() == 0 {
		return
	}
	if w := lk.waiters.all()[0]; !w.Done() {
		w.SetResult(true)
	}
}

// String describes the lock as asyncio's repr does: <Lock "db" [locked, waiters:1]>.
func (lk *Lock) String() string {
	state := "unlocked"
	if lk.locked {
		state = "locked"
	}
	return lk.repr("Lock", state, lk.waiters.len())
}
