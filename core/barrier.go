package core

import "context"

type barrierState uint8

const (
	barrierFilling barrierState = iota
	barrierDraining
	barrierResetting
	barrierBroken
)

// Barrier is asyncio.Barrier: parties tasks call Wait, and all of them are
// released together once the last one arrives. Each gets a distinct index
// from 0 to parties-1 (the last to arrive gets parties-1). The barrier then
// drains and can be used again.
//
// It is built on a Condition exactly as asyncio's is, so tasks wake in the
// same order.
type Barrier struct {
	syncPrim
	cond    *Condition
	parties int
	state   barrierState
	count   int
}

// NewBarrier makes a barrier for parties tasks; parties < 1 panics with a
// *SyncError (ErrBarrierParties), as asyncio raises ValueError.
func NewBarrier(parties int, name ...string) *Barrier {
	b := &Barrier{parties: parties}
	b.init("barrier", name)
	if parties < 1 {
		panic(b.misuse(ErrBarrierParties))
	}
	// The condition and its lock carry the barrier's label: a task stuck
	// inside reads as stuck on the barrier.
	lk := &Lock{}
	lk.init("barrier", name)
	b.cond = &Condition{lock: lk}
	b.cond.init("barrier", name)
	return b
}

// Parties is the number of tasks needed to trip the barrier.
func (b *Barrier) Parties() int { return b.parties }

// NWaiting is the number of tasks waiting at the barrier now.
func (b *Barrier) NWaiting() int {
	if b.state == barrierFilling {
		return b.count
	}
	return 0
}

// Broken reports whether the barrier was aborted.
func (b *Barrier) Broken() bool { return b.state == barrierBroken }

// Wait waits until parties tasks are waiting, then releases them all and
// returns this task's index. It fails with a *BrokenBarrierError when the
// barrier is aborted or reset meanwhile.
func (b *Barrier) Wait(ctx context.Context) (int, error) {
	if _, err := b.use(ctx, nil); err != nil {
		return 0, err
	}
	if err := b.cond.Acquire(ctx); err != nil {
		return 0, err
	}
	index, err := b.wait(ctx)
	if rerr := b.cond.Release(); err == nil && rerr != nil {
		err = rerr
	}
	if err != nil {
		return 0, err
	}
	if b.tracing() {
		b.trace(KindAcquire, 0, "index "+itoa(index))
	}
	return index, nil
}

// wait is the body of asyncio's Barrier.wait, run with the lock held.
func (b *Barrier) wait(ctx context.Context) (int, error) {
	if err := b.block(ctx); err != nil {
		return 0, err
	}
	index := b.count
	b.count++
	var err error
	if index+1 == b.parties {
		b.release()
	} else {
		err = b.waitFilled(ctx)
	}
	b.count--
	b.exit()
	return index, err
}

// block waits while the barrier drains or resets, and fails if it is broken.
func (b *Barrier) block(ctx context.Context) error {
	err := b.cond.WaitFor(ctx, func() bool {
		return b.state != barrierDraining && b.state != barrierResetting
	})
	if err != nil {
		return err
	}
	if b.state == barrierBroken {
		return b.misuse(&BrokenBarrierError{Msg: "Barrier aborted"})
	}
	return nil
}

// release lets every waiting party go: the barrier drains.
func (b *Barrier) release() {
	b.state = barrierDraining
	b.cond.NotifyAll()
}

// waitFilled waits until the barrier stops filling.
func (b *Barrier) waitFilled(ctx context.Context) error {
	err := b.cond.WaitFor(ctx, func() bool { return b.state != barrierFilling })
	if err != nil {
		return err
	}
	if b.state == barrierBroken || b.state == barrierResetting {
		return b.misuse(&BrokenBarrierError{Msg: "Abort or reset of barrier"})
	}
	return nil
}

// exit: the last task out of a draining or resetting barrier refills it.
func (b *Barrier) exit() {
	if b.count == 0 {
		if b.state == barrierResetting || b.state == barrierDraining {
			b.state = barrierFilling
		}
		b.cond.NotifyAll()
	}
}

// Reset returns the barrier to its initial state; tasks waiting at it get a
// *BrokenBarrierError.
func (b *Barrier) Reset(ctx context.Context) error {
	if err := b.cond.Acquire(ctx); err != nil {
		return err
	}
	if b.count > 0 {
		b.state = barrierResetting
	} else {
		b.state = barrierFilling
	}
	b.cond.NotifyAll()
	return b.cond.Release()
}

// Abort breaks the barrier: tasks waiting at it, and every later Wait, get a
// *BrokenBarrierError.
func (b *Barrier) Abort(ctx context.Context) error {
	if err := b.cond.Acquire(ctx); err != nil {
		return err
	}
	b.state = barrierBroken
	b.cond.NotifyAll()
	return b.cond.Release()
}

var barrierStates = [...]string{"filling", "draining", "resetting", "broken"}

// String describes the barrier as asyncio's repr does:
// <Barrier "start" [filling, waiters:1/3]>.
func (b *Barrier) String() string {
	state := barrierStates[b.state]
	if !b.Broken() {
		state += ", waiters:" + itoa(b.NWaiting()) + "/" + itoa(b.parties)
	}
	return b.repr("Barrier", state, 0)
}
