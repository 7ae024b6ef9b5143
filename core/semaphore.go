package core

import (
	"context"
	"strconv"
)

// Semaphore lets at most value tasks hold it at once (asyncio.Semaphore):
// Acquire takes one unit, waiting while none is left; Release gives one back.
//
// Fair like asyncio 3.11: while any task waits, a newcomer queues behind it
// even if a unit is free, and each Release hands its unit straight to the
// first waiter.
type Semaphore struct {
	syncPrim
	value   int
	waiters waiterList
	bound   int // BoundedSemaphore's limit, -1 for a plain semaphore
}

// NewSemaphore makes a semaphore with value units. A negative value panics
// with a *SyncError (ErrSemaphoreValue), as asyncio raises ValueError.
func NewSemaphore(value int, name ...string) *Semaphore {
	s := &Semaphore{bound: -1}
	s.setup("semaphore", value, name)
	return s
}

func (s *Semaphore) setup(kind string, value int, name []string) {
	s.init(kind, name)
	if value < 0 {
		panic(s.misuse(ErrSemaphoreValue))
	}
	s.value = value
}

// Value is the number of units left.
func (s *Semaphore) Value() int { return s.value }

// Locked reports whether Acquire would have to wait: no unit is left, or
// other tasks are already waiting.
func (s *Semaphore) Locked() bool {
	if s.value == 0 {
		return true
	}
	for _, w := range s.waiters.all() {
		if !w.Cancelled() {
			return true
		}
	}
	return false
}

// Acquire takes a unit, waiting in line for one if needed. If the task is
// cancelled while waiting, it returns the cancellation error and holds
// nothing.
func (s *Semaphore) Acquire(ctx context.Context) error {
	t, err := s.use(ctx, s)
	if err != nil {
		return err
	}
	if !s.Locked() {
		s.value--
		s.traceValue(KindAcquire, 0)
		return nil
	}
	w, err := s.newWaiter(t, "")
	if err != nil {
		return err
	}
	s.enqueue(&s.waiters, w)
	_, err = Await(ctx, w)
	s.waiters.remove(w)
	if err != nil {
		if !w.Cancelled() {
			// A unit was handed to us but we were cancelled before we
			// could use it: give it to the next waiter.
			s.value++
			s.traceValue(KindRelease, w.id)
			s.wakeUpNext()
		}
		return err
	}
	s.traceValue(KindAcquire, w.id)
	if s.value > 0 {
		s.wakeUpNext()
	}
	return nil
}

// Release gives a unit back and hands it to the first waiter, if any.
// It never fails for a plain Semaphore.
func (s *Semaphore) Release() error {
	if s.bound >= 0 && s.value >= s.bound {
		return s.misuse(ErrBoundedReleased)
	}
	s.value++
	s.traceValue(KindRelease, 0)
	s.wakeUpNext()
	return nil
}

// wakeUpNext hands one unit to the first waiter that is not done yet.
func (s *Semaphore) wakeUpNext() {
	for _, w := range s.waiters.all() {
		if !w.Done() {
			s.value--
			w.SetResult(true)
			return
		}
	}
}

func (s *Semaphore) traceValue(kind Kind, ref uint64) {
	if s.tracing() {
		s.trace(kind, ref, strconv.Itoa(s.value)+" left")
	}
}

// BoundedSemaphore is a Semaphore whose Release fails with
// ErrBoundedReleased when it would raise the value above the initial one
// (asyncio.BoundedSemaphore): it catches a release without an acquire.
type BoundedSemaphore struct {
	Semaphore
}

// NewBoundedSemaphore makes a bounded semaphore with value units; a negative
// value panics like NewSemaphore.
func NewBoundedSemaphore(value int, name ...string) *BoundedSemaphore {
	b := &BoundedSemaphore{}
	b.setup("bounded semaphore", value, name)
	b.bound = value
	return b
}

// String describes the semaphore as asyncio's repr does:
// <Semaphore "downloads" [unlocked, value:1]>.
func (s *Semaphore) String() string {
	state := "locked"
	if !s.Locked() {
		state = "unlocked, value:" + strconv.Itoa(s.value)
	}
	typ := "Semaphore"
	if s.bound >= 0 {
		typ = "BoundedSemaphore"
	}
	return s.repr(typ, state, s.waiters.len())
}
