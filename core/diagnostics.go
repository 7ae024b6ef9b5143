package core

// stuck builds the error for a loop that can never run anything again and
// reports it as a diagnostic.
func (l *Loop) stuck() error {
	e := &StuckError{}
	for _, t := range l.AllTasks() {
		w := "nothing"
		if t.waitingOn != nil {
			w = waitDesc(t.waitingOn)
		}
		e.Waiters = append(e.Waiters, Waiter{Task: "task " + quote(t.Name()), Waiting: w})
	}
	// Returned to whoever runs the loop, so only traced, not handed to the
	// exception handler as well.
	if l.tracer != nil {
		l.emit(KindDiag, 0, "", 0, "stuck", e.Error(), 0)
	}
	return e
}

func quote(s string) string { return "\"" + s + "\"" }

// waitDesc names what a task waits on for a learner: `future "x"`,
// `task "y"`, or a primitive (`lock "db"`, `queue "jobs" (empty: ...)`).
func waitDesc(aw Awaitable) string {
	if d, ok := aw.(interface{ waitDescription() string }); ok {
		return d.waitDescription()
	}
	f := aw.future()
	return f.kindWord() + " " + quote(f.Name())
}

// noteFailed remembers a future that failed, until its error is retrieved.
func (l *Loop) noteFailed(f *Future) {
	l.failed = append(l.failed, f)
	f.failedAt = int32(len(l.failed))
}

// retrieved marks the future's error as seen by the program.
func (f *Future) retrieved() {
	if f.failedAt > 0 {
		f.loop.failed[f.failedAt-1] = nil
		f.failedAt = 0
	}
}

// reportPendingTasks runs at Close: the deterministic stand-in for asyncio's
// garbage-collection-time warnings about tasks destroyed while pending and
// errors nobody retrieved.
func (l *Loop) reportPendingTasks() {
	for _, t := range l.AllTasks() {
		msg := "Task was destroyed but it is pending: the loop closed while task " + quote(t.Name())
		if t.waitingOn != nil {
			msg += " was waiting on " + waitDesc(t.waitingOn)
		} else {
			msg += " had not finished"
		}
		l.report("pending", ExceptionContext{Message: msg, Task: t})
	}
	for _, f := range l.failed {
		if f == nil {
			continue
		}
		msg := "Future exception was never retrieved: future " + quote(f.Name()) + " failed and nothing awaited it or asked for its result"
		if f.task != nil {
			msg = "Task exception was never retrieved: task " + quote(f.Name()) + " failed and nothing awaited it or asked for its result"
		}
		l.report("unretrieved", ExceptionContext{Message: msg, Err: f.errValue(), Future: f, Task: f.task})
	}
	l.failed = nil
}
