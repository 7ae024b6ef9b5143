//go:build !loopscope_safecast

package core

import "unsafe"

// From a step handle or a wake-up callback to its task by address
// arithmetic: both are fields of the Task, so no pointer back is stored.
// `make bench` measures this against the plain pointers of
// taskcast_safe.go (-tags loopscope_safecast), which cost 8 bytes more per
// task (a larger size class) and a load per switch. What breaks it: moving
// stepH from the Task's first field (TestStepHandleFirst) or embedding a
// doneCallback with no fn anywhere but in a Task.

// doneCallback is a callback a future runs when done: fn, or for a task's
// wake-up (fn nil) the task's next step.
type doneCallback struct {
	fn   func(*Future) // nil for a task's wake-up: see taskOfWake
	user bool          // added by the program: traced as a callback of its own
}

// taskOfStep is the task whose step handle h is: stepH is the Task's first
// field, so they share an address.
func taskOfStep(h *Handle) *Task { return (*Task)(unsafe.Pointer(h)) }

// taskOfWake is the task whose wake-up callback cb is (a doneCallback with
// no fn is always a Task's wakeCb).
func taskOfWake(cb *doneCallback) *Task {
	return (*Task)(unsafe.Add(unsafe.Pointer(cb), -int(unsafe.Offsetof(Task{}.wakeCb))))
}

func (t *Task) initWake() {}
