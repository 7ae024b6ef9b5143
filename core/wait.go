package core

import (
	"context"
	"errors"
	"strconv"
	"time"
)

// ReturnWhen says when Wait returns (asyncio's return_when).
type ReturnWhen int

const (
	// AllCompleted returns when every awaitable is done (the default).
	AllCompleted ReturnWhen = iota
	// FirstCompleted returns as soon as any awaitable is done.
	FirstCompleted
	// FirstException returns when any awaitable fails with an error, or
	// when all are done. A cancelled awaitable does not count as failing.
	FirstException
)

func (w ReturnWhen) String() string {
	switch w {
	case AllCompleted:
		return "ALL_COMPLETED"
	case FirstCompleted:
		return "FIRST_COMPLETED"
	case FirstException:
		return "FIRST_EXCEPTION"
	}
	return "ReturnWhen(" + strconv.Itoa(int(w)) + ")"
}

// Wait suspends the task until the awaitables are done as when asks
// (asyncio.wait) and splits them into done and pending. It never fails
// because an awaitable failed, and it cancels nothing: read the results
// from the done ones, and cancel or await the pending ones yourself.
// It returns an error only for bad arguments or when the calling task is
// cancelled.
//
// asyncio returns two sets; Wait returns slices in argument order, with a
// repeated awaitable listed once, so a program prints the same every run.
// Like asyncio, it always suspends at least once, even when everything is
// already done.
func Wait(ctx context.Context, aws []Awaitable, when ReturnWhen) (done, pending []Awaitable, err error) {
	return wait(ctx, aws, when, 0, false)
}

// WaitTimeout is Wait that also returns once timeout of loop time has
// passed. Running out of time is not an error: whatever is not done yet is
// returned as pending, still running. NoDeadline means no timeout.
func WaitTimeout(ctx context.Context, aws []Awaitable, when ReturnWhen, timeout time.Duration) (done, pending []Awaitable, err error) {
	return wait(ctx, aws, when, timeout, timeout != NoDeadline)
}

func wait(ctx context.Context, aws []Awaitable, when ReturnWhen, timeout time.Duration, timed bool) (done, pending []Awaitable, err error) {
	t, err := activeTask(ctx)
	if err != nil {
		return nil, nil, err
	}
	if len(aws) == 0 {
		return nil, nil, errors.New("core: Wait: the list of tasks/futures is empty")
	}
	if when < AllCompleted || when > FirstException {
		return nil, nil, errors.New("core: Wait: invalid ReturnWhen value " + strconv.Itoa(int(when)))
	}
	l := t.loop
	if err := checkAwaitables(l, "Wait", aws); err != nil {
		return nil, nil, err
	}
	fs := dedupe(aws)
	name := listName("wait "+when.String(), fs)
	waiter := l.newFuture(name)
	var th *TimerHandle
	if timed {
		th = l.internalTimer(l.Time()+timeout, name+" timeout", func() {
			if waiter.state == statePending {
				if l.tracer != nil {
					l.emit(KindExpire, t.id, t.Name(), waiter.id, "wait", "waited "+timeout.String()+"; returning what is done so far", 0)
				}
				waiter.SetResult(nil)
			}
		})
	}
	counter := len(fs)
	cb := &doneCallback{site: siteWait, fn: func(f *Future) {
		counter--
		failed := false
		if when == FirstException && f.state == stateException {
			f.retrieved() // asyncio reads f.exception() here
			failed = true
		}
		if counter <= 0 || when == FirstCompleted || failed {
			if th != nil {
				th.Cancel()
			}
			if waiter.state == statePending {
				waiter.SetResult(nil)
			}
		}
	}}
	for _, aw := range fs {
		aw.future().add(cb)
	}
	_, err = Await(ctx, waiter)
	if th != nil {
		th.Cancel()
	}
	for _, aw := range fs {
		aw.future().removeCallback(cb)
	}
	if err != nil {
		return nil, nil, err
	}
	for _, aw := range fs {
		if aw.Done() {
			done = append(done, aw)
		} else {
			pending = append(pending, aw)
		}
	}
	return done, pending, nil
}

// dedupe keeps the first occurrence of each future, in order.
func dedupe(aws []Awaitable) []Awaitable {
	if len(aws) < 2 {
		return aws
	}
	seen := make(map[*Future]struct{}, len(aws))
	out := make([]Awaitable, 0, len(aws))
	for _, aw := range aws {
		f := aw.future()
		if _, dup := seen[f]; dup {
			continue
		}
		seen[f] = struct{}{}
		out = append(out, aw)
	}
	return out
}
