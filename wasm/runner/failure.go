package runner

import (
	"strconv"
	"strings"

	"github.com/loopscope/loopscope/core"
)

// A program can run to its end and still have failed: Run or
// RunUntilComplete returned a task's error (loop.fail; a cancellation is
// not a failure), a task's error was never retrieved, or a callback panicked (the loop went on, as asyncio's
// does, but the program is broken). Such a run's outcome is "failed", its
// message names the task or callback and, for a panic, the program line
// it happened at (as `go run` prints a panic).

// failure is the message of a run that failed, or "" (r.mu not held).
func (r *run) failure() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.events {
		ev := &r.events[i]
		switch {
		case ev.Kind == core.KindLoopFail:
			if msg := r.failedTask(ev); msg != "" {
				return msg
			}
		case ev.Kind == core.KindDiag && ev.Detail == "unretrieved":
			return ev.Value
		}
	}
	return ""
}

// failedTask describes the error a loop run returned: from the task it
// started in (the first that ended with that error), so a panic three
// awaits down is named where it happened.
func (r *run) failedTask(fail *core.Event) string {
	if fail.Detail == "cancelled" {
		return "" // a cancellation is how a program ends work it no longer wants
	}
	name, what := fail.Name, "future "
	if r.stepName(fail.ID) == "task "+strconv.Quote(fail.Name) {
		what = "task "
	}
	for i := range r.events {
		ev := &r.events[i]
		if ev.Kind == core.KindTaskDone && ev.Detail == "exception" && ev.Value == fail.Value {
			name, what = ev.Name, "task "
			break
		}
	}
	if v, ok := strings.CutPrefix(fail.Value, "panic: "); ok {
		return what + strconv.Quote(name) + " panicked" + r.panicAt(v) + ": " + v
	}
	return what + strconv.Quote(name) + " failed: " + fail.Value
}

// panicAt is " at main.go:N" for the panic with this value the interpreter
// saw being raised in the program, or "".
func (r *run) panicAt(value string) string {
	if p, ok := r.seen(strings.TrimPrefix(value, "panic: ")); ok {
		return " at " + fileName + ":" + strconv.Itoa(p.line)
	}
	return ""
}

// seen finds the raised panic whose text is value.
func (r *run) seen(value string) (seenPanic, bool) {
	for _, p := range r.panics {
		if p.text == value || strings.TrimPrefix(p.text, "runtime error: ") == strings.TrimPrefix(value, "runtime error: ") {
			return p, true
		}
	}
	return seenPanic{}, false
}

// callbackPanic is the note an ok run's message gets when a callback
// panicked, or "" (r.mu not held).
func (r *run) callbackPanic() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.events {
		if ev := &r.events[i]; ev.Kind == core.KindCbPanic {
			return "; a callback panicked" + r.panicAt(ev.Value) + ": " + ev.Value + " (the loop went on)"
		}
	}
	return ""
}
