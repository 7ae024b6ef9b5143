package core

// A task the program created and never awaited, whose outcome nobody asked
// for, lost it: the value it returned, or — when Run's shutdown cancelled
// it — the work it had not finished. asyncio says nothing about either (it
// reports only a lost error, "Task exception was never retrieved", which
// core reports too), so this is advice for a learner, only while tracing:
// diag "never-awaited" at Close, ID the task. "Awaited" means any of Await,
// Result, Exception, AddDoneCallback, RunUntilComplete, or a combinator
// (Gather, Wait, WaitFor, Shield, AsCompleted, a TaskGroup) taking it.

// noteShutdown records that Run's shutdown is cancelling t, unless t only
// waits on a lock, event, queue... : an idle consumer ending with the run
// (as the queue example's workers do) loses nothing.
func (l *Loop) noteShutdown(t *Task) {
	if _, idle := t.waitingOn.(*syncWaiter); idle {
		return
	}
	if l.shutdownTasks == nil {
		l.shutdownTasks = make(map[*Task]bool)
	}
	l.shutdownTasks[t] = true
}

// reportNeverAwaited traces a diag for each task whose outcome was lost.
// A task that failed is left to the unretrieved report, and one still
// pending to the pending report.
func (l *Loop) reportNeverAwaited() {
	if l.tracer == nil {
		return
	}
	for _, t := range l.created {
		if t.observed {
			continue
		}
		var why string
		switch {
		case t.state == stateCancelled && l.shutdownTasks[t]:
			why = "it had not finished when the main task returned, so Run cancelled it"
		case t.state == stateResult && t.value != nil:
			why = "it returned " + t.outcomeText() + ", which nothing used"
		default:
			continue
		}
		l.emitFull(KindDiag, t.id, t.Name(), "never-awaited", "task "+quote(t.Name())+" was never awaited: "+why, "", 0)
	}
	l.created, l.shutdownTasks = nil, nil
}

// awaitedSelf traces a task's attempt to await itself (Await returns
// ErrAwaitSelf, as asyncio raises "Task cannot await on itself"): the
// shortest await cycle.
func (l *Loop) awaitedSelf(t *Task) {
	l.emitFull(KindDiag, t.id, t.Name(), "await-cycle",
		"task "+quote(t.Name())+" awaited itself: a task cannot finish before it finishes, so Await returns ErrAwaitSelf", l.pos(), 0)
}
