package core

import (
	"context"
	"errors"
	"strconv"
	"time"
)

// Completions hands out the results of a set of awaitables in the order they
// finish (asyncio.as_completed). Call Next once per awaitable:
//
//	c, err := core.AsCompleted(tasks)
//	for c.More() {
//		res, err := c.Next(ctx)
//		...
//	}
type Completions struct {
	loop    *Loop
	name    string
	fs      []*Future
	todo    map[*Future]struct{}
	queue   []*Future // finished, not yet handed out; nil marks the timeout
	getter  *Future   // what a Next waiting for the queue awaits
	left    int       // Next calls still to come
	timer   *TimerHandle
	onDone  *doneCallback
	timeout time.Duration
}

// AsCompleted starts watching aws (a repeated awaitable counts once). It
// returns an error for a nil awaitable or awaitables of different loops.
//
// asyncio watches a set, so when several awaitables are already done their
// order is arbitrary there; here it is argument order, so runs repeat.
func AsCompleted(aws []Awaitable) (*Completions, error) {
	return asCompleted(aws, 0, false)
}

// AsCompletedTimeout is AsCompleted with a limit of timeout loop time: once
// it passes, every Next still to come returns a *TimeoutError, and the
// awaitables keep running. NoDeadline means no limit.
func AsCompletedTimeout(aws []Awaitable, timeout time.Duration) (*Completions, error) {
	return asCompleted(aws, timeout, timeout != NoDeadline)
}

func asCompleted(aws []Awaitable, timeout time.Duration, timed bool) (*Completions, error) {
	c := &Completions{timeout: timeout}
	if len(aws) == 0 {
		return c, nil
	}
	if aws[0] == nil || isNilAwaitable(aws[0]) {
		return nil, errors.New("core: AsCompleted: awaitable 0 is nil")
	}
	l := aws[0].future().loop
	if l.closed {
		return nil, ErrLoopClosed
	}
	if err := checkAwaitables(l, "AsCompleted", aws); err != nil {
		return nil, err
	}
	fs := dedupe(aws)
	c.loop = l
	c.name = listName("as_completed", fs)
	c.todo = make(map[*Future]struct{}, len(fs))
	c.fs = make([]*Future, len(fs))
	for i, aw := range fs {
		c.fs[i] = aw.future()
		c.todo[c.fs[i]] = struct{}{}
	}
	c.left = len(fs)
	c.onDone = &doneCallback{fn: c.completed, site: siteAsCompleted}
	for _, f := range c.fs {
		f.add(c.onDone)
	}
	if timed {
		c.timer = l.internalTimer(l.Time()+timeout, c.name+" timeout", c.expire)
	}
	return c, nil
}

// Len is how many distinct awaitables are watched.
func (c *Completions) Len() int { return len(c.fs) }

// More reports whether a Next call is still due.
func (c *Completions) More() bool { return c.left > 0 }

// Next suspends the task until the next awaitable finishes and returns its
// result or error. After the timeout it returns a *TimeoutError; after Len
// calls, an error saying that nothing is left.
func (c *Completions) Next(ctx context.Context) (any, error) {
	if _, err := activeTask(ctx); err != nil {
		return nil, err
	}
	if c.left == 0 {
		return nil, errors.New("core: Completions.Next: all " + strconv.Itoa(len(c.fs)) + " results were already taken")
	}
	c.left--
	for len(c.queue) == 0 {
		g := c.loop.newFuture(c.name)
		c.getter = g
		_, err := Await(ctx, g)
		c.getter = nil
		if err != nil {
			g.Cancel("")
			return nil, err
		}
	}
	f := c.queue[0]
	c.queue[0] = nil
	c.queue = c.queue[1:]
	if f == nil {
		return nil, &TimeoutError{Msg: "as_completed: not everything finished within " + c.timeout.String()}
	}
	return f.Result()
}

func (c *Completions) completed(f *Future) {
	if len(c.todo) == 0 {
		return // the timeout came first
	}
	delete(c.todo, f)
	c.put(f)
	if len(c.todo) == 0 && c.timer != nil {
		c.timer.Cancel()
	}
}

func (c *Completions) expire() {
	if c.loop.tracer != nil && len(c.todo) > 0 {
		c.loop.emit(KindExpire, 0, c.name, 0, "as_completed", "timeout "+c.timeout.String()+": "+strconv.Itoa(len(c.todo))+" still running", 0)
	}
	for _, f := range c.fs {
		if _, ok := c.todo[f]; ok {
			f.removeCallback(c.onDone)
			c.put(nil)
		}
	}
	clear(c.todo)
}

// put queues a finished future (or the timeout marker) and wakes a waiting
// Next, through its future, as asyncio's Queue.put_nowait does.
func (c *Completions) put(f *Future) {
	c.queue = append(c.queue, f)
	if g := c.getter; g != nil && g.state == statePending {
		g.SetResult(nil)
	}
}
