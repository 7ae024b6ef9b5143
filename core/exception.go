package core

import (
	"fmt"
	"io"
)

// ExceptionContext describes an error nobody could receive: a callback that
// panicked, a future whose error was never retrieved, a task still pending
// at close.
type ExceptionContext struct {
	Message string
	Err     error
	Handle  *Handle
	Future  *Future
	Task    *Task
}

// ExceptionHandler receives errors that nothing else can (asyncio's
// set_exception_handler).
type ExceptionHandler func(l *Loop, c ExceptionContext)

// SetExceptionHandler replaces the handler; nil restores the default.
func (l *Loop) SetExceptionHandler(h ExceptionHandler) { l.excHandler = h }

// CallExceptionHandler hands c to the loop's handler. A handler that panics
// falls back to the default one, so the loop keeps going.
func (l *Loop) CallExceptionHandler(c ExceptionContext) { l.report("exception", c) }

// report records a diagnostic of the given kind and hands it to the handler.
func (l *Loop) report(kind string, c ExceptionContext) {
	if l.tracer != nil {
		words := c.Message
		if c.Err != nil {
			words += ": " + c.Err.Error()
		}
		l.emit(KindDiag, 0, "", 0, kind, words, 0)
	}
	if l.excHandler == nil {
		l.DefaultExceptionHandler(c)
		return
	}
	defer func() {
		if r := recover(); r != nil {
			l.DefaultExceptionHandler(ExceptionContext{Message: "Unhandled error in exception handler", Err: fmt.Errorf("%v", r)})
			l.DefaultExceptionHandler(c)
		}
	}()
	l.excHandler(l, c)
}

// DefaultExceptionHandler writes c to the loop's stderr.
func (l *Loop) DefaultExceptionHandler(c ExceptionContext) {
	writeException(l.stderr, c)
}

func writeException(w io.Writer, c ExceptionContext) {
	msg := c.Message
	if c.Task != nil {
		msg += " (task " + c.Task.Name() + ")"
	}
	if c.Err != nil {
		msg += ": " + c.Err.Error()
	}
	fmt.Fprintln(w, msg)
	if p, ok := c.Err.(*PanicError); ok && p.Stack != "" {
		fmt.Fprint(w, p.Stack)
	}
}
