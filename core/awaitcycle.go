package core

// Cancelling a task cancels what it awaits; if that is a task, it cancels
// what that one awaits, and so on. In an await cycle (a awaits b, b awaits
// a) this comes back to the first task: asyncio's Task.cancel recurses until
// Python raises RecursionError (CPython 3.11; asyncio.run's shutdown then
// fails with it), and a Go stack that deep kills the program. core ends the
// recursion where it comes back: that task is woken at once with the
// cancellation at its await (as if what it awaited had been cancelled), and
// its end wakes the others in turn, each with its cancellation. A deliberate
// difference from asyncio, which has no working rule here.

// cancelUnderWay reports whether t's Cancel is already passing a
// cancellation on (further out on this stack).
func (l *Loop) cancelUnderWay(t *Task) bool {
	for _, c := range l.cancelling {
		if c == t {
			return true
		}
	}
	return false
}

// cancelCycle wakes t, which awaits (through the cycle) its own
// cancellation, with that cancellation.
func (l *Loop) cancelCycle(t *Task, msg string) {
	if t.cancelReq == nil {
		t.cancelReq = &CancelledError{Msg: msg}
	}
	if t.waitingOn == nil {
		return
	}
	f := t.waitingOn.future()
	f.removeCallback(&t.wakeCb)
	t.waitingOn = nil // woken: a later Cancel only sets cancelReq
	t.stepH.id = f.id
	l.scheduleStep(t)
	if l.tracer != nil {
		l.emit(KindTaskWake, t.id, t.Name(), f.id, "cancel", "", 0)
	}
}
