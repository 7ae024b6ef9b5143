package core

import (
	"context"
	"errors"
	"iter"
	"runtime/debug"
	"strconv"
	"unsafe"
)

// Task runs a function as a coroutine on the loop (asyncio.Task). It is a
// future: awaiting it gives what the function returned.
type Task struct {
	// What every switch touches comes first, with the Future's own hot
	// fields right after, so a step reads adjacent cache lines: with
	// thousands of tasks each line is a miss. The step handle lives here
	// too: a task has at most one step or wake-up scheduled at a time (as
	// in asyncio), so it needs no handle of its own per switch. It must
	// stay the first field: see taskOfStep.
	stepH      Handle
	next       func() (struct{}, bool) // resumes the coroutine until its next await
	yield      func(struct{}) bool
	awaiting   Awaitable // handed from Await to step across the switch
	waitingOn  Awaitable // what the suspended task waits on (asyncio's _fut_waiter)
	throwIn    error     // a cancellation to deliver at the await on resume
	sp, g      uintptr   // where the suspended coroutine's stack and goroutine are, to prefetch them
	ctx        taskContext
	wokenBy    uint64
	started    bool
	killed     bool
	mustCancel bool

	Future

	fn         func(ctx context.Context) (any, error)
	stopCoro   func()
	cancelMsg  string
	numCancels int
	awaitPos   string // the program line of that await (while tracing)

	wakeCb       doneCallback // resumes the task when what it awaits is done
	older, newer *Task        // neighbours in the loop's list of unfinished tasks
}

// taskOfStep is the task whose step handle h is: stepH is the Task's first
// field, so they share an address (TestStepHandleFirst keeps it so).
func taskOfStep(h *Handle) *Task { return (*Task)(unsafe.Pointer(h)) }

// taskContext is the ctx a task body receives: it carries the task, so Await
// and Sleep know who is suspending. It lives inside the Task to save an
// allocation per task.
type taskContext struct {
	context.Context
	task *Task
}

type taskKey struct{}

func (c *taskContext) Value(key any) any {
	if key == (taskKey{}) {
		return c.task
	}
	return c.Context.Value(key)
}

// CurrentTask is the task whose body received ctx, or nil.
func CurrentTask(ctx context.Context) *Task {
	if ctx == nil {
		return nil
	}
	if tc, ok := ctx.(*taskContext); ok {
		return tc.task
	}
	t, _ := ctx.Value(taskKey{}).(*Task)
	return t
}

// CreateTask schedules fn to run as a task: its first step runs on the next
// iteration. An empty name gives "Task-N", counted per loop.
func (l *Loop) CreateTask(name string, fn func(ctx context.Context) (any, error)) *Task {
	l.checkOpen()
	if fn == nil {
		panic(ErrNilCallback)
	}
	l.taskCount++
	if name == "" {
		name = "Task-" + strconv.Itoa(l.taskCount)
	}
	t := &Task{fn: fn}
	t.Future = Future{loop: l, task: t, id: l.nextID(), name: name}
	t.ctx = taskContext{Context: context.Background(), task: t}
	t.stepH = Handle{loop: l, kind: kindStep, fut: &t.Future}
	t.wakeCb.task = t
	l.addTask(t)
	if l.tracer != nil {
		l.emit(KindTaskCreate, t.id, name, 0, "", "", 0)
	}
	l.scheduleStep(t)
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
	if l.tracer != nil {
		l.emit(KindTaskCancel, t.id, t.name, 0, "", msg, 0)
	}
	t.numCancels++
	if t.waitingOn != nil && t.waitingOn.Cancel(msg) {
		return true
	}
	t.mustCancel = true
	t.cancelMsg = msg
	return true
}

// Cancelling is the number of cancellation requests not yet withdrawn by
// Uncancel.
func (t *Task) Cancelling() int { return t.numCancels }

// Uncancel withdraws one cancellation request and returns how many remain.
func (t *Task) Uncancel() int {
	if t.numCancels > 0 {
		t.numCancels--
	}
	return t.numCancels
}

