package core

import (
	"errors"
	"io"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// Loop is an event loop. All its methods except CallSoonThreadsafe and
// Handle.Cancel must be called from the goroutine running it (or before it
// runs), exactly like asyncio's loop and its thread.
type Loop struct {
	ready []*Handle // FIFO of callbacks to run
	batch []*Handle // while tracing: the iteration's batch, nil where run (Snapshot)
	spare []*Handle // the previous batch's backing array, reused
	free  []*Handle // recycled internal handles (never seen by programs)

	// Handles are carved from small blocks: one allocation per block rather
	// than per callback. A handle a program keeps holds its block (at most
	// 512 bytes) alive; that is the price of the speed.
	handleBlock []Handle
	timerBlock  []TimerHandle
	taskBlock   []Task

	timers timerQueue

	stopping bool
	running  bool
	closed   bool

	virtual bool
	now     time.Duration // virtual time
	start   time.Time     // real time at creation

	ids atomic.Uint64 // ids of handles, futures and tasks

	tsMu      sync.Mutex
	tsQueue   []*Handle
	tsPending atomic.Bool
	wake      chan struct{}
	inFlight  atomic.Int64 // blocking work that will call back through CallSoonThreadsafe

	tracer   Tracer
	traceSeq uint64
	ev       Event
	posFunc  func() string
	nextPos  string
	funcName func(fn func()) string // see WithFuncNames

	current     *Task                           // the task whose step is running
	suspendPos  string                          // the program line where the task now suspending awaits (while tracing)
	currentCb   uint64                          // id of the plain callback running, when no task step is
	tasks       []*Task                         // unfinished tasks (tasklist.go)
	prims       []primSnapshotter               // while tracing: primitives its tasks used (Snapshot)
	coros       []func() (struct{}, bool)       // idle coroutines, for the next tasks' bodies (coro.go)
	body        func(yield func(struct{}) bool) // what every coroutine of the loop runs (coro.go)
	firsts      []*Handle                       // while runOnce starts a task untraced: its batch, whose first steps the coroutine may go on to (firststeps.go)
	firstAt     int                             // the index in firsts of the step run last
	firstsTaken int                             // first steps a coroutine went on to, all told (for tests)
	taskCount   int
	futCount    int
	failed      []*Future // futures that failed, until their error is retrieved (nil once it is)
	excHandler  ExceptionHandler
	scheduledAt map[*Handle]string // where each pending callback was scheduled, while tracing
	unwrapPanic func(any) any      // see WithPanicUnwrap
	stderr      io.Writer
	debug       bool
	slow        time.Duration
	sleep       func(time.Duration) // BlockFor's under the real clock (WithBlockingSleep)

	// While tracing: cancellations tasks received and have not passed on,
	// and core's own awaits that pass one on (ignoredcancel.go).
	cancelNotes map[*Task]cancelNote
	quiet       map[*Task]int
	// While tracing: every task created, and those Run's shutdown
	// cancelled, for the never-awaited report at Close (neverawaited.go).
	created       []*Task
	shutdownTasks map[*Task]bool
	// Tasks whose Cancel is passing the cancellation on to what they
	// await, innermost last (awaitcycle.go).
	cancelling []*Task
}

// NewLoop makes an event loop. By default it uses the real monotonic clock.
func NewLoop(opts ...Option) *Loop {
	l := &Loop{
		start:  time.Now(),
		wake:   make(chan struct{}, 1),
		stderr: os.Stderr,
		slow:   100 * time.Millisecond,
	}
	if DefaultOptions != nil {
		for _, o := range DefaultOptions() {
			o(l)
		}
	}
	for _, o := range opts {
		o(l)
	}
	if l.tracer != nil && l.posFunc == nil {
		l.posFunc = callerPos
	}
	return l
}

// Time is the loop's clock: 0 at creation under the virtual clock, the
// monotonic time since creation otherwise.
func (l *Loop) Time() time.Duration {
	if l.virtual {
		return l.now
	}
	return time.Since(l.start)
}

// IsRunning reports whether RunForever or RunUntilComplete is active.
func (l *Loop) IsRunning() bool { return l.running }

// IsClosed reports whether Close was called.
func (l *Loop) IsClosed() bool { return l.closed }

// Virtual reports whether the loop runs on the virtual clock.
func (l *Loop) Virtual() bool { return l.virtual }

func (l *Loop) nextID() uint64 { return l.ids.Add(1) }

func (l *Loop) checkOpen() {
	if l.closed {
		panic(ErrLoopClosed)
	}
}

// CallSoon schedules fn to run on the next iteration, after everything
// already scheduled. It panics with ErrLoopClosed on a closed loop and with
// ErrNilCallback for a nil fn (asyncio raises in both cases).
func (l *Loop) CallSoon(fn func()) *Handle {
	l.checkOpen()
	if fn == nil {
		panic(ErrNilCallback)
	}
	if l.tsPending.Load() {
		// CallSoonThreadsafe calls made before this one (from this goroutine
		// too) come first, as in asyncio where both append to one queue.
		l.drainThreadsafe()
	}
	h := l.newHandle()
	h.fn, h.loop, h.kind = fn, l, kindSoon
	if l.tracer != nil {
		h.id = l.nextID()
	}
	l.pushReady(h)
	if l.tracer != nil {
		l.emit(KindCbSchedule, h.id, l.callbackName(fn), 0, "soon", "", l.Time())
		l.noteScheduled(h) // after the event: it reads the event's line
	}
	return h
}

// CallLater schedules fn to run d from now. A zero or negative d makes it
// due at once: it still runs after the callbacks that are ready now.
func (l *Loop) CallLater(d time.Duration, fn func()) *TimerHandle {
	return l.callAt(l.Time()+d, fn, kindLater)
}

// CallAt schedules fn to run at loop time when (see Time).
func (l *Loop) CallAt(when time.Duration, fn func()) *TimerHandle {
	return l.callAt(when, fn, kindAt)
}

func (l *Loop) callAt(when time.Duration, fn func(), kind handleKind) *TimerHandle {
	l.checkOpen()
	if fn == nil {
		panic(ErrNilCallback)
	}
	t := l.newTimer(when, fn, kind)
	l.timers.push(t)
	if l.tracer != nil {
		t.id = l.nextID()
		l.emit(KindCbSchedule, t.id, l.callbackName(fn), 0, kindNames[kind], "", when)
		l.noteScheduled(&t.Handle) // after the event: it reads the event's line
	}
	return t
}

// Blocks stay within 512 bytes, the size up to which the garbage collector
// scans objects by span, without a per-object type header (much cheaper).
const (
	handleBlockSize = 512 / unsafe.Sizeof(Handle{})
	timerBlockSize  = 512 / unsafe.Sizeof(TimerHandle{})
	taskBlockSize   = 512 / unsafe.Sizeof(Task{})
)

func (l *Loop) newHandle() *Handle {
	if len(l.handleBlock) == 0 {
		l.handleBlock = make([]Handle, handleBlockSize)
	}
	h := &l.handleBlock[0]
	l.handleBlock = l.handleBlock[1:]
	return h
}

func (l *Loop) newTimer(when time.Duration, fn func(), kind handleKind) *TimerHandle {
	if len(l.timerBlock) == 0 {
		l.timerBlock = make([]TimerHandle, timerBlockSize)
	}
	t := &l.timerBlock[0]
	l.timerBlock = l.timerBlock[1:]
	t.fn, t.loop, t.kind, t.when = fn, l, kind, when
	return t
}

// internalTimer is a timer for core's own use (Sleep, timeouts): it is traced
// with a name instead of as a program callback.
func (l *Loop) internalTimer(when time.Duration, name string, fn func()) *TimerHandle {
	t := l.newTimer(when, fn, kindTimer)
	l.timers.push(t)
	if l.tracer != nil {
		t.id = l.nextID()
		l.emit(KindCbSchedule, t.id, name, 0, "timer", "", when)
	}
	return t
}

// CallSoonThreadsafe is CallSoon for other goroutines: it wakes a loop that
// is waiting. On a closed loop it panics with ErrLoopClosed.
func (l *Loop) CallSoonThreadsafe(fn func()) *Handle {
	if fn == nil {
		panic(ErrNilCallback)
	}
	h := &Handle{fn: fn, loop: l, kind: kindThreadsafe, id: l.nextID()}
	l.tsMu.Lock()
	if l.closed {
		l.tsMu.Unlock()
		panic(ErrLoopClosed)
	}
	l.tsQueue = append(l.tsQueue, h)
	l.tsPending.Store(true)
	l.tsMu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
	return h
}

// KeepAlive tells the loop that something outside it will call
// CallSoonThreadsafe later, so an idle loop must wait for it rather than
// report that nothing can ever run again. Call the returned function once
// that work has delivered its callback.
func (l *Loop) KeepAlive() (release func()) {
	l.inFlight.Add(1)
	var once sync.Once
	return func() {
		once.Do(func() {
			l.inFlight.Add(-1)
			select {
			case l.wake <- struct{}{}:
			default:
			}
		})
	}
}

// drainThreadsafe moves callbacks from other goroutines to the ready queue.
func (l *Loop) drainThreadsafe() {
	l.tsMu.Lock()
	q := l.tsQueue
	l.tsQueue = nil
	l.tsPending.Store(false)
	l.tsMu.Unlock()
	for _, h := range q {
		l.pushReady(h)
		if l.tracer != nil {
			l.emit(KindCbSchedule, h.id, l.callbackName(h.fn), 0, "threadsafe", "", l.Time())
		}
	}
}

// schedule puts an internal handle on the ready queue, reusing a free one.
func (l *Loop) schedule(kind handleKind, fn func(), fcb func(*Future), fut *Future) {
	var h *Handle
	if n := len(l.free); n > 0 {
		h = l.free[n-1]
		l.free = l.free[:n-1]
	} else {
		h = l.newHandle() // from a block: a burst of done tasks needs one each
		h.loop = l
	}
	l.enqueue(h, kind, fn, fcb, fut)
}

// enqueue puts h, set to run fn or fcb(fut), on the ready queue.
func (l *Loop) enqueue(h *Handle, kind handleKind, fn func(), fcb func(*Future), fut *Future) {
	if l.tsPending.Load() {
		l.drainThreadsafe()
	}
	h.fn, h.fcb, h.fut, h.kind = fn, fcb, fut, kind
	l.pushReady(h)
	if l.tracer != nil && kind == kindCallback {
		h.id = l.nextID()
		l.emit(KindCbSchedule, h.id, fut.Name(), fut.id, kindNames[kind], "", l.Time())
		l.noteScheduled(h) // after the event: it reads the event's line
	}
}

// scheduleDone schedules a done-callback of f: a task's wake-up is its own
// step, anything else an internal handle.
func (l *Loop) scheduleDone(cb *doneCallback, f *Future) {
	if cb.fn == nil {
		t := taskOfWake(cb)
		t.stepH.id = f.id // a step handle's id is who woke it, for the trace
		l.scheduleStep(t)
		if l.tracer != nil {
			l.emit(KindTaskWake, t.id, t.Name(), f.id, "", "", 0)
		}
		return
	}
	if t := f.task; t != nil && t.stepH.kind == kindStep {
		// A done task never steps again, so its step handle is free for
		// good: its first done-callback (a gather's, an awaiting task's
		// wake-up is the waiter's own) runs on it instead of a handle of
		// its own. held keeps it off the free list; its kind says it is
		// taken. Gathering 100k tasks allocated 100k handles for this.
		h := &t.stepH
		h.held, h.ran = true, false
		l.enqueue(h, cb.kind(), nil, cb.fn, f)
	} else {
		l.schedule(cb.kind(), nil, cb.fn, f)
	}
	if l.tracer != nil && !cb.user {
		h := l.ready[len(l.ready)-1]
		h.site = cb.site
		l.emit(KindInternalSched, 0, siteNames[cb.site], f.id, "", "", 0)
	}
}

// pushReady appends h to the ready queue, which grows by doubling (grow.go).
func (l *Loop) pushReady(h *Handle) { l.ready = append(doubled(l.ready), h) }

// scheduleStep puts the task's next step on the ready queue.
func (l *Loop) scheduleStep(t *Task) {
	if l.tsPending.Load() {
		l.drainThreadsafe()
	}
	l.pushReady(&t.stepH)
}

// Stop makes RunForever return after the current iteration. Called before
// RunForever, it makes the next run do exactly one iteration.
func (l *Loop) Stop() {
	l.stopping = true
	if l.tracer != nil {
		l.emit(KindLoopStop, 0, "", 0, "", "", 0)
	}
}

// RunForever runs the loop until Stop. It returns ErrLoopRunning when the
// loop is already running, ErrAnotherLoopRunning when called from a callback
// or task of another running loop (one loop runs per goroutine),
// ErrLoopClosed when closed, and a *StuckError when nothing is ready, no
// timer is set and nothing outside can wake it.
func (l *Loop) RunForever() error {
	if err := l.checkRunnable(); err != nil {
		return err
	}
	return l.runForever()
}

func (l *Loop) runForever() error {
	l.running = true
	runningLoops.Add(1)
	defer runningLoops.Add(-1)
	if l.tracer != nil {
		l.emit(KindLoopRun, 0, "", 0, "", "", 0)
	}
	var err error
	for {
		if err = l.runOnce(); err != nil {
			break
		}
		if l.stopping {
			break
		}
	}
	l.stopping = false
	l.running = false
	// Idle coroutines live only while the loop runs: a loop dropped
	// without Close must not keep their goroutines for good.
	l.closeCoros()
	if l.tracer != nil {
		detail := ""
		if err != nil {
			detail = err.Error()
		}
		l.emit(KindLoopExit, 0, "", 0, detail, "", 0)
	}
	return err
}

// RunUntilComplete runs the loop until aw is done and returns its result.
// If the loop stops first it returns ErrStoppedEarly; misuse and deadlock
// errors are as for RunForever.
func (l *Loop) RunUntilComplete(aw Awaitable) (any, error) {
	if aw == nil {
		return nil, ErrNilCallback
	}
	if err := l.checkRunnable(); err != nil {
		return nil, err
	}
	f := aw.future()
	if f.loop != l {
		return nil, ErrForeignLoop
	}
	cb := f.addCallback(siteRunUntilComplete, func(*Future) { l.Stop() })
	err := l.runForever()
	f.removeCallback(cb)
	if !f.Done() {
		if err != nil {
			return nil, err
		}
		return nil, ErrStoppedEarly
	}
	res, err := f.Result()
	if err != nil && l.tracer != nil {
		detail := "exception"
		if errors.Is(err, ErrCancelled) {
			detail = "cancelled"
		}
		l.emit(KindLoopFail, f.id, f.Name(), 0, detail, err.Error(), 0)
	}
	return res, err
}

// Close closes a loop that is not running: pending callbacks are dropped and
// the loop cannot be used again. Tasks still pending are reported (asyncio's
// "Task was destroyed but it is pending!"). Closing twice is harmless.
func (l *Loop) Close() error {
	if l.running {
		return ErrCloseRunning
	}
	if l.closed {
		return nil
	}
	l.reportPendingTasks()
	l.reportNeverAwaited()
	l.tsMu.Lock()
	l.closed = true
	l.tsQueue = nil
	l.tsMu.Unlock()
	l.ready = nil
	l.scheduledAt = nil
	l.timers.empty()
	for _, t := range l.tasks {
		t.kill()
	}
	if l.tracer != nil {
		l.emit(KindLoopClose, 0, "", 0, "", "", 0)
	}
	return nil
}

// runOnce is one pass of the loop: wait if nothing is ready, move due timers
// to the ready queue, then run exactly the callbacks that are ready now.
func (l *Loop) runOnce() error {
	if l.tsPending.Load() {
		l.drainThreadsafe()
	}
	if len(l.ready) == 0 && !l.stopping {
		if err := l.idle(); err != nil {
			return err
		}
	}
	if l.timers.len() > 0 {
		l.dueTimers()
	}
	batch := l.ready
	l.ready = l.spare[:0]
	if l.tracer != nil {
		l.batch = batch
		l.emit(KindIterBegin, 0, "", 0, "", itoa(len(batch)), 0)
	}
	plain := l.tracer == nil && !l.debug
	for i := 0; i < len(batch); i++ {
		h := batch[i]
		// Prefetch what the handles ahead touch (prefetch.go).
		if j := i + 2*prefetchDistance; j < len(batch) {
			prefetchTask(unsafe.Pointer(batch[j]))
		}
		if j := i + prefetchDistance; j < len(batch) {
			if a := batch[j]; a.kind == kindStep {
				if t := taskOfStep(a); t.sp != 0 { // 0: not started yet
					prefetchCoroutine(t.sp, t.g)
				}
			}
		}
		batch[i] = nil
		if h.cancelled.Load() {
			if l.scheduledAt != nil {
				delete(l.scheduledAt, h)
			}
			continue
		}
		if plain {
			// What run does for a step and for core's own done-callbacks
			// (gather's, wait's, ...), without its checks.
			switch h.kind {
			case kindStep:
				if t := taskOfStep(h); !t.started {
					i = l.firstSteps(batch, i, t)
				} else {
					t.step()
				}
				continue
			case kindInternal:
				i = l.runInternal(batch, i, h)
				continue
			}
		}
		l.run(h)
	}
	l.spare = batch[:0]
	if l.tracer != nil {
		l.batch = nil
		l.emit(KindIterEnd, 0, "", 0, "", "", 0)
	}
	return nil
}

// runInternal runs h, core's own done-callback taken from batch[i], and
// those right after it in batch, and returns the index of the last one it
// ran. They run without a deferred recover each (see call): one here
// serves them all, reporting a panic as call does; runOnce then goes on
// after the callback that panicked. Only these run in it, not the whole
// batch: a task step stays one frame less deep (in wasm each frame under a
// coroutine switch costs on every switch).
func (l *Loop) runInternal(batch []*Handle, i int, h *Handle) (last int) {
	defer func() {
		if r := recover(); r != nil {
			l.callbackPanicked(h, r)
			l.recycle(h)
			last = i
		}
	}()
	for {
		h.ran = true
		if h.fcb != nil {
			h.fcb(h.fut)
		} else {
			h.fn()
		}
		l.recycle(h)
		if i+1 == len(batch) {
			return i
		}
		if n := batch[i+1]; n.kind != kindInternal || n.cancelled.Load() {
			return i // runOnce runs it
		}
		i++
		h = batch[i]
		// Prefetch what the handles ahead touch (prefetch.go).
		if j := i + 2*prefetchDistance; j < len(batch) {
			prefetchTask(unsafe.Pointer(batch[j]))
		}
		if j := i + prefetchDistance; j < len(batch) {
			if a := batch[j]; a.kind == kindStep {
				if t := taskOfStep(a); t.sp != 0 { // 0: not started yet
					prefetchCoroutine(t.sp, t.g)
				}
			}
		}
		batch[i] = nil
	}
}

// idle waits until a callback is ready or a timer is due: on the virtual
// clock it jumps to the next timer, on the real clock it sleeps until then;
// either way a callback from another goroutine wakes it. It returns a
// *StuckError when nothing can ever arrive.
func (l *Loop) idle() error {
	for {
		if l.tsPending.Load() {
			l.drainThreadsafe()
			if len(l.ready) > 0 {
				return nil
			}
		}
		pending := l.inFlight.Load() > 0
		next := l.timers.head()
		if next == nil {
			if !pending {
				return l.stuck()
			}
			<-l.wake
			continue
		}
		if l.virtual {
			if pending {
				// Blocking work is in flight: virtual time must not jump past
				// the moment it delivers, so wait for it in real time.
				<-l.wake
				continue
			}
			if w := next.when; w > l.now {
				l.now = w
			}
			return nil
		}
		d := next.when - l.Time()
		if d <= 0 {
			return nil
		}
		tm := time.NewTimer(d)
		select {
		case <-tm.C:
			return nil
		case <-l.wake:
			tm.Stop()
		}
	}
}

// dueTimers moves the timers that are due to the end of the ready queue.
func (l *Loop) dueTimers() {
	now := l.Time()
	q := &l.timers
	if q.mostlyDue(now) {
		d := q.sortDue(now)
		due := q.heap[:d]
		all := d == len(q.heap) // then the queue is emptied at once
		l.ready = slices.Grow(l.ready, d)
		for i, e := range due {
			if j := i + prefetchDistance; j < len(due) {
				prefetch(unsafe.Pointer(&q.slots[due[j].slot()]))
			}
			if all {
				l.timerDue(q.slots[e.slot()])
			} else {
				l.timerDue(q.release(e.slot()))
			}
		}
		if all {
			q.empty()
		} else {
			q.dropFirst(d)
		}
		return
	}
	for len(q.heap) > 0 && q.heap[0].when <= now {
		l.timerDue(q.pop())
	}
}

// timerDue puts a due timer on the ready queue. A cancelled one is skipped
// when it runs; while tracing it is left out here, so that the trace never
// shows a cancelled timer coming due.
func (l *Loop) timerDue(t *TimerHandle) {
	if l.tracer != nil && t.cancelled.Load() {
		delete(l.scheduledAt, &t.Handle)
		return
	}
	l.pushReady(&t.Handle)
	if l.tracer != nil {
		l.emit(KindTimerDue, t.id, "", 0, "", "", t.when)
	}
}
