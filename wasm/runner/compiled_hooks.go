package runner

import (
	"path/filepath"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"
)

// A precompiled example (wasm/precompiled: the examples compiled into the
// runner build for unchanged programs) has its fmt.Print* and time.Sleep
// renamed on the same lines, as NativeProgram does, to functions of its
// own package that call Print and Sleep here: what the interpreter's
// registered fmt and time.Sleep do, at the line of the program's call.

// NotPrecompiled is the message of a run whose program the precompiled build
// does not hold: the page then runs it with the interpreter.
const NotPrecompiled = "not precompiled: this runner runs the examples, unchanged"

// compiledRun is the run of the precompiled program in progress, if any.
var compiledRun atomic.Pointer[run]

// Print takes what a precompiled program printed; its caller is the
// program's print function, called at the program's line.
func Print(s string) {
	if r := compiledRun.Load(); r != nil {
		r.print(callerPos(3), []byte(s))
	}
}

// Sleep is a precompiled program's time.Sleep (blocking.go): on a loop's
// step it blocks the loop, elsewhere it is a real sleep the run cuts short.
func Sleep(d time.Duration) {
	r := compiledRun.Load()
	if r == nil {
		time.Sleep(d)
		return
	}
	r.blockingSleep(callerPos(3), d)
}

// callerPos is "main.go:12", the file and line skip frames up (as
// runtime.Caller counts them).
func callerPos(skip int) string {
	_, file, line, ok := runtime.Caller(skip)
	if !ok {
		return ""
	}
	return filepath.Base(file) + ":" + strconv.Itoa(line)
}
