package core

import "iter"

// A task's body runs on a coroutine (iter.Pull, with a goroutine of its
// own) so that it can suspend in the middle of a call. Starting and ending
// one is most of what a short task costs (a new goroutine, its stack and
// iter.Pull's closures), so a coroutine whose task's body has returned goes
// back to its loop's pool and runs the next task's body. Nothing of a task
// stays on the coroutine: the body, its ctx and yield are read afresh from
// the next task, and a body that panics (or is unwound by Close) ends its
// coroutine instead of returning it.
//
// Every coroutine of a loop runs the same function, made once per loop
// (coro.bodies), which finds its task as the loop's current one whenever it
// is resumed to start a body: a coroutine costs iter.Pull's allocations
// and nothing more of core's own. Untraced, a coroutine whose body has
// returned may also go straight on to the next first step of its loop's
// batch, without a switch (firststeps.go).
type coro struct {
	loop *Loop
}

// maxIdleCoros bounds the pool of each loop: idle coroutines keep their
// goroutine and stack (about 2.7 KB each). A burst of tasks finishing at
// once returns at most this many; the rest end, and the pool ends with
// each run of the loop (RunForever).
const maxIdleCoros = 256

// startBody runs t's body on a pooled coroutine, or a new one, until it
// first suspends or returns.
func (l *Loop) startBody(t *Task) {
	if n := len(l.coros); n > 0 {
		t.co = l.coros[n-1]
		l.coros[n-1] = nil
		l.coros = l.coros[:n-1]
		return
	}
	if l.body == nil {
		l.body = (&coro{loop: l}).bodies()
	}
	t.co, _ = iter.Pull(l.body) // resumed with no current task, it ends
}

// bodies is what a loop's coroutines run: the body of the loop's current
// task (step makes it current before resuming the coroutine), then, unless
// the pool is full, a yield that parks it until the next task. A body's
// return shows in its task's yield, set back to nil. It is a closure
// rather than a method value, whose wrapper would be one more frame on
// every suspended task's stack (see Task.beforeYield). Not inlined, so the
// closure keeps the name "(*coro).bodies.func1", by which the runner knows
// a task's stack (wasm/runner/offloop.go) and core a goroutine inside a
// running loop (running.go).
//
//go:noinline
func (c *coro) bodies() func(yield func(struct{}) bool) {
	l := c.loop
	return func(yield func(struct{}) bool) {
		var t *Task
		// A panic ends the coroutine here, with its stack at hand; a
		// recovered one stays the task's failure, as the task's alone.
		defer func() {
			if r := recover(); r != nil {
				if r != errCoroutineKilled {
					t.value, t.bodyFailed = l.panicError(r), true
				}
				t.yield = nil
			}
		}()
		t = l.current
		for {
			if t == nil {
				return // ended by closeCoros
			}
			t.yield = yield
			// What the function returns waits in the future's own value
			// (unread while the task is pending) until step settles the
			// task with it.
			res, err := t.fn((*taskContext)(t))
			if err != nil {
				t.value, t.bodyFailed = err, true
			} else {
				t.value = res
			}
			t.yield = nil
			if l.firsts != nil {
				if next := l.nextFirstStep(t); next != nil {
					t = next
					continue
				}
			}
			if len(l.coros) >= maxIdleCoros || l.closed {
				return
			}
			yield(struct{}{})
			t = l.current
		}
	}
}

// closeCoros ends the idle coroutines of a loop that stops running: each
// is resumed with no current task.
func (l *Loop) closeCoros() {
	prev := l.current
	l.current = nil
	for _, next := range l.coros {
		next()
	}
	l.current = prev
	l.coros = nil
}
