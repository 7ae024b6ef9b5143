//go:build loopscope_precompiled

package runner

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/loopscope/loopscope/core"
)

// Built with -tags loopscope_precompiled, the runner has no interpreter: it
// runs the examples compiled into the build (wasm/precompiled), for a page
// whose program is an example, unchanged. That build is a fraction of the
// interpreter's size and starts in a fraction of its time. Everything a
// run reports goes through the same code as an interpreted run's (run.go):
// the trace, the output's attribution, limits, failures.

// Programs are the precompiled examples' main functions by their source
// text; the build's main sets them.
var Programs map[string]func()

// compiledPrefix begins the names of the precompiled examples' functions.
const compiledPrefix = "github.com/loopscope/loopscope/wasm/precompiled/examples/"

type engine struct{}

func newEngine() engine { return engine{} }

func prepareEngine() {}

// abandoned: a run ended (wall limit) while its program was still running,
// which compiled Go cannot stop from outside; this instance runs nothing
// more (the page replaces the worker after such a run, runner-client.ts).
var abandoned bool

// Format needs go/format, which this build leaves out (the page formats
// with the interpreter's build).
func Format(string) (string, error) {
	return "", errors.New("formatting needs the interpreter's runner")
}

// PrepareStep has nothing to prepare: the programs are compiled.
func PrepareStep(string) bool { return false }

func (r *run) engineOptions() []core.Option {
	return []core.Option{core.WithPosFunc(compiledPos), core.WithPanicUnwrap(r.notePanic), core.WithBlockingSleep(r.sleep)}
}

// abortProgram cannot stop compiled code: the run stops recording it
// (r.stopped) and execute stops waiting for it.
func (r *run) abortProgram() {}

// beforeCallback: compiled, a panic's line is read from its stack.
func (r *run) beforeCallback() {}

// compiledPanic is a panic that reached the top of a precompiled program.
type compiledPanic struct{ value, stack string }

func (p *compiledPanic) Error() string { return p.value }

func (r *run) classifyError(err error) {
	var p *compiledPanic
	if errors.As(err, &p) {
		r.panicked(p.value, p.stack)
		return
	}
	r.outcome, r.message = OutcomeError, err.Error()
}

func (r *run) execute(ctx context.Context) {
	main := Programs[r.req.Source]
	switch {
	case main == nil:
		r.outcome, r.message = OutcomeError, NotPrecompiled
		return
	case abandoned:
		r.outcome, r.message = OutcomeError, "the last program is still running in this runner"
		return
	}
	runCtx, cancel := r.begin(ctx)
	defer cancel()
	core.DefaultOptions = r.loopOptions
	defer func() { core.DefaultOptions = nil }()
	compiledRun.Store(r)
	defer compiledRun.Store(nil)

	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if p := r.runCompiled(main); p != nil {
			err = p
		}
	}()
	select {
	case <-done:
	case <-runCtx.Done():
		// As the interpreter's run when its context ends: what the program
		// does from now on is not its run.
		r.mu.Lock()
		if !r.stopped {
			r.stopped = true
			r.cutAt = r.current()
		}
		r.mu.Unlock()
		select {
		case <-done:
		default:
			abandoned = true
			r.classify(ctx, nil)
			return
		}
	}
	r.flush()
	r.classify(ctx, err)
}

// runCompiled runs the program's main on this goroutine (offloop.go's
// loopSide names it: the program's main goroutine), with the panic that
// reached its top, if any, as the interpreter reports one.
func (r *run) runCompiled(main func()) (p *compiledPanic) {
	defer func() {
		if v := recover(); v != nil {
			// Still on the panicking goroutine's stack: its program frames.
			p = &compiledPanic{value: fmt.Sprint(v), stack: compiledStack()}
		}
	}()
	main()
	return nil
}

// notePanic is core's panic unwrap: it notes where each panic core
// recovers from was raised (the interpreter's panic hook does that in
// run_interp.go), and leaves the value as it is.
func (r *run) notePanic(v any) any {
	if line := raisedLine(); line > 0 {
		r.mu.Lock()
		if len(r.panics) < 100 {
			r.panics = append(r.panics, seenPanic{text: fmt.Sprint(v), line: line})
		}
		r.mu.Unlock()
	}
	return v
}

