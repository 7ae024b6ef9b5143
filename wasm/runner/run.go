package runner

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/loopscope/loopscope/core"
)

// runMu serializes runs: core.DefaultOptions is process-wide.
var runMu sync.Mutex

// eventHook, set by tests only, sees every event kept with the loop that
// made it, while that loop is inside its emit (loopstate_test.go reads the
// loop's real state there).
var eventHook func(l *core.Loop, ev *core.Event)

const fileName = "main.go"

// run is the state of one Run.
type run struct {
	req    Request
	lim    Limits
	engine // how the program runs: interpreted (run_interp.go) or precompiled

	mu       sync.Mutex // output can come from ToThread goroutines
	events   []core.Event
	output   []Line
	outBytes int
	partial  []byte // output not yet ended by a newline
	loops    []*core.Loop
	stuck    string
	limit    string
	stopped  bool
	cancel   context.CancelFunc
	diags    []Diagnostic
	outcome  string
	message  string
	panicPos string
	ticks    atomic.Uint64 // loop iterations, counted by every goroutine of the program
	deadline time.Time
	ctx      context.Context
	panics   []seenPanic

	// Where the program is (running.go), r.mu held.
	runningID uint64
	steps     uint64
	at        where
	atSent    time.Time
	cutAt     where // where it was when it was stopped
}

// seenPanic is where the interpreter raised a panic, kept to point at the
// program line when a task dies of it (core turns it into the task's error).
type seenPanic struct {
	text      string
	line, col int
}

// taskPanics adds a diagnostic for each task or callback that ended with a
// panic the interpreter saw being raised: the editor marks its line.
func (r *run) taskPanics() {
	said := map[string]bool{} // a panic passed up through awaits: marked once
	for _, ev := range r.events {
		var who, text string
		switch {
		case ev.Kind == core.KindTaskDone && ev.Detail == "exception" && strings.HasPrefix(ev.Value, "panic: "):
			who, text = "task "+strconv.Quote(ev.Name), strings.TrimPrefix(ev.Value, "panic: ")
		case ev.Kind == core.KindCbPanic:
			who, text = "a callback", ev.Value
		default:
			continue
		}
		if p, ok := r.seen(text); ok && !said[text] {
			said[text] = true
			r.diags = append(r.diags, Diagnostic{Line: p.line, Col: p.col, Message: who + " panicked: " + text})
		}
	}
}

func newRun(req Request, lim Limits) *run {
	r := &run{req: req, lim: lim}
	r.engine = newEngine()
	return r
}

// stop ends the program because a limit was hit.
func (r *run) stop(limit string) {
	if r.stopped {
		return
	}
	r.stopped = true
	r.limit = limit
	r.cutAt = r.current()
	// Abort directly too: on wasm the goroutine watching the context may
	// never run while the program spins.
	r.abortProgram()
	if r.cancel != nil {
		r.cancel()
	}
}

// Event implements core.Tracer: keep the event, check the limits.
func (r *run) Event(ev *core.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return
	}
	if len(r.events) >= r.lim.Events || (r.virtual() && ev.Time > time.Duration(r.lim.VirtualMS)*time.Millisecond) {
		if ev.Pos != "" {
			r.at = where{pos: ev.Pos, in: r.runningID, step: r.steps}
		}
		if len(r.events) >= r.lim.Events {
			r.stop("events")
		} else {
			r.stop("virtual")
		}
		return
	}
	if len(r.events)&1023 == 1023 && !r.deadline.IsZero() && time.Now().After(r.deadline) {
		// A program that never blocks and has no loop of its own (a chain
		// of callbacks) gives the wall-time timer no chance to fire on
		// wasm, nor the loop ticks a look at the clock: its events do.
		r.stop("wall")
		return
	}
	r.track(ev)
	if ev.Kind == core.KindCbBegin {
		r.beforeCallback()
	}
	if ev.Kind == core.KindDiag && ev.Detail == "slow" && ev.Pos == "" && r.at.step == r.steps {
		ev.Pos = r.at.pos // the line the slow step was last seen running
	}
	r.events = append(r.events, *ev)
	if eventHook != nil && len(r.loops) > 0 {
		eventHook(r.loops[len(r.loops)-1], ev)
	}
	switch ev.Kind {
	case core.KindOutput:
		r.output = append(r.output, Line{Text: ev.Value, In: ev.In, Seq: ev.Seq})
	case core.KindDiag:
		if ev.Detail == "stuck" {
			r.stuck = ev.Value
		}
	}
	if r.req.OnMessage != nil {
		e := *ev
		if ev.Kind == core.KindOutput {
			r.req.OnMessage(Message{Type: "output", Text: ev.Value, In: ev.In, Seq: ev.Seq})
		}
		r.req.OnMessage(Message{Type: "event", Event: &e})
	}
}

