package core

import (
	"sync/atomic"
	"time"
)

// How a handle came to be; it decides what the trace says about it.
type handleKind uint8

const (
	kindSoon handleKind = iota
	kindLater
	kindAt
	kindThreadsafe
	kindTimer    // core's own timer (Sleep, timeouts): traced under a name
	kindCallback // a future's done-callback added by the program
	kindStep     // a task step: traced as task events, not as a callback
	kindInternal // core's own bookkeeping (wake-ups): not traced
)

// Handles up to kindCallback are traced as callbacks; from kindCallback on
// they are core's own, not returned to a program, and recycled after running
// unless an ExceptionContext showed one to the program (held): a handle the
// program can hold must keep meaning its one callback.
var kindNames = [...]string{"soon", "later", "at", "threadsafe", "timer", "done-callback", "step", "internal"}

// Handle is a scheduled callback; Cancel stops it from running.
type Handle struct {
	fn        func()
	fcb       func(*Future) // a done-callback: runs as fcb(fut), saving a closure per call
	fut       *Future
	loop      *Loop
	id        uint64
	kind      handleKind
	ran       bool   // set once it has run: cancelling it then changes nothing worth tracing
	held      bool   // handed to the program (in an ExceptionContext): never recycled
	site      cbSite // for an internal handle: what it serves (the trace names it)
	cancelled atomic.Bool
}

// Cancel stops the callback from running if it has not run yet.
// It is safe from any goroutine.
func (h *Handle) Cancel() {
	if h.cancelled.Swap(true) {
		return
	}
	if h.kind != kindThreadsafe && !h.ran && h.loop.tracer != nil {
		h.loop.emit(KindCbCancel, h.id, "", 0, "", "", 0)
	}
}

// Cancelled reports whether Cancel was called.
func (h *Handle) Cancelled() bool { return h.cancelled.Load() }

// ID is the handle's id in the trace.
func (h *Handle) ID() uint64 { return h.id }

// TimerHandle is a callback scheduled for a loop time.
type TimerHandle struct {
	Handle
	when time.Duration
	slot uint32 // its slot in the loop's timer queue while queued
}

// When is the loop time the callback is due.
func (t *TimerHandle) When() time.Duration { return t.when }

// Cancel stops the timer. The loop lets go of it soon: when it reaches the
// head of the queue, or once cancelled timers are half of the queue. Unlike
// Handle.Cancel, call it from the loop's goroutine.
func (t *TimerHandle) Cancel() {
	if t.cancelled.Load() {
		return
	}
	t.Handle.Cancel()
	t.loop.timers.noteCancel(t)
}
