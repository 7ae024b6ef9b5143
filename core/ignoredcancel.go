package core

import "errors"

// A task that receives its cancellation (an await returns the
// *CancelledError) and then awaits again, or finishes other than
// cancelled, without Uncancel, ignored it: asyncio lets it run on, and so
// does core, but the trace says so (diag "ignored-cancel", at the await
// whose error was dropped). Only while tracing: it is advice for a
// learner, not a semantic.

// cancelNote is a cancellation a task has received and not yet passed on.
type cancelNote struct {
	pos string // the await that returned it
}

// noteCancel records that t's await (at the program line the loop's
// position function gives) returned err. Called on an await's error path.
func (l *Loop) noteCancel(t *Task, err error) {
	if l.quiet[t] > 0 || t.numCancels == 0 || !errors.Is(err, ErrCancelled) {
		return
	}
	if l.cancelNotes == nil {
		l.cancelNotes = make(map[*Task]cancelNote)
	}
	l.cancelNotes[t] = cancelNote{pos: l.pos()}
}

// checkCancelIgnored runs when t awaits again or finishes: if it had
// received a cancellation still in force, it ignored it.
func (l *Loop) checkCancelIgnored(t *Task, finished bool) {
	n, ok := l.cancelNotes[t]
	if !ok || (!finished && l.quiet[t] > 0) {
		return
	}
	delete(l.cancelNotes, t)
	if t.numCancels == 0 {
		return // withdrawn (Uncancel): handled on purpose
	}
	how := "awaited again"
	if finished {
		how = "finished without returning it"
	}
	l.emitFull(KindDiag, t.id, t.Name(), "ignored-cancel",
		"task "+quote(t.Name())+" was cancelled but "+how+": the cancellation was ignored here (return the error from this await to let it end)",
		n.pos, 0)
}

// quietly runs an await core makes itself while passing a cancellation on
// (a condition taking its lock back, a task group waiting for its tasks,
// wait_for waiting for what it cancelled): not the program ignoring it.
func (l *Loop) quietly(t *Task, await func() error) error {
	if l.tracer == nil || t == nil {
		return await()
	}
	if l.quiet == nil {
		l.quiet = make(map[*Task]int)
	}
	l.quiet[t]++
	defer func() {
		if l.quiet[t]--; l.quiet[t] == 0 {
			delete(l.quiet, t)
		}
	}()
	return await()
}
