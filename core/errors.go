package core

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
)

// ErrCancelled matches every cancellation error with errors.Is.
// Cancellation errors also match context.Canceled.
var ErrCancelled = errors.New("cancelled")

// ErrTimeout matches the error of an expired timeout (Timeout, WaitFor).
// It also matches context.DeadlineExceeded.
var ErrTimeout = errors.New("timeout")

// Misuse errors, each matched with errors.Is.
var (
	ErrLoopClosed  = errors.New("core: the event loop is closed")
	ErrLoopRunning = errors.New("core: this event loop is already running")
	// ErrAnotherLoopRunning: RunForever or RunUntilComplete was called from
	// a callback or task of another loop that is running (asyncio allows
	// one running loop per thread; core, one per goroutine).
	ErrAnotherLoopRunning = errors.New("core: cannot run the event loop while another loop is running")
	// ErrRunInRunningLoop: Run or RunMain was called from a callback or task
	// of a running loop (asyncio.run's rule): await the work instead.
	ErrRunInRunningLoop = errors.New("core: Run() cannot be called from a running event loop")
	ErrCloseRunning     = errors.New("core: cannot close a running event loop")
	ErrStoppedEarly     = errors.New("core: the event loop stopped before the future completed")
	ErrNotInTask        = errors.New("core: Await/Sleep must be called from inside a task body with the ctx that task was given")
	ErrInvalidState     = errors.New("core: invalid state")
	ErrNilCallback      = errors.New("core: nil callback")
	ErrStuck            = errors.New("core: nothing can ever run again")
	ErrForeignLoop      = errors.New("core: the awaitable belongs to a different event loop")
	ErrAwaitSelf        = errors.New("core: a task cannot await itself")
	ErrTaskSetResult    = errors.New("core: a Task's result is what its function returns; SetResult/SetException are not allowed")
	errCoroutineKilled  = errors.New("core: the loop was closed while this task was suspended")
)

// CancelledError is the error a cancelled future or task reports, and what
// Await returns in a task that is being cancelled.
type CancelledError struct {
	Msg string
}

func (e *CancelledError) Error() string {
	if e.Msg == "" {
		return "cancelled"
	}
	return "cancelled: " + e.Msg
}

// Is makes errors.Is(err, ErrCancelled) and errors.Is(err, context.Canceled) true.
func (e *CancelledError) Is(target error) bool {
	return target == ErrCancelled || target == context.Canceled
}

// TimeoutError is returned when a Timeout or WaitFor expires.
//
// Cause is the cancellation the expiry turned into this error (asyncio
// raises TimeoutError "from" the CancelledError, setting __cause__): the
// body's, or the awaited task's, with its message. It is not what Unwrap
// gives: errors.Is(err, ErrCancelled) stays false for a timeout, since a
// caller that timed out was not cancelled and must not stop as if it were.
type TimeoutError struct {
	Msg   string
	Cause error
}

func (e *TimeoutError) Error() string {
	if e.Msg == "" {
		return "timeout"
	}
	return "timeout: " + e.Msg
}

// Is makes errors.Is(err, ErrTimeout) and errors.Is(err, context.DeadlineExceeded) true.
func (e *TimeoutError) Is(target error) bool {
	return target == ErrTimeout || target == context.DeadlineExceeded
}

// InvalidStateError reports an operation on a future in the wrong state,
// with asyncio's message.
type InvalidStateError struct {
	Msg string
}

func (e *InvalidStateError) Error() string { return "invalid state: " + e.Msg }

// Is makes errors.Is(err, ErrInvalidState) true.
func (e *InvalidStateError) Is(target error) bool { return target == ErrInvalidState }

// PanicError is a panic inside a callback or a task body, turned into an error.
type PanicError struct {
	Value any
	Stack string
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Unwrap lets errors.Is/As see an error value that was panicked with.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// panicError turns a value recovered from a panic into a *PanicError with
// the stack of the panic. Call it from the deferred function that
// recovered, while the panicking frames are still on the stack.
func (l *Loop) panicError(r any) *PanicError {
	if l.unwrapPanic != nil {
		r = l.unwrapPanic(r)
	}
	return &PanicError{Value: r, Stack: string(debug.Stack())}
}

// Waiter names one task that cannot make progress and what it waits on.
type Waiter struct {
	Task    string
	Waiting string
}

// StuckError says that the loop has nothing ready, no timers and no blocking
// work in flight, yet tasks still wait: nothing can ever wake them.
type StuckError struct {
	Waiters []Waiter
}

func (e *StuckError) Error() string {
	var b strings.Builder
	b.WriteString("deadlock: nothing can ever run again")
	if len(e.Waiters) == 0 {
		b.WriteString(": no callbacks, timers or tasks are left, and nothing outside the loop can wake it")
		return b.String()
	}
	b.WriteString(": ")
	for i, w := range e.Waiters {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s waits on %s", w.Task, w.Waiting)
	}
	b.WriteString(", which nothing will resolve")
	return b.String()
}

// Is makes errors.Is(err, ErrStuck) true.
func (e *StuckError) Is(target error) bool { return target == ErrStuck }