// WaitingOn is what the suspended task waits on, or nil.
func (t *Task) WaitingOn() Awaitable { return t.waitingOn }

// step resumes the coroutine until it awaits again or returns.
func (t *Task) step() {
	if t.state != statePending {
		return
	}
	l := t.loop
	var exc error
	if t.mustCancel {
		// Like asyncio's __step: a cancellation already coming from the
		// awaited future (with its own message) is kept; anything else is
		// replaced by one carrying the latest Cancel's message.
		if w := t.waitingOn; w == nil || !w.future().Cancelled() {
			exc = &CancelledError{Msg: t.cancelMsg}
		}
		t.mustCancel = false
	}
	t.waitingOn = nil
	if !t.started {
		if exc != nil {
			// Cancelled before its first step: the body never runs.
			t.settle(nil, exc)
			return
		}
		t.started = true
		t.next, t.stopCoro = iter.Pull(t.body)
	}
	t.throwIn = exc
	prev := l.current
	l.current = t
	if l.tracer != nil {
		l.emit(KindTaskStep, t.id, t.name, t.wokenBy, "", "", 0)
	}
	t.wokenBy = 0
	_, alive := t.next()
	l.current = prev
	if !alive {
		t.next, t.stopCoro, t.yield = nil, nil, nil
		res, err := t.result, t.err
		t.result, t.err = nil, nil
		t.settle(res, err)
		return
	}
	aw := t.awaiting
	t.awaiting = nil
	if aw == nil {
		// A bare yield (Sleep(0)): run again on the next iteration.
		if l.tracer != nil {
			l.emitAt(t.awaitPos, KindTaskSuspend, t.id, t.name, 0, "yield", "")
		}
		l.scheduleStep(t)
		return
	}
	f := aw.future()
	f.add(&t.wakeCb)
	t.waitingOn = aw
	if l.tracer != nil {
		l.emitAt(t.awaitPos, KindTaskSuspend, t.id, t.name, f.id, f.kindWord(), f.name)
	}
	if t.mustCancel && aw.Cancel(t.cancelMsg) {
		t.mustCancel = false
	}
}

// body is the coroutine: the task's function, with panics turned into errors.
func (t *Task) body(yield func(struct{}) bool) {
	t.yield = yield
	defer func() {
		if r := recover(); r != nil {
			if r == errCoroutineKilled {
				return
			}
			t.err = &PanicError{Value: r, Stack: string(debug.Stack())}
		}
	}()
	// What the body returns waits in the future's own fields (unread while
	// the task is pending) until step settles the task with it.
	t.result, t.err = t.fn(&t.ctx)
}

// suspend gives the loop back until step resumes the coroutine.
func (t *Task) suspend() {
	if t.loop.tracer != nil {
		t.awaitPos = t.loop.pos()
	}
	var here byte
	t.sp, t.g = uintptr(unsafe.Pointer(&here)), currentG()
	if t.killed || !t.yield(struct{}{}) {
		t.killed = true
		panic(errCoroutineKilled)
	}
}

// settle completes the task's future from what the function returned.
func (t *Task) settle(res any, err error) {
	t.loop.removeTask(t)
	switch {
	case t.mustCancel:
		// Cancel was called on the running task itself and it returned anyway.
		t.mustCancel = false
		t.cancelWith(&CancelledError{Msg: t.cancelMsg})
	case err != nil && errors.Is(err, ErrCancelled):
		t.cancelWith(err)
	case err != nil:
		t.state, t.err = stateException, err
		t.loop.noteFailed(&t.Future)
		t.finish()
	default:
		t.state, t.result = stateResult, res
		t.finish()
	}
}

// kill ends a suspended coroutine when its loop closes.
func (t *Task) kill() {
	if t.stopCoro != nil {
		t.killed = true
		t.stopCoro()
		t.next, t.stopCoro, t.yield = nil, nil, nil
	}
}
