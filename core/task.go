package core

import (
	"context"
	"errors"
	"time"
)

// Task runs a function as a coroutine on the loop (asyncio.Task). It is a
// future: awaiting it gives what the function returned.
type Task struct {
	// What every switch touches comes first, with the Future's own hot
	// fields right after, so a step reads adjacent cache lines: with
	// thousands of tasks each line is a miss. The step handle lives here
	// too: a task has at most one step or wake-up scheduled at a time (as
	// in asyncio), so it needs no handle of its own per switch. Its id is
	// that of the future whose completion scheduled it, for the trace.
	stepH      Handle
	co         func() (struct{}, bool) // resumes the coroutine running the body, from the first step until the body returns
	yield      func(struct{}) bool     // the coroutine's yield while the body runs; nil once it has returned
	waitingOn  Awaitable               // what the suspended task waits on (asyncio's _fut_waiter); Await sets it
	sp, g      uintptr                 // where the suspended coroutine's stack and goroutine are, to prefetch them
	cancelReq  *CancelledError         // a Cancel not yet delivered (asyncio's _must_cancel, with its message)
	started    bool
	killed     bool
	throwing   bool // cancelReq is being delivered: the await resumed now returns it
	bodyFailed bool // the body returned an error (held in value until step settles)
	numCancels int32
	index      int32 // in the loop's list of unfinished tasks (tasklist.go)
	num        int32 // N of the default name "Task-N", made when first needed (Name)

	Future

	fn func(ctx context.Context) (any, error)

	// values is where the body's ctx finds values other than core's own:
	// the ctx of the task's creator (asyncio copies the creator's
	// contextvars into a new task), nil for none. Only its values are read.
	// A pointer, not the interface itself: 8 bytes less brings Task to
	// the 256-byte size class, and tasks created from tasks share one.
	values *inherited

	wakeCb doneCallback // resumes the task when what it awaits is done
}

// taskOfStep is the task whose step handle h is. (Finding it by address,
// with stepH the Task's first field, was measured by make bench: 0.3% fewer
// instructions for 10k tasks switching, 1.3% for 100k gathered; removed.)
func taskOfStep(h *Handle) *Task { return h.fut.task }

// taskOfWake is the task whose wake-up callback cb is.
func taskOfWake(cb *doneCallback) *Task { return cb.task }

// taskContext is the ctx a task body receives: the Task itself seen as a
// context.Context (a pointer conversion, so it costs neither an allocation
// nor a field), which lets Await and Sleep know who is suspending. It
// carries the values of its creator's ctx (Task.values); otherwise it is
// context.Background: never done, no deadline. A task is stopped by
// Cancel, not by its creator's ctx, so only values are inherited.
type taskContext Task

type taskKey struct{}

func (c *taskContext) Value(key any) any {
	switch key.(type) {
	case taskKey:
		return (*Task)(c)
	case timeoutKey:
		// The creator's Timeout is not this task's: a task runs outside
		// the scopes that were active where it was created.
		return nil
	}
	if c.values == nil {
		return nil
	}
	return c.values.ctx.Value(key)
}

func (*taskContext) Deadline() (time.Time, bool) { return time.Time{}, false }
func (*taskContext) Done() <-chan struct{}       { return nil }
func (*taskContext) Err() error                  { return nil }
func (c *taskContext) String() string            { return "core.Task(" + quote(c.Name()) + ")" }

// CurrentTask is the task whose body received ctx, or nil.
func CurrentTask(ctx context.Context) *Task {
	if ctx == nil {
		return nil
	}
	if tc, ok := ctx.(*taskContext); ok {
		return (*Task)(tc)
	}
	t, _ := ctx.Value(taskKey{}).(*Task)
	return t
}

// RunningLoop is the loop running the task whose body received ctx (or a
// ctx made from it), or nil outside a task: asyncio.get_running_loop.
func RunningLoop(ctx context.Context) *Loop {
	if t := CurrentTask(ctx); t != nil {
		return t.loop
	}
	return nil
}

// CreateTask schedules fn to run as a task on the loop running the task of
// ctx (asyncio.create_task). The new task's ctx carries ctx's values, as
// asyncio copies the creator's context variables into a new task: what the
// creator added with context.WithValue is seen, and what the new task adds
// stays its own. Only values pass: ctx's cancellation and deadline do not
// (cancel a task with Task.Cancel). Outside a task it returns ErrNotInTask.
func CreateTask(ctx context.Context, name string, fn func(ctx context.Context) (any, error)) (*Task, error) {
	l := RunningLoop(ctx)
	if l == nil {
		return nil, ErrNotInTask
	}
	return l.createTask(name, fn, valuesOf(ctx)), nil
}

// inherited holds the ctx whose values a task reads (Task.values).
type inherited struct{ ctx context.Context }

