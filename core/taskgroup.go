package core

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// TaskGroup holds the tasks created inside WithTaskGroup (asyncio.TaskGroup,
// CPython 3.11). The first task to fail cancels its siblings and the body;
// WithTaskGroup returns only after every task is done.
type TaskGroup struct {
	loop     *Loop
	id       uint64
	name     string
	parent   *Task
	values   *inherited // what its tasks read values from: WithTaskGroup's ctx
	exiting  bool
	aborting bool
	// parentCancelled: the group cancelled its parent task to interrupt the
	// body, and must withdraw that request (Uncancel) on exit.
	parentCancelled bool
	order           []*Task // creation order, for cancelling deterministically
	live            map[*Task]struct{}
	errs            []error
	onCompleted     *Future
}

// Errors a TaskGroup returns from CreateTask.
var (
	ErrGroupFinished     = errors.New("core: TaskGroup is finished: its WithTaskGroup has returned, so it cannot start tasks")
	ErrGroupShuttingDown = errors.New("core: TaskGroup is shutting down: a task failed or the group was cancelled, so it starts no new tasks")
)

// TaskGroupError is what WithTaskGroup returns when tasks (or the body)
// failed: every error, in the order they happened. errors.Is and errors.As
// look inside it.
type TaskGroupError struct {
	Errs []error
}

// Error starts with asyncio's ExceptionGroup text and then lists the errors,
// since Go prints no traceback that would show them.
func (e *TaskGroupError) Error() string {
	var b strings.Builder
	b.WriteString("unhandled errors in a TaskGroup (")
	b.WriteString(strconv.Itoa(len(e.Errs)))
	if len(e.Errs) == 1 {
		b.WriteString(" sub-exception)")
	} else {
		b.WriteString(" sub-exceptions)")
	}
	for i, err := range e.Errs {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

// Unwrap gives the errors to errors.Is and errors.As.
func (e *TaskGroupError) Unwrap() []error { return e.Errs }

// WithTaskGroup runs body inline in the current task with a new group
// (`async with asyncio.TaskGroup() as tg`) and then waits for every task of
// the group. When a task fails, the group cancels the tasks still running
// and the body (its pending await returns a *CancelledError); the errors are
// returned together as a *TaskGroupError, in the order they happened. An
// error the body returns is added last; a cancellation the body returns
// only cancels the group's tasks. If the calling task is cancelled from
// elsewhere, the tasks are cancelled and waited for, and the cancellation is
// returned — unless tasks failed, whose errors take precedence.
//
// The group cancels its tasks in creation order, where asyncio walks a set
// in no set order, so a program prints the same every run.
//
// Where asyncio lets a KeyboardInterrupt or SystemExit through, Go has
// panics: a panic in body is recovered, turned into a *PanicError and
// handled like an error the body returned, so the group's tasks are still
// cancelled and waited for.
func WithTaskGroup(ctx context.Context, body func(ctx context.Context, tg *TaskGroup) error) error {
	t, err := activeTask(ctx)
	if err != nil {
		return err
	}
	if body == nil {
		return ErrNilCallback
	}
	l := t.loop
	g := &TaskGroup{loop: l, id: l.nextID(), parent: t, values: valuesOf(ctx), live: make(map[*Task]struct{})}
	g.name = "TaskGroup in task " + quote(t.Name())
	return g.exit(ctx, g.runBody(ctx, body))
}

func (g *TaskGroup) runBody(ctx context.Context, body func(context.Context, *TaskGroup) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == errCoroutineKilled {
				panic(r) // the loop is closing: unwind, do not wait
			}
			err = g.loop.panicError(r)
		}
	}()
	return body(ctx, g)
}

