package core

// A task that returns without suspending costs two coroutine switches
// (into its pooled coroutine and back), most of what gathering such tasks
// costs. So when runOnce, untraced, starts a task whose first step is
// followed in the batch by other first steps, the coroutine goes on to
// them itself after each body returns: the same steps, in the same order,
// within the same iteration, doing what the loop would do between them
// (settling the task that returned), and no switch between them. It stops
// at the first handle that is anything else, or at a body that suspends
// or panics, and hands the rest of the batch back to runOnce. Traced and
// debug runs take the loop's path: one step per switch, each in the trace.
// (An async function in Node runs to its first await without the event
// loop at all; this is the loop's nearest equivalent, without changing
// asyncio's order.)

// firstSteps runs t's first step, taken from batch[i], and any first steps
// right after it that its coroutine goes on to; it returns the index of the
// last step run.
func (l *Loop) firstSteps(batch []*Handle, i int, t *Task) int {
	l.firsts, l.firstAt = batch, i
	t.step()
	l.firsts = nil
	return l.firstAt
}

// nextFirstStep, on the coroutine of t whose body has just returned, ends
// t's step as step would, and starts the first step of the next handle in
// the batch if it is one a coroutine can take over: a task not started, not
// cancelled, nothing between it and t. It returns that task, current, or
// nil with t still current and the batch left as it was.
func (l *Loop) nextFirstStep(t *Task) *Task {
	j := l.firstAt + 1
	if j >= len(l.firsts) {
		return nil
	}
	h := l.firsts[j]
	if h.kind != kindStep || h.cancelled.Load() {
		return nil
	}
	next := taskOfStep(h)
	if next.started || next.state != statePending || next.cancelReq != nil || next.waitingOn != nil {
		return nil
	}
	l.firsts[j], l.firstAt = nil, j
	l.firstsTaken++
	// As step does once the coroutine is back, and then for next.
	l.current = nil
	next.co, t.co = t.co, nil
	t.settleBody()
	next.started, next.throwing = true, false
	next.stepH.id = 0
	l.current = next
	return next
}