// valuesOf is what a task created from ctx reads its values from: a task's
// own ctx adds nothing but core's keys, so its inherited values stand for
// it (and the creating Task itself is not kept alive by the new one).
func valuesOf(ctx context.Context) *inherited {
	if tc, ok := ctx.(*taskContext); ok {
		return tc.values
	}
	if ctx == nil {
		return nil
	}
	return &inherited{ctx}
}

// CreateTask schedules fn to run as a task: its first step runs on the next
// iteration. An empty name gives "Task-N", counted per loop.
//
// Called from a task, the new task sees the values that task was given (it
// has no ctx here to see more): to pass on values added with
// context.WithValue, use the function CreateTask(ctx, ...).
func (l *Loop) CreateTask(name string, fn func(ctx context.Context) (any, error)) *Task {
	var values *inherited
	if c := l.current; c != nil {
		values = c.values
	}
	return l.createTask(name, fn, values)
}

func (l *Loop) createTask(name string, fn func(ctx context.Context) (any, error), values *inherited) *Task {
	l.checkOpen()
	if fn == nil {
		panic(ErrNilCallback)
	}
	l.taskCount++
	// Tasks come two to a block, as handles do (loop.go): one allocation
	// for two tasks. A task a program keeps alive keeps its block-mate's
	// memory too (at most one Task and what it holds).
	if len(l.taskBlock) == 0 {
		l.taskBlock = make([]Task, taskBlockSize)
	}
	t := &l.taskBlock[0]
	l.taskBlock = l.taskBlock[1:]
	// Field by field: the block is zeroed already, and a composite literal
	// would zero the Future and the handle again.
	t.fn, t.num, t.values = fn, int32(l.taskCount), values
	t.loop, t.task, t.id, t.name = l, t, l.nextID(), name
	if l.tracer != nil {
		name = t.Name() // the trace names it now; otherwise only if asked
	}
	t.stepH.loop, t.stepH.kind, t.stepH.fut = l, kindStep, &t.Future
	t.wakeCb.task = t
	l.addTask(t)
	l.scheduleStep(t)
	if l.tracer != nil {
		l.created = append(l.created, t)
		l.emit(KindTaskCreate, t.id, name, 0, "", "", 0)
	}
	return t
}

// CurrentTask is the task whose step is running now, or nil.
func (l *Loop) CurrentTask() *Task { return l.current }

// SetResult is not allowed on a task: its result is what its function returns.
func (t *Task) SetResult(any) error { return ErrTaskSetResult }

// SetException is not allowed on a task.
func (t *Task) SetException(error) error { return ErrTaskSetResult }

// Cancel asks the task to stop: if it waits, what it waits on is cancelled;
// the cancellation surfaces as a *CancelledError from its Await (or, if it
// has not started, its function never runs). It returns false when the task
// is already done.
func (t *Task) Cancel(msg string) bool {
	if t.state != statePending {
		return false
	}
	l := t.loop
	if l.cancelUnderWay(t) {
		l.cancelCycle(t, msg)
		return true
	}
	if l.tracer != nil {
		l.emit(KindTaskCancel, t.id, t.Name(), 0, "", msg, 0)
	}
	t.numCancels++
	if t.waitingOn != nil {
		l.cancelling = append(l.cancelling, t)
		ok := t.waitingOn.Cancel(msg)
		l.cancelling = l.cancelling[:len(l.cancelling)-1]
		if ok {
			return true
		}
	}
	t.cancelReq = &CancelledError{Msg: msg}
	return true
}

// Cancelling is the number of cancellation requests not yet withdrawn by
// Uncancel.
func (t *Task) Cancelling() int { return int(t.numCancels) }

// Uncancel withdraws one cancellation request and returns how many remain.
func (t *Task) Uncancel() int {
	if t.numCancels > 0 {
		t.numCancels--
	}
	return int(t.numCancels)
}

// WaitingOn is what the suspended task waits on, or nil.
func (t *Task) WaitingOn() Awaitable { return t.waitingOn }

