package core

import (
	"context"
	"errors"
)

// Misuse of a synchronisation primitive. The texts are asyncio's, so a
// learner who knows asyncio recognises them; the error a method returns is a
// *SyncError naming the primitive, which errors.Is sees through.
var (
	ErrLockNotAcquired       = errors.New("Lock is not acquired.")
	ErrSemaphoreValue        = errors.New("Semaphore initial value must be >= 0")
	ErrBoundedReleased       = errors.New("BoundedSemaphore released too many times")
	ErrCondWaitUnacquired    = errors.New("cannot wait on un-acquired lock")
	ErrCondNotifyUnacquired  = errors.New("cannot notify on un-acquired lock")
	ErrBarrierParties        = errors.New("parties must be > 0")
	ErrBrokenBarrier         = errors.New("broken barrier")
	ErrQueueFull             = errors.New("QueueFull: the queue is full (PutNowait does not wait for space)")
	ErrQueueEmpty            = errors.New("QueueEmpty: the queue is empty (GetNowait does not wait for an item)")
	ErrTaskDoneTooMany       = errors.New("task_done() called too many times")
	ErrBoundToOtherLoop      = errors.New("is bound to a different event loop")
	errPriorityNotComparable = errors.New("cannot order these items: give NewPriorityQueue a less function")
)

// SyncError is a misuse of a primitive: What names it (`lock "db"`), Err is
// one of the errors above.
type SyncError struct {
	What string
	Err  error
}

func (e *SyncError) Error() string {
	if e.Err == ErrBoundToOtherLoop {
		return e.What + " " + e.Err.Error()
	}
	return e.What + ": " + e.Err.Error()
}

// Unwrap gives the error kind to errors.Is / errors.As.
func (e *SyncError) Unwrap() error { return e.Err }

// Is also matches ErrForeignLoop for a primitive bound to another loop.
func (e *SyncError) Is(target error) bool {
	return target == ErrForeignLoop && e.Err == ErrBoundToOtherLoop
}

// BrokenBarrierError is what Barrier.Wait returns once the barrier is
// aborted or reset (asyncio.BrokenBarrierError). It matches ErrBrokenBarrier.
type BrokenBarrierError struct {
	Msg string
}

func (e *BrokenBarrierError) Error() string { return e.Msg }

// Is makes errors.Is(err, ErrBrokenBarrier) true.
func (e *BrokenBarrierError) Is(target error) bool { return target == ErrBrokenBarrier }

// syncPrim is what every primitive shares: a kind and a name for the
// timeline and diagnostics, and the loop it is bound to.
//
// Like asyncio since 3.10, a primitive is bound to a loop only when a task
// first has to wait on it; before that it can be used from any loop.
//
// Methods without a ctx (Release, Set, PutNowait, ...) cannot tell which
// loop calls them, so they are traced on the loop whose task last called a
// method with a ctx; until one has, they leave no event in the timeline.
type syncPrim struct {
	kind string // "lock", "semaphore", "event", ...
	name string
	loop *Loop  // bound loop: set when a task first waits
	seen *Loop  // the loop that last used it: where its events go
	id   uint64 // its id in the trace (from the first loop that used it)
}

func (p *syncPrim) init(kind string, name []string) {
	p.kind = kind
	if len(name) > 0 {
		p.name = name[0]
	}
}

// Name is the name the primitive was given ("" when none).
func (p *syncPrim) Name() string { return p.name }

// label is how the timeline names the primitive: `lock "db"`, or just
// `lock` when it has no name.
func (p *syncPrim) label() string {
	if p.name == "" {
		return p.kind
	}
	return p.kind + " " + quote(p.name)
}

// describe is the label in a sentence.
func (p *syncPrim) describe() string {
	if p.name != "" {
		return p.label()
	}
	return "an unnamed " + p.kind
}

func (p *syncPrim) misuse(err error) error { return &SyncError{What: p.label(), Err: err} }

// use finds the running task of ctx and notes its loop for tracing.
// self is the primitive p belongs to, listed for Snapshot while tracing.
func (p *syncPrim) use(ctx context.Context, self primSnapshotter) (*Task, error) {
	t, err := activeTask(ctx)
	if err != nil {
		return nil, err
	}
	p.touch(t.loop, self)
	return t, nil
}

