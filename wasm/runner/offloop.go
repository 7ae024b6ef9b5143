package runner

import (
	"runtime"
	"slices"
)

// A program can print from goroutines other than its loop's: the function
// core.ToThread runs, or a goroutine it started with go. Their lines must
// not go through the loop (its trace is the loop goroutine's alone: that
// was a data race) and belong to no step; they go to the output as they
// come, outside the timeline.

const (
	corePrefix   = "github.com/loopscope/loopscope/core."
	runnerPrefix = "github.com/loopscope/loopscope/wasm/runner."
)

// loopSide are functions found on the native stack of code the loop runs:
// the interpreted main goroutine (which runs core.Run's loop), a
// precompiled program's main goroutine, a task's coroutine, or any
// goroutine's loop dispatch.
var loopSide = []string{
	"github.com/goplus/ixgo.(*Context).runInterp",
	runnerPrefix + "(*run).runCompiled",
	corePrefix + "(*coro).bodies.func1",
	corePrefix + "(*Loop).runOnce",
}

// offLoop reports whether the calling goroutine is not one the loop runs on.
// A stack too deep to see its bottom counts as the loop's, as before.
func offLoop() bool {
	var pcs [512]uintptr
	n := runtime.Callers(2, pcs[:])
	if n == len(pcs) {
		return false
	}
	for _, pc := range pcs[:n] {
		for _, fn := range funcsAt(pc) {
			if slices.Contains(loopSide, fn) {
				return false
			}
		}
	}
	return true
}
