package core

import (
	"fmt"
	"strconv"
	"unsafe"
)

type futState uint8

const (
	statePending futState = iota
	stateResult
	stateException
	stateCancelled
)

var stateNames = [...]string{"pending", "result", "exception", "cancelled"}

// Awaitable is what Await accepts: a *Future or a *Task.
type Awaitable interface {
	future() *Future
	// Cancel requests cancellation; for a task it is Task.Cancel.
	Cancel(msg string) bool
	Done() bool
}

// Future is a result that will arrive later (asyncio.Future).
type Future struct {
	loop      *Loop
	task      *Task // set when this future is a task's own
	state     futState
	observed  bool  // the program awaited it or asked for its outcome (traced loops: neverawaited.go)
	failedAt  int32 // index+1 in the loop's list of failed futures, 0 when not listed
	id        uint64
	name      string
	value     any // the result; for an exception or a cancellation, the error
	callbacks []*doneCallback
	firstCb   [1]*doneCallback // callbacks' first backing array: most futures get one (the awaiting task's)
}

// doneCallback is a callback a future runs when done: fn, or for a task's
// wake-up (fn nil) the task's next step.
type doneCallback struct {
	fn   func(*Future) // nil for a task's wake-up
	task *Task         // whose wake-up it is
	// The two bytes last, together: 24 bytes rather than 32 with padding
	// after each, which kept Task (holding one) in the 288-byte size class.
	user bool   // added by the program: traced as a callback of its own
	site cbSite // core's own: what it serves, for the trace
}

// cbSite says what one of core's own done-callbacks serves; the trace names
// the ready-queue entry after it.
type cbSite uint8

const (
	siteOther cbSite = iota
	siteGather
	siteWait
	siteWaitFor
	siteCancelWait
	siteShield
	siteTaskGroup
	siteShutdown
	siteRunUntilComplete
	siteAsCompleted
)

var siteNames = [...]string{"core", "gather", "wait", "wait_for", "cancel and wait", "shield", "task group", "shutdown", "run_until_complete", "as_completed"}

func (cb *doneCallback) kind() handleKind {
	if cb.user {
		return kindCallback
	}
	return kindInternal
}

// CreateFuture makes a pending future on the loop. The name appears in the
// timeline and in diagnostics; "" gives "Future-N".
func (l *Loop) CreateFuture(name string) *Future {
	l.futCount++
	if name == "" {
		name = "Future-" + strconv.Itoa(l.futCount)
	}
	return l.newFuture(name)
}

// newFuture makes a future without counting it among the program's own.
func (l *Loop) newFuture(name string) *Future {
	f := &Future{loop: l, name: name, id: l.nextID()}
	if l.tracer != nil {
		l.emit(KindFutCreate, f.id, name, 0, "", "", 0)
	}
	return f
}

func (f *Future) future() *Future { return f }

// errValue is the error of a future that failed or was cancelled.
func (f *Future) errValue() error {
	err, _ := f.value.(error)
	return err
}

// Loop is the loop the future belongs to.
func (f *Future) Loop() *Loop { return f.loop }

// Name is the future's name.
func (f *Future) Name() string {
	if f.name == "" && f.task != nil {
		// A task's default name costs an allocation, made only when asked:
		// thousands of tasks may never be named anywhere.
		f.name = "Task-" + strconv.Itoa(int(f.task.num))
	}
	return f.name
}

// ID is the future's id in the trace.
func (f *Future) ID() uint64 { return f.id }

// Task is the task this future belongs to, or nil for a plain future.
// Done-callbacks receive a task's future; this gets the task back.
func (f *Future) Task() *Task { return f.task }

// Done reports whether the future has a result, an error or was cancelled.
func (f *Future) Done() bool { return f.state != statePending }

// Cancelled reports whether the future was cancelled.
func (f *Future) Cancelled() bool { return f.state == stateCancelled }

// Result returns the value or the error the future completed with; for a
// cancelled future a *CancelledError; for a pending one an
// *InvalidStateError ("Result is not set.").
func (f *Future) Result() (any, error) {
	f.observed = true
	switch f.state {
	case stateResult:
		return f.value, nil
	case stateException:
		f.retrieved()
		return nil, f.errValue()
	case stateCancelled:
		return nil, f.errValue()
	}
	return nil, &InvalidStateError{Msg: "Result is not set."}
}

// Exception returns the future's error and, like asyncio, counts it as
// retrieved. It returns nil for a result, the cancellation error for a
// cancelled future and an *InvalidStateError ("Exception is not set.")
// while pending.
func (f *Future) Exception() error {
	f.observed = true
	switch f.state {
	case statePending:
		return &InvalidStateError{Msg: "Exception is not set."}
	case stateException:
		f.retrieved()
	}
	return f.errValue()
}

