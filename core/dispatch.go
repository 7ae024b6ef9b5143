package core

import (
	"fmt"
	"runtime/debug"
	"time"
)

// run executes one handle: a plain callback, a done-callback or a task step.
// A panic becomes a call to the exception handler and the loop goes on.
func (l *Loop) run(h *Handle) {
	traced := l.tracer != nil && h.kind <= kindCallback
	if traced {
		l.emit(KindCbBegin, h.id, "", 0, kindNames[h.kind], "", 0)
	}
	var began time.Time
	if l.debug {
		began = time.Now()
	}
	prevCb := l.currentCb
	if h.kind != kindStep {
		l.currentCb = h.id
	}
	h.ran = true
	l.call(h)
	l.currentCb = prevCb
	if l.debug {
		if d := time.Since(began); d >= l.slow {
			l.reportSlow(h, d)
		}
	}
	if traced {
		l.emit(KindCbEnd, h.id, "", 0, "", "", 0)
	}
	if h.kind >= kindCallback {
		// Internal handles are never handed to programs: reuse them.
		h.fn, h.fcb, h.fut, h.id, h.ran = nil, nil, nil, 0, false
		h.cancelled.Store(false)
		l.free = append(l.free, h)
	}
}

func (l *Loop) call(h *Handle) {
	defer func() {
		if r := recover(); r != nil {
			perr := &PanicError{Value: r, Stack: string(debug.Stack())}
			if l.tracer != nil {
				l.emit(KindCbPanic, h.id, "", 0, "", fmt.Sprint(r), 0)
			}
			l.CallExceptionHandler(ExceptionContext{
				Message: "Exception in callback",
				Err:     perr,
				Handle:  h,
			})
		}
	}()
	if h.fcb != nil {
		h.fcb(h.fut)
		return
	}
	h.fn()
}

func (l *Loop) reportSlow(h *Handle, d time.Duration) {
	what := "a callback"
	if h.kind == kindStep && h.fut != nil && h.fut.task != nil {
		what = "a step of task " + h.fut.task.name
	}
	l.report("slow", ExceptionContext{Message: fmt.Sprintf(
		"%s took %v of real time; while it ran nothing else could (a blocking call inside a coroutine?)",
		what, d.Round(time.Millisecond))})
}