// programFrame: f is the example's code (main.go of a precompiled package).
func programFrame(f runtime.Frame) bool {
	return strings.HasPrefix(f.Function, compiledPrefix) && filepath.Base(f.File) == fileName
}

// raisedLine is the innermost program line on the stack of a panic being
// recovered: where it was raised.
func raisedLine() int {
	var pcs [128]uintptr
	n := runtime.Callers(3, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if programFrame(f) {
			return f.Line
		}
		if !more {
			return 0
		}
	}
}

// compiledStack is the program's part of a panicking goroutine's stack as
// the interpreter prints it: each function of main.go with its line, under
// package main's names.
func compiledStack() string {
	var pcs [128]uintptr
	n := runtime.Callers(3, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	out := []string{"goroutine 1 [running]:"}
	for {
		f, more := frames.Next()
		if programFrame(f) {
			name := strings.TrimPrefix(f.Function, compiledPrefix)
			if i := strings.IndexByte(name, '.'); i >= 0 {
				name = "main" + name[i:]
			}
			name = strings.Replace(name, "main.loopscopeMain", "main.main", 1)
			out = append(out, name+"()", "\t"+fileName+":"+strconv.Itoa(f.Line))
		}
		if !more {
			return strings.Join(out, "\n")
		}
	}
}

// compiledPos is the loop's position function for a precompiled program:
// core's own stack walk (the first frame outside core, none when the
// loop's dispatch comes first), which also steps over the runner and the
// example's renamed print and sleep functions.
// Each event asks, so what a return address says is worked out once
// (posSteps): reading a frame's function, file and line from the binary's
// tables is the costly part: all Go examples ran in 2.2 ms natively with
// the old walk, 1.3 ms with this (BenchmarkExamplesPrecompiled), and in
// the browser runtime.Frames.Next no longer gets hot enough for V8 to
// recompile it with its optimizing compiler during a cold start (30-100
// ms of a background thread).
// The walk usually stops within a few frames: the stack is read 16 frames
// at first (unwinding each frame is work too), all 64 only when that was
// not enough.
func compiledPos() string {
	var few [16]uintptr
	n := runtime.Callers(3, few[:])
	if pos, found := walkPos(few[:n]); found || n < len(few) {
		return pos
	}
	var pcs [64]uintptr
	pos, _ := walkPos(pcs[:runtime.Callers(3, pcs[:])])
	return pos
}

// walkPos is compiledPos's answer from the return addresses pcs, and
// whether one of them gave it.
func walkPos(pcs []uintptr) (pos string, found bool) {
	posSteps.Lock()
	defer posSteps.Unlock()
	for _, pc := range pcs {
		if st := posStepOf(pc); st.stop {
			return st.pos, true
		}
	}
	return "", false
}

// posStep is what compiledPos does at one return address: go on to the
// caller, or stop with pos ("" for none).
type posStep struct {
	stop bool
	pos  string
}

var posSteps struct {
	sync.Mutex
	of map[uintptr]posStep
}

// posStepOf is the step at pc (posSteps locked).
func posStepOf(pc uintptr) posStep {
	if st, ok := posSteps.of[pc]; ok {
		return st
	}
	if posSteps.of == nil {
		posSteps.of = map[uintptr]posStep{}
	}
	// runtime.Callers gives one address per frame, inlined ones included,
	// so the first frame of an address alone is its frame in the walk.
	f, _ := runtime.CallersFrames([]uintptr{pc}).Next()
	st := framePosStep(f)
	posSteps.of[pc] = st
	return st
}

func framePosStep(f runtime.Frame) posStep {
	fn := f.Function
	switch {
	case fn == corePrefix+"(*Loop).runOnce", strings.HasPrefix(fn, "fmt."):
		return posStep{stop: true}
	case strings.HasPrefix(fn, corePrefix), strings.HasPrefix(fn, runnerPrefix), strings.HasPrefix(fn, "runtime."),
		strings.HasPrefix(fn, "iter."), filepath.Base(f.File) == hooksFile:
		return posStep{}
	case f.File == "":
		return posStep{stop: true}
	}
	return posStep{stop: true, pos: filepath.Base(f.File) + ":" + strconv.Itoa(f.Line)}
}

// hooksFile is the generated file of a precompiled example that holds its
// renamed print and sleep functions.
const hooksFile = "zz_loopscope.go"