// step resumes the coroutine until it awaits again or returns.
func (t *Task) step() {
	if t.state != statePending {
		return
	}
	l := t.loop
	var exc *CancelledError
	if req := t.cancelReq; req != nil {
		// Like asyncio's __step: a cancellation already coming from the
		// awaited future (with its own message) is kept; anything else is
		// replaced by one carrying the latest Cancel's message.
		if w := t.waitingOn; w == nil || !w.future().Cancelled() {
			exc = req
		}
		t.cancelReq = nil
	}
	if t.waitingOn != nil { // after a bare yield it is nil: no pointer write
		t.waitingOn = nil
	}
	if !t.started {
		if exc != nil {
			// Cancelled before its first step: the body never runs.
			t.settle(nil, error(exc))
			return
		}
		t.started = true
		l.startBody(t)
	}
	if exc != nil { // cancelReq is nil by now
		t.cancelReq = exc
	}
	t.throwing = exc != nil
	prev := l.current
	l.current = t
	if l.tracer != nil {
		l.emit(KindTaskStep, t.id, t.Name(), t.stepH.id, "", "", 0)
	}
	t.stepH.id = 0
	next := t.co
	_, alive := next()
	// The coroutine may have gone on to the first steps of the tasks after
	// t in the batch (firststeps.go): the step ends for the last it ran.
	t = l.current
	l.current = prev
	if t.yield == nil {
		// The body returned (or panicked): its coroutine, if still alive,
		// goes back to the pool (coro.go).
		t.co = nil
		if alive {
			l.coros = append(l.coros, next)
		}
		t.settleBody()
		return
	}
	aw := t.waitingOn // set by Await during this step
	if aw == nil {
		// A bare yield (Sleep(0)): run again on the next iteration.
		l.scheduleStep(t)
		if l.tracer != nil {
			l.emitAt(l.suspendPos, KindTaskSuspend, t.id, t.Name(), 0, "yield", "")
		}
		return
	}
	f := aw.future()
	f.add(&t.wakeCb)
	if l.tracer != nil {
		l.emitAt(l.suspendPos, KindTaskSuspend, t.id, t.Name(), f.id, f.kindWord(), f.Name())
	}
	if t.cancelReq != nil && aw.Cancel(t.cancelReq.Msg) {
		t.cancelReq = nil
	}
}

// settleBody settles t with what its body returned (held in value).
func (t *Task) settleBody() {
	res, failed := t.value, t.bodyFailed
	t.value, t.bodyFailed = nil, false
	if failed {
		t.settle(nil, res.(error))
	} else {
		t.settle(res, nil)
	}
}

// thrown takes the cancellation step delivers to the await that resumed, if
// any.
func (t *Task) thrown() error {
	if !t.throwing {
		return nil
	}
	e := t.cancelReq
	t.cancelReq, t.throwing = nil, false
	return e
}

// A task suspends by calling t.yield from the await itself (Await, Sleep),
// between beforeYield and afterYield, never from a helper: every frame
// active during the yield stays on the suspended coroutine's stack, where
// the garbage collector scans it on every cycle (for each of thousands of
// tasks) and, in wasm, each switch unwinds and rewinds it. One frame less
// was 3% fewer instructions for 10k tasks switching.
//
//	t.beforeYield(uintptr(unsafe.Pointer(&here)))
//	if !t.yield(struct{}{}) {
//		t.unwind()
//	}
//	... t.afterYield()

// beforeYield notes where the suspending coroutine is (sp: an address in
// the awaiting frame) for prefetching, and the line awaiting for the trace.
// A task resumed by kill (killed set) unwinds instead of suspending again.
// Small enough to be inlined: the usual case costs no call.
func (t *Task) beforeYield(sp uintptr) {
	if t.killed || t.g == 0 || t.loop.tracer != nil {
		t.beforeYieldSlow(sp)
		return
	}
	t.sp = sp
}

func (t *Task) beforeYieldSlow(sp uintptr) {
	if t.killed {
		t.unwind()
	}
	if l := t.loop; l.tracer != nil {
		l.suspendPos = l.pos()
		if len(l.cancelNotes) > 0 {
			l.checkCancelIgnored(t, false)
		}
	}
	t.sp = sp
	if t.g == 0 { // a coroutine keeps its goroutine
		t.g = currentG()
	}
}

// afterYield is what the resumed await returns: the cancellation step
// delivers, if any. A task resumed by kill unwinds from here.
func (t *Task) afterYield() error {
	if t.killed {
		t.unwind()
	}
	return t.thrown()
}

// unwind ends a coroutine its loop is closing, through its deferred calls
// (the coroutine recovers errCoroutineKilled).
func (t *Task) unwind() {
	t.killed = true
	panic(errCoroutineKilled)
}

// settle completes the task's future from what the function returned.
func (t *Task) settle(res any, err error) {
	t.loop.removeTask(t)
	if len(t.loop.cancelNotes) > 0 {
		if t.cancelReq == nil && (err == nil || !errors.Is(err, ErrCancelled)) {
			t.loop.checkCancelIgnored(t, true)
		}
		delete(t.loop.cancelNotes, t)
	}
	switch {
	case t.cancelReq != nil:
		// Cancel was called on the running task itself and it returned anyway.
		req := t.cancelReq
		t.cancelReq = nil
		t.cancelWith(req)
	case err != nil && errors.Is(err, ErrCancelled):
		t.cancelWith(err)
	case err != nil:
		t.state, t.value = stateException, err
		t.loop.noteFailed(&t.Future)
		t.finish()
	default:
		t.state, t.value = stateResult, res
		t.finish()
	}
}

// kill ends a suspended coroutine when its loop closes.
func (t *Task) kill() {
	if t.co != nil && !t.killed {
		// Resumed with killed set, the coroutine unwinds from its await
		// (see afterYield), running the body's deferred calls, and ends.
		t.killed = true
		t.co()
		t.co, t.yield = nil, nil
	}
}
