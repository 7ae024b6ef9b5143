package runner

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/loopscope/loopscope/core"
)

// The program's time.Sleep is replaced (like fmt.Print*) by one that knows
// where it is called. On the goroutine running a loop's step (a callback or
// a task) it blocks the loop: core's BlockFor, which under the virtual
// clock costs the loop its duration at once and marks the step as blocking.
// Anywhere else (ToThread work, a goroutine of the program, main outside a
// running loop) it is a real sleep, cut short when the run ends.

// stepSide are the functions on the native stack of a loop's step: its
// dispatch (a callback, on the goroutine running the loop) or a task's
// coroutine.
// offloop.go's loopSide but for the interpreter's main goroutine, which
// is not in a step until it runs a loop.
var stepSide = slices.DeleteFunc(slices.Clone(loopSide), func(fn string) bool {
	return !strings.HasPrefix(fn, corePrefix)
})

// inStep reports whether the calling goroutine is running a loop's step.
func inStep() bool {
	var pcs [512]uintptr
	n := runtime.Callers(2, pcs[:])
	for _, pc := range pcs[:n] {
		for _, fn := range funcsAt(pc) {
			if slices.Contains(stepSide, fn) {
				return true
			}
		}
	}
	return false
}

// runningLoop is the innermost loop running now, if any. Only meaningful on
// a goroutine that runs it (inStep).
func (r *run) runningLoop() *core.Loop {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.loops) - 1; i >= 0; i-- {
		if r.loops[i].IsRunning() {
			return r.loops[i]
		}
	}
	return nil
}

// blockingSleep is the program's time.Sleep at pos: inside a loop's step it
// blocks that loop (charged to it at once on the instant clock), elsewhere
// it is a real sleep.
func (r *run) blockingSleep(pos string, d time.Duration) {
	if l := r.runningLoop(); l != nil && inStep() {
		l.SetNextPos(pos)
		l.BlockFor(d)
		l.SetNextPos("")
		return
	}
	r.note(pos, false)
	r.sleep(d)
}

// sleep is a real sleep that the end of the run cuts short: past the wall
// time the run stops with that limit, as a busy loop's does.
func (r *run) sleep(d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.ctx.Done():
		r.mu.Lock()
		if r.ctx.Err() == context.DeadlineExceeded {
			r.stop("wall")
		} else {
			r.abortProgram()
		}
		r.mu.Unlock()
	}
}