func (r *run) virtual() bool { return r.req.Clock != "real" }

// loopOptions are given to every loop the program makes.
func (r *run) loopOptions() []core.Option {
	clock := core.VirtualClock()
	if !r.virtual() {
		clock = core.RealClock()
	}
	opts := []core.Option{
		clock,
		core.WithTracer(r),
		core.WithStderr(&lineWriter{r: r}),
		func(l *core.Loop) {
			r.mu.Lock()
			r.loops = append(r.loops, l)
			r.mu.Unlock()
		},
	}
	// Slow-step reports are shown by the trace (gutter, timeline), not as
	// output lines whose presence would depend on the machine's load.
	opts = append(opts, core.WithExceptionHandler(func(l *core.Loop, c core.ExceptionContext) {
		if !strings.Contains(c.Message, " of real time; while it ran nothing else could") {
			l.DefaultExceptionHandler(c)
		}
	}))
	opts = append(opts, r.engineOptions()...)
	if r.req.SlowMS > 0 {
		opts = append(opts, core.WithDebug(time.Duration(r.req.SlowMS)*time.Millisecond))
	}
	return opts
}

// flush records output not ended by a newline.
func (r *run) flush() {
	r.mu.Lock()
	if len(r.partial) == 0 || r.stopped {
		r.mu.Unlock()
		return
	}
	rest := string(r.partial)
	r.partial = nil
	var l *core.Loop
	if n := len(r.loops); n > 0 {
		l = r.loops[n-1]
	}
	r.mu.Unlock()
	r.line(l, "", rest)
}

// print takes what the program printed at pos (its fmt call).
func (r *run) print(pos string, b []byte) {
	r.mu.Lock()
	if r.stopped {
		r.mu.Unlock()
		return
	}
	if r.outBytes+len(b) > r.lim.OutputBytes {
		if pos != "" {
			r.at = where{pos: pos, in: r.runningID, step: r.steps}
		}
		r.stop("output")
		r.mu.Unlock()
		return
	}
	r.outBytes += len(b)
	r.partial = append(r.partial, b...)
	var lines []string
	for {
		i := bytes.IndexByte(r.partial, '\n')
		if i < 0 {
			break
		}
		lines = append(lines, string(r.partial[:i]))
		r.partial = r.partial[i+1:]
	}
	var l *core.Loop
	if n := len(r.loops); n > 0 {
		l = r.loops[n-1]
	}
	r.mu.Unlock()
	if l != nil && len(lines) > 0 && offLoop() {
		l = nil
	}
	for _, s := range lines {
		r.line(l, pos, s)
	}
}

// line records one line of output: through the loop (so the trace has it,
// attributed to the running task or callback) when there is one and the
// line comes from its goroutine (offloop.go).
func (r *run) line(l *core.Loop, pos, s string) {
	if l == nil {
		// In no step, after the last event so far: step-through playback
		// shows it from there on.
		r.mu.Lock()
		var seq uint64
		if n := len(r.events); n > 0 {
			seq = r.events[n-1].Seq
		}
		r.output = append(r.output, Line{Text: s, Seq: seq})
		r.mu.Unlock()
		if r.req.OnMessage != nil {
			r.req.OnMessage(Message{Type: "output", Text: s, Seq: seq})
		}
		return
	}
	l.SetNextPos(pos)
	l.Output(s)
	l.SetNextPos("")
}

// lineWriter turns core's stderr (the default exception handler) into output.
type lineWriter struct{ r *run }

func (w *lineWriter) Write(b []byte) (int, error) {
	n := len(b)
	if bytes.HasPrefix(b, []byte("goroutine ")) && bytes.Contains(b, []byte("runtime/debug.Stack()")) {
		// A panic's stack as core took it: the interpreter's own Go
		// frames, which say nothing about the program. Its line does.
		b = w.r.panicLine()
	}
	w.r.print("", b)
	return n, nil
}

// panicLine is where the program last panicked, as a stack line.
func (r *run) panicLine() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.panics) == 0 {
		return nil
	}
	p := r.panics[len(r.panics)-1]
	return []byte("\tat " + fileName + ":" + strconv.Itoa(p.line) + "\n")
}

