package core

import (
	"runtime"
	"sync/atomic"
)

// One loop runs per goroutine, as asyncio allows one running loop per
// thread. A task body runs on a coroutine of its own goroutine while its
// loop waits for it, so it counts as the loop's goroutine too. A goroutine
// is inside a running loop when its stack holds the loop's dispatch or a
// task body's coroutine: nothing else needs to be tracked per goroutine.

// runningLoops counts the loops inside RunForever in the whole process: when
// none is, no stack needs looking at.
var runningLoops atomic.Int32

// loopFrames are the functions that put a goroutine inside a running loop.
// Keep them in step with how callbacks and task bodies run (loop.go,
// coro.go); TestNestedRunRefused fails when they drift.
var loopFrames = [...]string{corePrefix + "(*Loop).runOnce", corePrefix + "(*coro).bodies.func1"}

// insideRunningLoop reports whether the calling goroutine runs a callback or
// a task body of a running loop.
func insideRunningLoop() bool {
	if runningLoops.Load() == 0 {
		return false
	}
	// A task body's coroutine frame is the outermost one, under a stack an
	// interpreter may make deep: read it whole.
	pcs := make([]uintptr, 128)
	for {
		n := runtime.Callers(2, pcs)
		if n < len(pcs) {
			pcs = pcs[:n]
			break
		}
		pcs = make([]uintptr, 2*len(pcs))
	}
	frames := runtime.CallersFrames(pcs)
	for {
		f, more := frames.Next()
		if f.Function == loopFrames[0] || f.Function == loopFrames[1] {
			return true
		}
		if !more {
			return false
		}
	}
}

// checkRunnable is asyncio's _check_closed and _check_running: whether l
// may start running here.
func (l *Loop) checkRunnable() error {
	switch {
	case l.closed:
		return ErrLoopClosed
	case l.running:
		return ErrLoopRunning
	case insideRunningLoop():
		return ErrAnotherLoopRunning
	}
	return nil
}
