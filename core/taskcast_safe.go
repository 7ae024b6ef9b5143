//go:build loopscope_safecast

package core

// Plain pointers from a step handle or wake-up callback to its task, the
// alternative `make bench` measures taskcast_unsafe.go against.

type doneCallback struct {
	fn   func(*Future)
	user bool
	task *Task // set for a task's wake-up
}

func taskOfStep(h *Handle) *Task { return h.fut.task }

func taskOfWake(cb *doneCallback) *Task { return cb.task }

func (t *Task) initWake() { t.wakeCb.task = t }
