package core

import (
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
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
	// Callback describes the callback that failed or was slow, as asyncio
	// shows its handle: the function's name (when it has one Go can tell)
	// and, while the loop is traced (as in the playground), the program
	// line that scheduled it: "main.main.func1 scheduled at main.go:12".
	Callback string
}

// ExceptionHandler receives errors that nothing else can (asyncio's
// set_exception_handler).
type ExceptionHandler func(l *Loop, c ExceptionContext)

// SetExceptionHandler replaces the handler; nil restores the default.
func (l *Loop) SetExceptionHandler(h ExceptionHandler) { l.excHandler = h }

// ExceptionHandler is the handler set by SetExceptionHandler or
// WithExceptionHandler, nil for the default (asyncio's
// get_exception_handler).
func (l *Loop) ExceptionHandler() ExceptionHandler { return l.excHandler }

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
		// The future or task it is about, if any, by id (add-only: the
		// page finds it without parsing the words).
		var id uint64
		if c.Future != nil {
			id = c.Future.id
		} else if c.Task != nil {
			id = c.Task.id
		}
		l.emit(KindDiag, id, "", 0, kind, words, 0)
	}
	l.handle(c)
}

// handle gives c to the exception handler (traced already).
func (l *Loop) handle(c ExceptionContext) {
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

// noteScheduled records where the program scheduled h, for describe: the
// position the trace gave the schedule event just sent. Only a traced loop
// pays for it (a map entry per pending callback): an untraced one runs
// millions of callbacks a second and keeps no positions.
func (l *Loop) noteScheduled(h *Handle) {
	pos := l.ev.Pos
	if pos == "" {
		return
	}
	if l.scheduledAt == nil {
		l.scheduledAt = make(map[*Handle]string)
	}
	l.scheduledAt[h] = pos
}

// describe is ExceptionContext.Callback for h.
func (l *Loop) describe(h *Handle) string {
	var name string
	var pc uintptr
	switch {
	case h.fcb != nil:
		pc = reflect.ValueOf(h.fcb).Pointer()
	case h.fn != nil:
		pc = reflect.ValueOf(h.fn).Pointer()
	}
	if f := runtime.FuncForPC(pc); f != nil && !strings.HasPrefix(f.Name(), "reflect.") {
		name = f.Name() // an interpreter's functions are reflect's stubs: no name
	}
	pos := l.scheduledAt[h]
	switch {
	case pos == "" && name == "":
		return ""
	case pos == "":
		return name
	case name == "":
		return "callback scheduled at " + pos
	}
	return name + " scheduled at " + pos
}
