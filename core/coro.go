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
type coro struct {
	next func() (struct{}, bool) // resumes it: runs the task until it awaits or its body returns
	task *Task                   // the task whose body it runs; nil once that body has returned (and to end it)
}

// maxIdleCoros bounds the pool of each loop: idle coroutines keep their
// goroutine and stack (about 2.7 KB each). A burst of tasks finishing at
// once returns at most this many; the rest end, and the pool ends with
// each run of the loop (RunForever).
const maxIdleCoros = 256

// startBody runs t's body on a pooled coroutine, or a new one, until it
// first suspends or returns.
func (l *Loop) startBody(t *Task) {
	var c *coro
	if n := len(l.coros); n > 0 {
		c = l.coros[n-1]
		l.coros[n-1] = nil
		l.coros = l.coros[:n-1]
	} else {
		c = &coro{}
		c.next, _ = iter.Pull(c.bodies()) // resumed without a task, it ends
	}
	c.task = t
	t.co = c
}

// bodies is what a pooled coroutine runs: the body of its task, then,
// unless the pool is full, a yield that parks it until the next task. It
// is a closure rather than a method value, whose wrapper would be one more
// frame on every suspended task's stack (see Task.beforeYield). Not
// inlined, so the closure keeps the name "(*coro).bodies.func1", by which
// the runner knows a task's stack (wasm/runner/offloop.go) and core a
// goroutine inside a running loop (running.go).
//
//go:noinline
func (c *coro) bodies() func(yield func(struct{}) bool) {
	return func(yield func(struct{}) bool) {
		// A panic ends the coroutine here, with its stack at hand; a
		// recovered one stays the task's failure, as the task's alone.
		defer func() {
			if r := recover(); r != nil {
				t := c.task
				c.task = nil
				if r != errCoroutineKilled {
					t.value, t.bodyFailed = t.loop.panicError(r), true
				}
			}
		}()
		for {
			t := c.task
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
			c.task = nil
			if l := t.loop; len(l.coros) >= maxIdleCoros || l.closed {
				return
			}
			yield(struct{}{})
		}
	}
}

// closeCoros ends the idle coroutines of a loop that stops running.
func (l *Loop) closeCoros() {
	for _, c := range l.coros {
		c.next() // with no task, it returns
	}
	l.coros = nil
}