// SetResult completes the future with v. A future that is already done
// returns an *InvalidStateError.
func (f *Future) SetResult(v any) error {
	if f.state != statePending {
		return f.invalid()
	}
	f.state, f.value = stateResult, v
	f.finish()
	return nil
}

// SetException completes the future with err. A cancellation error is
// refused, as in asyncio: use Cancel.
func (f *Future) SetException(err error) error {
	if f.state != statePending {
		return f.invalid()
	}
	if err == nil {
		return fmt.Errorf("core: SetException(nil): use SetResult for success")
	}
	if _, ok := err.(*CancelledError); ok {
		return fmt.Errorf("core: SetException with a cancellation error: use Cancel")
	}
	f.state, f.value = stateException, err
	f.loop.noteFailed(f)
	f.finish()
	return nil
}

// Cancel cancels a pending future and schedules its callbacks; it returns
// false if the future was already done.
func (f *Future) Cancel(msg string) bool {
	if f.state != statePending {
		return false
	}
	f.cancelWith(&CancelledError{Msg: msg})
	return true
}

func (f *Future) cancelWith(err error) {
	f.state, f.value = stateCancelled, err
	f.finish()
}

func (f *Future) invalid() error {
	return &InvalidStateError{Msg: fmt.Sprintf("%s %q is already done (%s)", f.kindWord(), f.Name(), stateNames[f.state])}
}

func (f *Future) kindWord() string {
	if f.task != nil {
		return "task"
	}
	return "future"
}

// finish records the outcome and schedules every done-callback.
func (f *Future) finish() {
	l := f.loop
	if l.tracer != nil {
		kind := KindFutDone
		if f.task != nil {
			kind = KindTaskDone
		}
		l.emit(kind, f.id, f.Name(), 0, stateNames[f.state], f.outcomeText(), 0)
	}
	cbs := f.callbacks
	f.callbacks = nil
	for _, cb := range cbs {
		l.scheduleDone(cb, f)
	}
	f.firstCb[0] = nil
}

func (f *Future) outcomeText() string {
	switch f.state {
	case stateResult:
		if f.value == nil {
			return ""
		}
		return clip(fmt.Sprint(f.value))
	case stateException, stateCancelled:
		return clip(f.errValue().Error())
	}
	return ""
}

func clip(s string) string {
	const max = 200
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}

// AddDoneCallback schedules fn(f) once the future is done — with CallSoon,
// never inline, even when the future is already done.
func (f *Future) AddDoneCallback(fn func(f *Future)) {
	if fn == nil {
		panic(ErrNilCallback)
	}
	f.loop.checkOpen()
	f.add(&doneCallback{fn: fn, user: true})
}

// addCallback is AddDoneCallback for core's own use: removable, and traced
// as part of what it serves rather than as a program callback.
func (f *Future) addCallback(site cbSite, fn func(*Future)) *doneCallback {
	cb := &doneCallback{fn: fn, site: site}
	f.add(cb)
	return cb
}

func (f *Future) add(cb *doneCallback) {
	// An awaiting task, Gather, Wait, a TaskGroup, a program's callback:
	// each takes its outcome. Run's shutdown does not.
	f.observed = f.observed || cb.site != siteShutdown
	if f.state != statePending {
		f.loop.scheduleDone(cb, f)
		return
	}
	if f.callbacks == nil {
		f.callbacks = f.firstCb[:0]
	}
	f.callbacks = append(f.callbacks, cb)
}

// RemoveDoneCallback removes every pending done-callback fn added by
// AddDoneCallback and returns how many it removed
// (asyncio's remove_done_callback). Go functions cannot be compared, so a
// callback matches by identity: the same func value — a top-level
// function, or a closure kept in a variable and passed to both calls — not
// a closure or method value made again. Once the future is done its
// callbacks are scheduled already, and this removes nothing.
func (f *Future) RemoveDoneCallback(fn func(f *Future)) int {
	if fn == nil {
		return 0
	}
	id := funcID(fn)
	kept := f.callbacks[:0]
	for _, cb := range f.callbacks {
		if cb.user && funcID(cb.fn) == id {
			continue
		}
		kept = append(kept, cb)
	}
	n := len(f.callbacks) - len(kept)
	clear(f.callbacks[len(kept):])
	f.callbacks = kept
	return n
}

// funcID is what identifies a func value: the address of its closure (for
// a top-level function, of its static one).
func funcID(fn func(*Future)) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&fn)) }

func (f *Future) removeCallback(cb *doneCallback) {
	for i, c := range f.callbacks {
		if c == cb {
			f.callbacks = append(f.callbacks[:i], f.callbacks[i+1:]...)
			return
		}
	}
}
