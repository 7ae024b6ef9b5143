package core

import (
	"context"
	"errors"
	"math"
	"time"
)

// NoDeadline, as a deadline, means none: TimeoutAt(ctx, NoDeadline, body)
// is asyncio.timeout(None), and TimeoutScope.Reschedule(NoDeadline) turns a
// running timeout off.
const NoDeadline = time.Duration(math.MaxInt64)

// Timeout runs body inline in the current task with a deadline d of loop
// time from now (asyncio.timeout, CPython 3.11). If the deadline passes
// while body runs, the task is cancelled; body sees a *CancelledError from
// whatever it awaits, and once body returns that cancellation becomes a
// *TimeoutError. Timeouts nest: each one turns only its own expiry into a
// timeout error. A cancellation from elsewhere (Task.Cancel) passes through
// as a *CancelledError, even if the deadline also passed. If body swallows
// the cancellation and returns normally, its result stands.
//
// Like asyncio, this relies on the task's cancellation count: the expiry
// calls Task.Cancel and the exit calls Task.Uncancel, and only when no other
// cancellation is outstanding does the error become a timeout.
//
// A zero or negative d expires on the next iteration, so body still runs
// until its first await. body's ctx also gives the timeout itself, through
// CurrentTimeout, to move or read the deadline. The timeout error says which
// deadline passed (asyncio's TimeoutError has no message).
func Timeout(ctx context.Context, d time.Duration, body func(ctx context.Context) (any, error)) (any, error) {
	t, err := activeTask(ctx)
	if err != nil {
		return nil, err
	}
	if d == NoDeadline {
		return runTimeout(ctx, t, NoDeadline, "no deadline", body)
	}
	return runTimeout(ctx, t, t.loop.Time()+d, d.String(), body)
}

// TimeoutAt is Timeout with an absolute deadline in loop time (see
// Loop.Time), asyncio.timeout_at.
func TimeoutAt(ctx context.Context, when time.Duration, body func(ctx context.Context) (any, error)) (any, error) {
	t, err := activeTask(ctx)
	if err != nil {
		return nil, err
	}
	return runTimeout(ctx, t, when, "deadline "+when.String(), body)
}

type timeoutState uint8

const (
	timeoutEntered timeoutState = iota
	timeoutExpiring
	timeoutExpired
	timeoutExited
)

var timeoutStateNames = [...]string{"active", "expiring", "expired", "finished"}

// TimeoutScope is a running Timeout (asyncio.Timeout): body can read and
// move its deadline.
type TimeoutScope struct {
	task   *Task
	state  timeoutState
	when   time.Duration
	handle *Handle
	timer  *TimerHandle
	what   string
}

type timeoutKey struct{}

// timeoutContext is the ctx body receives: the task's ctx plus the scope.
type timeoutContext struct {
	context.Context
	scope *TimeoutScope
}

func (c *timeoutContext) Value(key any) any {
	if key == (timeoutKey{}) {
		return c.scope
	}
	return c.Context.Value(key)
}

// CurrentTimeout is the innermost Timeout whose body received ctx, or nil.
func CurrentTimeout(ctx context.Context) *TimeoutScope {
	if ctx == nil {
		return nil
	}
	s, _ := ctx.Value(timeoutKey{}).(*TimeoutScope)
	return s
}

// When is the deadline in loop time, or NoDeadline.
func (s *TimeoutScope) When() time.Duration { return s.when }

// Expired reports whether the deadline passed while body ran.
func (s *TimeoutScope) Expired() bool {
	return s.state == timeoutExpiring || s.state == timeoutExpired
}

// Reschedule moves the deadline to when (loop time; NoDeadline for none).
// A deadline already past expires on the next iteration. Like asyncio, it
// fails once the timeout has expired or body has returned.
func (s *TimeoutScope) Reschedule(when time.Duration) error {
	if s.state != timeoutEntered {
		return errors.New("core: cannot change the deadline of a " + timeoutStateNames[s.state] + " Timeout")
	}
	s.disarm()
	s.what = "deadline " + when.String()
	s.arm(when)
	return nil
}

func runTimeout(ctx context.Context, t *Task, when time.Duration, what string, body func(ctx context.Context) (any, error)) (any, error) {
	if body == nil {
		return nil, ErrNilCallback
	}
	s := &TimeoutScope{task: t, what: what}
	s.arm(when)
	exited := false
	defer func() {
		if !exited {
			// body panicked: still disarm, and withdraw our cancellation.
			s.disarm()
			if s.state == timeoutExpiring {
				t.Uncancel()
			}
			s.state = timeoutExited
		}
	}()
	res, err := body(&timeoutContext{Context: ctx, scope: s})
	exited = true
	s.disarm()
	if s.state == timeoutExpiring {
		s.state = timeoutExpired
		if t.Uncancel() == 0 && errors.Is(err, ErrCancelled) {
			return nil, &TimeoutError{Msg: "the body did not finish within " + s.what, Cause: err}
		}
		return res, err
	}
	s.state = timeoutExited
	return res, err
}

// arm sets the deadline's callback: queued at once like call_soon when the
// deadline is already past, as asyncio does.
func (s *TimeoutScope) arm(when time.Duration) {
	s.when = when
	if when == NoDeadline {
		return
	}
	l := s.task.loop
	name := "timeout " + s.what
	if when <= l.Time() {
		s.handle = l.internalSoon(name, s.expire)
	} else {
		s.timer = l.internalTimer(when, name, s.expire)
	}
}

// expire is the deadline's callback: it cancels the task running the body.
func (s *TimeoutScope) expire() {
	if s.state != timeoutEntered {
		return
	}
	t := s.task
	l := t.loop
	s.handle, s.timer = nil, nil
	if l.tracer != nil {
		l.emit(KindExpire, t.id, t.Name(), 0, "timeout", "timeout "+s.what+" expired: cancelling task "+quote(t.Name()), 0)
	}
	t.Cancel("")
	s.state = timeoutExpiring
}

func (s *TimeoutScope) disarm() {
	if s.task.loop.closed {
		return // the loop dropped its timers already
	}
	if s.timer != nil {
		s.timer.Cancel()
		s.timer = nil
	}
	if s.handle != nil {
		s.handle.Cancel()
		s.handle = nil
	}
}

func (l *Loop) internalSoon(name string, fn func()) *Handle {
	h := &Handle{fn: fn, loop: l, kind: kindTimer}
	if l.tracer != nil {
		h.id = l.nextID()
	}
	l.pushReady(h)
	if l.tracer != nil {
		l.emit(KindCbSchedule, h.id, name, 0, "soon", "", l.Time())
	}
	return h
}
