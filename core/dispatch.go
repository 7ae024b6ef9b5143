package core

import (
	"fmt"
	"time"
)

// run executes one handle: a plain callback, a done-callback or a task step.
// A panic becomes a call to the exception handler and the loop goes on.
func (l *Loop) run(h *Handle) {
	traced := l.tracer != nil && h.kind <= kindCallback
	internal := l.tracer != nil && h.kind == kindInternal
	if traced {
		l.emit(KindCbBegin, h.id, "", 0, kindNames[h.kind], "", 0)
	} else if internal {
		l.emit(KindInternalBegin, 0, siteNames[h.site], h.fut.id, "", "", 0)
	}
	var began time.Time
	var waiting []*Task
	if l.debug {
		began = time.Now()
		if h.kind == kindInternal && h.fut != nil {
			waiting = l.tasksWaitingOn(h.fut)
		}
	}
	prevCb := l.currentCb
	if h.kind != kindStep {
		l.currentCb = h.id
	}
	h.ran = true
	step := h.kind == kindStep
	if step {
		// No recover needed: a task body's panics are caught inside the
		// coroutine, so the step's defer would only cost time.
		taskOfStep(h).step()
		if h.kind != kindStep {
			// The task ended and its done-callback took over its step
			// handle (scheduleDone): what follows is about the step.
			h = &Handle{loop: h.loop, fut: h.fut, kind: kindStep, ran: true}
		}
	} else {
		l.call(h)
	}
	l.currentCb = prevCb
	if l.debug {
		if d := time.Since(began); d >= l.slow {
			l.reportSlow(h, d, waiting)
		}
	}
	if traced {
		l.emit(KindCbEnd, h.id, "", 0, "", "", 0)
		delete(l.scheduledAt, h) // only traced handles have a schedule position
	} else if internal {
		l.emit(KindInternalEnd, 0, siteNames[h.site], h.fut.id, "", "", 0)
	}
	if h.kind == kindCallback || h.kind == kindInternal {
		l.recycle(h)
	}
}

// recycle puts a done-callback's handle that has run on the free list.
// Such handles are not returned to programs: reuse them unless the
// exception handler was given one (a step handle belongs to its task).
func (l *Loop) recycle(h *Handle) {
	if h.held {
		return
	}
	h.fn, h.fcb, h.fut, h.id, h.ran, h.site = nil, nil, nil, 0, false, siteOther
	if h.cancelled.Load() { // rare: spare the atomic store's fence
		h.cancelled.Store(false)
	}
	l.free = append(doubled(l.free), h)
}

func (l *Loop) call(h *Handle) {
	defer func() {
		if r := recover(); r != nil {
			l.callbackPanicked(h, r)
		}
	}()
	if h.fcb != nil {
		h.fcb(h.fut)
		return
	}
	h.fn()
}

// callbackPanicked reports the panic r of callback h to the exception
// handler.
func (l *Loop) callbackPanicked(h *Handle, r any) {
	perr := l.panicError(r)
	if l.tracer != nil {
		l.emit(KindCbPanic, h.id, "", 0, "", fmt.Sprint(perr.Value), 0)
	}
	l.CallExceptionHandler(ExceptionContext{
		Message:  "Exception in callback",
		Err:      perr,
		Handle:   shownHandle(h),
		Callback: l.describe(h),
	})
}

func (l *Loop) reportSlow(h *Handle, d time.Duration, waiting []*Task) {
	t := steppedTask(h, waiting)
	what, id := "a callback", h.id
	if t != nil {
		what, id = "a step of task "+quote(t.Name()), t.id
	}
	c := ExceptionContext{Message: fmt.Sprintf(
		"%s took %v of real time; while it ran nothing else could (a blocking call inside a coroutine?)",
		what, d.Round(time.Millisecond)), Handle: shownHandle(h), Task: t, Callback: l.describe(h)}
	if l.tracer != nil {
		// The line is the program's last known one in that step, if the
		// position function can tell (an interpreter sampling its loops).
		l.emitFull(KindDiag, id, "", "slow", c.Message, l.pos(), d)
	}
	l.handle(c)
}

// shownHandle is the handle to put in an ExceptionContext for h, which
// has run: h itself, then never recycled; for a task step, which reuses
// its task's one step handle, a copy, so that cancelling it cannot stop
// the task's later steps.
func shownHandle(h *Handle) *Handle {
	if h.kind == kindStep {
		return &Handle{loop: h.loop, fut: h.fut, id: h.id, kind: kindStep, ran: true}
	}
	h.held = true
	return h
}

// tasksWaitingOn lists the tasks suspended on f: in debug mode, before a
// wake-up runs, so that a slow one can be blamed on the task it resumed.
func (l *Loop) tasksWaitingOn(f *Future) []*Task {
	var ts []*Task
	for _, t := range l.tasks {
		if t.waitingOn != nil && t.waitingOn.future() == f {
			ts = append(ts, t)
		}
	}
	return ts
}

// steppedTask is the task whose step h ran: its own first step, or the one
// woken by h's future that no longer waits on it.
func steppedTask(h *Handle, waiting []*Task) *Task {
	if h.kind == kindStep && h.fut != nil {
		return h.fut.task
	}
	for _, t := range waiting {
		if t.waitingOn == nil || t.waitingOn.future() != h.fut {
			return t
		}
	}
	return nil
}
