package core

import "context"

// AsyncEvent is asyncio.Event: a flag that tasks can wait for. Set wakes
// every waiting task, in the order they began waiting; Wait returns at once
// while the flag is set. (It is not called Event because core.Event is a
// trace event.)
type AsyncEvent struct {
	syncPrim
	value   bool
	waiters waiterList
	why     string // what a waiter is told it waits for (queues reuse events)
}

// NewEvent makes an event whose flag is clear. The optional name labels it
// in the timeline and in diagnostics (`event "ready"`).
func NewEvent(name ...string) *AsyncEvent {
	e := &AsyncEvent{}
	e.init("event", name)
	return e
}

// IsSet reports whether the flag is set.
func (e *AsyncEvent) IsSet() bool { return e.value }

// Set sets the flag and wakes every task waiting for it.
func (e *AsyncEvent) Set() {
	if e.value {
		return
	}
	e.value = true
	e.trace(KindRelease, 0, "set")
	for _, w := range e.waiters.all() {
		if !w.Done() {
			w.SetResult(true)
		}
	}
}

// Clear clears the flag: Wait blocks again until the next Set.
func (e *AsyncEvent) Clear() {
	if e.value {
		e.value = false
		e.trace(KindRelease, 0, "clear")
	}
}

// Wait returns once the flag is set; at once if it already is.
func (e *AsyncEvent) Wait(ctx context.Context) error {
	t, err := e.use(ctx, e)
	if err != nil {
		return err
	}
	if e.value {
		return nil
	}
	w, err := e.newWaiter(t, e.why)
	if err != nil {
		return err
	}
	e.enqueue(&e.waiters, w)
	_, err = Await(ctx, w)
	e.waiters.remove(w)
	if err == nil {
		e.trace(KindAcquire, w.id, "woken")
	}
	return err
}

// String describes the event as asyncio's repr does: <Event "ready" [unset, waiters:2]>.
func (e *AsyncEvent) String() string {
	state := "unset"
	if e.value {
		state = "set"
	}
	return e.repr("Event", state, e.waiters.len())
}