func (p *syncPrim) touch(l *Loop, self primSnapshotter) {
	if p.seen != l {
		p.seen = l
		if p.id == 0 {
			p.id = l.nextID()
		}
		if l.tracer != nil && self != nil {
			l.prims = append(l.prims, self)
		}
	}
}

// bind ties the primitive to t's loop the first time a task must wait.
func (p *syncPrim) bind(t *Task) error {
	if p.loop == nil {
		p.loop = t.loop
	} else if p.loop != t.loop {
		return p.misuse(ErrBoundToOtherLoop)
	}
	return nil
}

// trace emits one primitive event (sync.* or queue.*) about p.
func (p *syncPrim) trace(kind Kind, ref uint64, value string) {
	if l := p.seen; l != nil && l.tracer != nil {
		l.emit(kind, p.id, p.label(), ref, p.kind, value, 0)
	}
}

func (p *syncPrim) tracing() bool { return p.seen != nil && p.seen.tracer != nil }

// syncWaiter is the future a task awaits while it waits on a primitive. It
// is named after the primitive, and diagnostics name the primitive (and why
// the task waits) rather than an anonymous future.
type syncWaiter struct {
	Future
	prim *syncPrim
	why  string
}

// newWaiter makes a pending waiter on t's loop, after binding p to it.
func (p *syncPrim) newWaiter(t *Task, why string) (*syncWaiter, error) {
	if err := p.bind(t); err != nil {
		return nil, err
	}
	l := t.loop
	w := &syncWaiter{prim: p, why: why}
	w.Future = Future{loop: l, name: p.label(), id: l.nextID()}
	if l.tracer != nil {
		l.emit(KindFutCreate, w.id, w.name, 0, "", "", 0)
	}
	return w, nil
}

// enqueue puts w in line, then traces the wait: the event follows what it
// reports (Snapshot at the event shows w in line).
func (p *syncPrim) enqueue(q *waiterList, w *syncWaiter) {
	q.push(w)
	p.trace(KindWait, w.id, w.why)
}

// waitDescription is what the stuck-forever and pending-at-close reports say
// the task waits on.
func (w *syncWaiter) waitDescription() string {
	if w.why == "" {
		return w.prim.describe()
	}
	return w.prim.describe() + " (" + w.why + ")"
}

// waiterList is a FIFO of waiters that also allows removing any one of them
// (asyncio's deque with remove()).
type waiterList struct {
	ws   []*syncWaiter
	head int
}

func (q *waiterList) len() int { return len(q.ws) - q.head }

func (q *waiterList) push(w *syncWaiter) {
	if q.head > 0 && q.head == len(q.ws) {
		q.ws, q.head = q.ws[:0], 0
	}
	q.ws = append(q.ws, w)
}

// all is the waiters in order; the slice is only valid until the next change.
func (q *waiterList) all() []*syncWaiter { return q.ws[q.head:] }

// popFront removes and returns the first waiter, or nil.
func (q *waiterList) popFront() *syncWaiter {
	if q.head == len(q.ws) {
		return nil
	}
	w := q.ws[q.head]
	q.ws[q.head] = nil
	q.head++
	return w
}

// remove takes w out of the list; it reports whether w was there.
func (q *waiterList) remove(w *syncWaiter) bool {
	for i := q.head; i < len(q.ws); i++ {
		if q.ws[i] != w {
			continue
		}
		if i == q.head {
			q.ws[i] = nil
			q.head++
			return true
		}
		copy(q.ws[i:], q.ws[i+1:])
		q.ws[len(q.ws)-1] = nil
		q.ws = q.ws[:len(q.ws)-1]
		return true
	}
	return false
}

// repr formats a primitive like asyncio's repr: <Lock "db" [locked, waiters:1]>.
func (p *syncPrim) repr(typ, state string, waiters int) string {
	s := "<" + typ
	if p.name != "" {
		s += " " + quote(p.name)
	}
	s += " [" + state
	if waiters > 0 {
		s += ", waiters:" + itoa(waiters)
	}
	return s + "]>"
}