// exit is asyncio's TaskGroup.__aexit__.
func (g *TaskGroup) exit(ctx context.Context, bodyErr error) error {
	g.exiting = true
	var propagate error
	if errors.Is(bodyErr, ErrCancelled) {
		propagate = bodyErr
	}
	if g.parentCancelled && g.parent.Uncancel() == 0 {
		// Our own cancellation of the body was the only one.
		propagate = nil
	}
	if bodyErr != nil && !g.aborting {
		g.abort(0, "the body returned "+bodyErr.Error()+"; cancelling")
	}
	for len(g.live) > 0 {
		if g.onCompleted == nil {
			g.onCompleted = g.loop.newFuture(g.name + ": " + strconv.Itoa(len(g.live)) + " tasks left")
		}
		if err := g.loop.quietly(g.parent, func() error { _, err := Await(ctx, g.onCompleted); return err }); err != nil && !g.aborting {
			// The parent task is being cancelled from outside.
			propagate = err
			g.abort(0, "the task running it was cancelled; cancelling")
		}
		g.onCompleted = nil
	}
	if propagate != nil && len(g.errs) == 0 {
		return propagate
	}
	if bodyErr != nil && !errors.Is(bodyErr, ErrCancelled) {
		g.errs = append(g.errs, bodyErr)
	}
	if len(g.errs) > 0 {
		return &TaskGroupError{Errs: g.errs}
	}
	return nil
}

// CreateTask starts fn as a task of the group. It fails once the group is
// finished or shutting down, and a task created then never runs. The task
// sees the values of the ctx given to WithTaskGroup.
func (g *TaskGroup) CreateTask(name string, fn func(ctx context.Context) (any, error)) (*Task, error) {
	if fn == nil {
		return nil, ErrNilCallback
	}
	if g.exiting && len(g.live) == 0 {
		return nil, ErrGroupFinished
	}
	if g.aborting {
		return nil, ErrGroupShuttingDown
	}
	t := g.loop.createTask(name, fn, g.values)
	t.addCallback(siteTaskGroup, g.taskDone)
	g.live[t] = struct{}{}
	g.order = append(g.order, t)
	return t, nil
}

// Name is how the group appears in the timeline and in diagnostics.
func (g *TaskGroup) Name() string { return g.name }

func (g *TaskGroup) taskDone(f *Future) {
	t := f.task
	delete(g.live, t)
	if len(g.order) > 64 && len(g.order) > 2*len(g.live) {
		g.compact()
	}
	if g.onCompleted != nil && len(g.live) == 0 && g.onCompleted.state == statePending {
		g.onCompleted.SetResult(true)
	}
	if t.state != stateException {
		return
	}
	exc := t.Exception()
	g.errs = append(g.errs, exc)
	if g.parent.Done() {
		g.loop.CallExceptionHandler(ExceptionContext{
			Message: fmt.Sprintf("task %q of a TaskGroup failed after its parent task %q had finished", t.Name(), g.parent.Name()),
			Err:     exc,
			Task:    t,
		})
		return
	}
	if !g.aborting && !g.parentCancelled {
		// Interrupt the body too; exit withdraws this request again.
		g.abort(t.id, "task "+quote(t.Name())+" failed: "+exc.Error()+"; cancelling the body and")
		g.parentCancelled = true
		g.parent.Cancel("")
	}
}

// abort cancels every task of the group still running, in creation order
// (asyncio walks a set, whose order is arbitrary).
func (g *TaskGroup) abort(cause uint64, why string) {
	g.aborting = true
	l := g.loop
	if l.tracer != nil {
		n := len(g.live)
		what := strconv.Itoa(n) + " tasks"
		if n == 1 {
			what = "1 task"
		}
		l.emit(KindAbort, g.id, g.name, cause, "abort", why+" "+what+" still running", 0)
	}
	for _, t := range g.order {
		if _, ok := g.live[t]; ok && !t.Done() {
			t.Cancel("")
		}
	}
}

// compact drops finished tasks from the creation-order list.
func (g *TaskGroup) compact() {
	keep := g.order[:0]
	for _, t := range g.order {
		if _, ok := g.live[t]; ok {
			keep = append(keep, t)
		}
	}
	clear(g.order[len(keep):])
	g.order = keep
}
