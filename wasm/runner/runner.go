// Package runner runs a Go program (package main) that uses core inside the
// ixgo interpreter and returns what it printed, the trace of every loop it
// made and how it ended. It is platform-independent: the playground's wasm
// build and the native CLI and tests use the same code.
package runner

import (
	"context"
	"time"

	"github.com/loopscope/loopscope/core"
)

// Request is one program to run.
type Request struct {
	Source string `json:"source"` // the program: package main
	Clock  string `json:"clock"`  // "virtual" (default) or "real"
	Limits Limits `json:"limits"` // zero fields = defaults
	// SlowMS, when > 0, reports every callback or task step that takes
	// longer than this many ms of real time (core's debug mode): a diag
	// "slow" event at the line it was last seen running. The playground
	// and cmd/run ask for 50.
	SlowMS    int64         `json:"slowMs,omitempty"`
	OnMessage func(Message) `json:"-"` // optional: output and events as they happen
}

// Limits bound a run. Exceeding one stops the program; what it printed and
// traced until then is kept.
type Limits struct {
	WallMS      int64 `json:"wallMs,omitempty"`      // real time for the whole run
	VirtualMS   int64 `json:"virtualMs,omitempty"`   // loop time (virtual clock)
	Events      int   `json:"events,omitempty"`      // trace events kept
	OutputBytes int   `json:"outputBytes,omitempty"` // bytes of output
}

// DefaultLimits are used for zero fields of Request.Limits.
var DefaultLimits = Limits{
	WallMS:      10_000,
	VirtualMS:   24 * 3600 * 1000,
	Events:      200_000,
	OutputBytes: 1 << 20,
}

func (l Limits) withDefaults() Limits {
	if l.WallMS <= 0 {
		l.WallMS = DefaultLimits.WallMS
	}
	if l.VirtualMS <= 0 {
		l.VirtualMS = DefaultLimits.VirtualMS
	}
	if l.Events <= 0 {
		l.Events = DefaultLimits.Events
	}
	if l.OutputBytes <= 0 {
		l.OutputBytes = DefaultLimits.OutputBytes
	}
	return l
}

// Outcomes of a run.
const (
	OutcomeOK           = "ok"
	OutcomeCompileError = "compile-error"
	OutcomePanic        = "panic"
	OutcomeError        = "error"
	OutcomeDeadlock     = "deadlock"
	OutcomeFailed       = "failed" // ran to its end, but a task's error ended it (returned by Run, or never retrieved)
	OutcomeLimit        = "limit"
	OutcomeCrash        = "crash" // set by the JS side when the wasm instance dies
)

// Result is how a run ended, with everything it produced.
type Result struct {
	Outcome     string       `json:"outcome"`
	Message     string       `json:"message"`
	Output      []Line       `json:"output"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	Events      []core.Event `json:"events"`
	Limit       string       `json:"limit,omitempty"` // wall | virtual | events | output
}

// Line is one line the program printed, attributed to the task or callback
// running at the time (In), with the sequence number of its trace event.
type Line struct {
	Text string `json:"text"`
	In   uint64 `json:"in"`
	Seq  uint64 `json:"seq"`
}

// Diagnostic points at a line of the program: a compile error or where a
// panic happened.
type Diagnostic struct {
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

// Message is streamed to Request.OnMessage while the program runs.
type Message struct {
	Type  string      `json:"type"` // "output", "event" or "running"
	Text  string      `json:"text,omitempty"`
	In    uint64      `json:"in,omitempty"`
	Seq   uint64      `json:"seq,omitempty"`
	Pos   string      `json:"pos,omitempty"`
	Event *core.Event `json:"event,omitempty"`
}

// MarshalJSON gives exactly the contract's three shapes:
// {"type":"output","text","in","seq"}, {"type":"event","event"} and
// {"type":"running","in","pos","seq"} (a long step is at pos: what Stop
// names, since a stopped worker says nothing more).
func (m Message) MarshalJSON() ([]byte, error) {
	// Room for a typical event: growing from nil took five allocations.
	return m.AppendJSON(make([]byte, 0, 160)), nil
}

// JSON is the result as the playground receives it.
func (r *Result) JSON() []byte {
	// About 100 bytes an event: one allocation for most results.
	return r.AppendJSON(make([]byte, 0, 256+100*len(r.Events)))
}

// Run runs req.Source: interpreted, or precompiled in the build for
// unchanged examples (run_precompiled.go). Runs are serialized: core's default-options
// hook is process-wide.
func Run(ctx context.Context, req Request) *Result {
	runMu.Lock()
	defer runMu.Unlock()
	prepareEngine()
	lim := req.Limits.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, time.Duration(lim.WallMS)*time.Millisecond)
	defer cancel()
	r := newRun(req, lim)
	r.execute(ctx)
	return r.result()
}

// ErrorResult is a result for a request that could not run at all.
func ErrorResult(message string) *Result {
	return &Result{Outcome: OutcomeError, Message: message, Output: []Line{},
		Diagnostics: []Diagnostic{}, Events: []core.Event{}}
}