// classify turns how the interpreter returned into the outcome.
func (r *run) classify(ctx context.Context, err error) {
	switch {
	case r.limit != "":
		r.outcome = OutcomeLimit
		r.message = r.cutShort(limitMessage(r.limit, r.lim))
	case ctx.Err() == context.DeadlineExceeded:
		r.outcome, r.limit = OutcomeLimit, "wall"
		r.message = r.cutShort(limitMessage("wall", r.lim))
	case ctx.Err() != nil:
		r.outcome, r.message = OutcomeError, r.cutShort("stopped")
	case err != nil:
		r.classifyError(err)
	case r.stuck != "":
		r.outcome, r.message = OutcomeDeadlock, r.stuck
	default:
		r.outcome, r.message = OutcomeOK, "the program finished"
		if msg := r.failure(); msg != "" {
			r.outcome, r.message = OutcomeFailed, msg
		} else {
			r.message += r.callbackPanic()
		}
	}
}

// cutShort adds to a stopped run's message what was running, and where.
func (r *run) cutShort(msg string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if d := r.describe(r.cutAt); d != "" {
		return msg + "; " + d
	}
	return msg
}

// limitMessage says which of the playground's limits stopped the program,
// in words a learner reads in the status line; what came before is kept.
func limitMessage(limit string, l Limits) string {
	switch limit {
	case "wall":
		// A worker's first run has a limit stretched by its load time
		// (web/src/first-run.ts): 11.294s is no figure to read.
		d := time.Duration(l.WallMS) * time.Millisecond
		if d >= time.Second {
			d = d.Round(time.Second)
		}
		return fmt.Sprintf("stopped: still running after %v of real time (an endless loop, or a goroutine blocked forever?)", d)
	case "virtual":
		return fmt.Sprintf("stopped: the loop's clock passed %v, the playground's limit", time.Duration(l.VirtualMS)*time.Millisecond)
	case "events":
		return fmt.Sprintf("stopped: the program made more than %s trace events, the playground's limit; the timeline shows them", thousands(l.Events))
	case "output":
		return fmt.Sprintf("stopped: the program printed more than %s, the playground's limit; the output shows what it printed until then", byteSize(l.OutputBytes))
	}
	return "stopped: limit " + limit
}

// thousands writes n with a comma every three digits: 200,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// byteSize is n bytes in the largest whole unit that fits: 1 MB, 64 KB, 300 bytes.
func byteSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + " KB"
	}
	return thousands(n) + " bytes"
}

// panicked reports a panic that reached the top of the program as Go does:
// the value and the goroutine's stack (interpreted frames, program lines)
// go to the output, and the innermost program line becomes a diagnostic.
func (r *run) panicked(value, stack string) {
	msg := "panic: " + strings.TrimPrefix(value, "panic: ")
	r.outcome, r.message = OutcomePanic, msg
	stack = withoutPCOffsets(strings.TrimSpace(stack))
	r.mu.Lock()
	r.output = append(r.output, Line{Text: msg})
	if stack != "" {
		r.output = append(r.output, Line{Text: ""})
		for _, s := range strings.Split(stack, "\n") {
			r.output = append(r.output, Line{Text: s})
		}
	}
	r.mu.Unlock()
	if lineText, colText, ok := firstProgramLine(stack); ok {
		line, _ := strconv.Atoi(lineText)
		col, _ := strconv.Atoi(colText)
		// Like the failed tasks' messages: the line first, so the status
		// says where.
		r.message = "panic at " + fileName + ":" + lineText + ": " + strings.TrimPrefix(msg, "panic: ")
		r.diags = append(r.diags, Diagnostic{Line: line, Col: col, Message: r.message})
	}
}

func (r *run) compileErrorAt(line, col int, msg string) {
	r.diags = append(r.diags, Diagnostic{Line: line, Col: col, Message: msg})
	r.outcome = OutcomeCompileError
	r.message = fmt.Sprintf("%s:%d:%d: %s", fileName, line, col, msg)
}

func (r *run) result() *Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.outcome != OutcomeCompileError {
		r.taskPanics()
	}
	res := &Result{
		Outcome:     r.outcome,
		Message:     r.message,
		Output:      r.output,
		Diagnostics: r.diags,
		Events:      r.events,
		Limit:       r.limit,
	}
	if res.Output == nil {
		res.Output = []Line{}
	}
	if res.Diagnostics == nil {
		res.Diagnostics = []Diagnostic{}
	}
	if res.Events == nil {
		res.Events = []core.Event{}
	}
	return res
}

// begin gives the program's context, ended by Stop, and sets the run's wall
// deadline: the request's limit, or ctx's own if it has one.
func (r *run) begin(ctx context.Context) (context.Context, context.CancelFunc) {
	runCtx, cancel := context.WithCancel(ctx)
	r.cancel = cancel
	r.ctx = ctx
	if d, ok := ctx.Deadline(); ok {
		r.deadline = d
	} else {
		r.deadline = time.Now().Add(time.Duration(r.lim.WallMS) * time.Millisecond)
	}
	return runCtx, cancel
}
