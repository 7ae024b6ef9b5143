package core

import (
	"context"
	"errors"
	"strconv"
	"strings"
)

// GatherFuture is the future a gather returns (asyncio's _GatheringFuture):
// its result is a []any with one entry per argument, in argument order.
// Cancelling it cancels the children that are still running instead of the
// future itself; the cancellation then arrives through those children.
type GatherFuture struct {
	Future
	children        []Awaitable // argument order, duplicates kept
	unique          int         // how many distinct futures
	finished        int
	returnErrors    bool
	cancelRequested bool
}

// Gather runs inside a task: it waits until every awaitable is done and
// returns their results in argument order (asyncio.gather). The first error
// is returned as soon as it happens, while the other awaitables keep running.
// A child that is cancelled counts as failing with a *CancelledError; the
// gather itself is not cancelled by that. If the task calling Gather is
// cancelled, every child that is still running is cancelled.
//
// Unlike asyncio, the arguments must already be tasks or futures (create
// tasks with Loop.CreateTask): Go has no coroutine objects to wrap.
func Gather(ctx context.Context, aws ...Awaitable) ([]any, error) {
	return gatherIn(ctx, false, aws)
}

// GatherReturnErrors is Gather with return_exceptions=True: it waits for
// every child, and a child's error (or *CancelledError) takes the place of
// its result. It fails only when the calling task, or the gather, is
// cancelled. A cancelled child's entry is its own cancellation error,
// message included, where asyncio makes a new CancelledError from the
// child's cancel message.
func GatherReturnErrors(ctx context.Context, aws ...Awaitable) ([]any, error) {
	return gatherIn(ctx, true, aws)
}

func gatherIn(ctx context.Context, returnErrors bool, aws []Awaitable) ([]any, error) {
	t, err := activeTask(ctx)
	if err != nil {
		return nil, err
	}
	g, err := t.loop.Gather(returnErrors, aws...)
	if err != nil {
		return nil, err
	}
	res, err := Await(ctx, g)
	if err != nil {
		return nil, err
	}
	return res.([]any), nil
}

// Gather makes the gathering future without awaiting it, for code that
// wants to cancel it, pass it to RunUntilComplete or await it later. Its
// result is a []any. It returns an error for a nil awaitable, one of
// another loop, or a closed loop.
func (l *Loop) Gather(returnErrors bool, aws ...Awaitable) (*GatherFuture, error) {
	if l.closed {
		return nil, ErrLoopClosed
	}
	if err := checkAwaitables(l, "Gather", aws); err != nil {
		return nil, err
	}
	g := &GatherFuture{children: append([]Awaitable(nil), aws...), returnErrors: returnErrors}
	g.Future = Future{loop: l, id: l.nextID(), name: listName("gather", aws)}
	if l.tracer != nil {
		l.emit(KindFutCreate, g.id, g.name, 0, "", "", 0)
	}
	if len(aws) == 0 {
		g.state, g.value = stateResult, []any{}
		g.finish()
		return g, nil
	}
	// One callback value serves every child: it is told which child is done.
	cb := &doneCallback{fn: g.childDone, site: siteGather}
	var doneSeen map[*Future]struct{}
	for _, aw := range aws {
		f := aw.future()
		// asyncio waits for a repeated argument once. A pending future seen
		// before has cb as its last callback, since nothing else runs while
		// this loop does; only finished ones need remembering.
		if f.state == statePending {
			if n := len(f.callbacks); n > 0 && f.callbacks[n-1] == cb {
				continue
			}
		} else {
			if _, dup := doneSeen[f]; dup {
				continue
			}
			if doneSeen == nil {
				doneSeen = make(map[*Future]struct{})
			}
			doneSeen[f] = struct{}{}
		}
		g.unique++
		f.add(cb)
	}
	return g, nil
}

// Cancel cancels every child that is still running and reports whether any
// was. The gather then fails with a cancellation error — at the first
// cancelled child, or with return-errors set once every child is done —
// while Cancelled stays false, as in asyncio.
func (g *GatherFuture) Cancel(msg string) bool {
	if g.state != statePending {
		return false
	}
	ret := false
	for _, c := range g.children {
		if c.Cancel(msg) {
			ret = true
		}
	}
	if ret {
		g.cancelRequested = true
	}
	return ret
}

// waitDescription says, for deadlock reports, which children a task waiting
// on this gather is still waiting for.
func (g *GatherFuture) waitDescription() string {
	var running []Awaitable
	for _, c := range dedupe(g.children) {
		if !c.Done() {
			running = append(running, c)
		}
	}
	return "future " + quote(g.name) + ", still waiting for " + strconv.Itoa(len(running)) + " of " +
		strconv.Itoa(g.unique) + ": " + strings.TrimSuffix(strings.TrimPrefix(listName("", running), "("), ")")
}

// Children are the awaitables gathered, in argument order.
func (g *GatherFuture) Children() []Awaitable { return g.children }

func (g *GatherFuture) childDone(f *Future) {
	g.finished++
	if g.state != statePending {
		// The gather already failed: mark this child's error as seen, as
		// asyncio does, so it is not reported as never retrieved.
		f.retrieved()
		return
	}
	if !g.returnErrors {
		switch f.state {
		case stateCancelled:
			g.fail(f.errValue())
			return
		case stateException:
			f.retrieved()
			g.fail(f.errValue())
			return
		}
	}
	if g.finished < g.unique {
		return
	}
	results := make([]any, len(g.children))
	for i, c := range g.children {
		cf := c.future()
		switch cf.state {
		case stateResult:
			results[i] = cf.value
		case stateException:
			cf.retrieved()
			results[i] = cf.errValue()
		default:
			results[i] = cf.errValue()
		}
	}
	if g.cancelRequested {
		// asyncio takes the cancellation error of the last child here.
		last := g.children[len(g.children)-1].future()
		var exc error = &CancelledError{}
		if last.state == stateCancelled {
			exc = last.errValue()
		}
		g.fail(exc)
		return
	}
	g.state, g.value = stateResult, results
	g.finish()
}

// fail completes f with err, which may be a cancellation error: gather
// propagates a child's cancellation as the gather's error without the gather
// itself counting as cancelled, exactly as asyncio does.
func (f *Future) fail(err error) {
	f.state, f.value = stateException, err
	f.loop.noteFailed(f)
	f.finish()
}

// checkAwaitables rejects nil awaitables and ones of another loop.
func checkAwaitables(l *Loop, fn string, aws []Awaitable) error {
	for i, aw := range aws {
		if aw == nil || isNilAwaitable(aw) {
			return errors.New("core: " + fn + ": awaitable " + strconv.Itoa(i) + " is nil")
		}
		if aw.future().loop != l {
			return ErrForeignLoop
		}
	}
	return nil
}

func isNilAwaitable(aw Awaitable) bool {
	switch v := aw.(type) {
	case *Future:
		return v == nil
	case *Task:
		return v == nil
	case *GatherFuture:
		return v == nil
	}
	return false
}

// listName names a combinator's future after what it waits on, so the
// timeline and the deadlock report say "gather(fetch-a, fetch-b, +8 more)".
func listName(prefix string, aws []Awaitable) string {
	const shown = 3
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteByte('(')
	for i, aw := range aws {
		if i == shown {
			b.WriteString(", +" + strconv.Itoa(len(aws)-shown) + " more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(aw.future().Name())
	}
	b.WriteByte(')')
	return b.String()
}
