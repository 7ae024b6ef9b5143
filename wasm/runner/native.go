//go:build !loopscope_precompiled

package runner

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	fmtCall   = regexp.MustCompile(`\bfmt\.(Println|Printf|Print)\(`)
	sleepCall = regexp.MustCompile(`\btime\.Sleep\(`)
	mainFunc  = regexp.MustCompile(`(?m)^func main\(\) \{`)
)

// NativeProgram turns a playground program into two files of a native
// package main: the program, with fmt.Print*, time.Sleep and main renamed
// (lines stay where they were), and a shim that runs it under StartNative and writes the
// result as JSON to standard output.
func NativeProgram(src string) (program, shim string, err error) {
	if !mainFunc.MatchString(src) {
		return "", "", fmt.Errorf("no `func main() {` line")
	}
	program = fmtCall.ReplaceAllString(src, "loopscope$1(")
	program = sleepCall.ReplaceAllString(program, "loopscopeSleep(")
	program = mainFunc.ReplaceAllString(program, "func loopscopeMain() {")
	if !strings.HasSuffix(program, "\n") {
		program += "\n"
	}
	if strings.Contains(src, `"fmt"`) {
		program += "\nvar _ = fmt.Sprint\n"
	}
	if strings.Contains(src, `"time"`) {
		program += "\nvar _ = time.Second\n"
	}
	return program, nativeShim, nil
}

// nativeShim runs the renamed program with every loop traced on the
// virtual clock and prints the Result JSON. It imports only core, so the
// native build stays small; its line handling mirrors run.print.
const nativeShim = `package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/loopscope/loopscope/core"
)

type loopscopeLine struct {
	Text string ` + "`json:\"text\"`" + `
	In   uint64 ` + "`json:\"in\"`" + `
	Seq  uint64 ` + "`json:\"seq\"`" + `
}

var (
	loopscopeEvents  []core.Event
	loopscopeOutput  []loopscopeLine
	loopscopeLoops   []*core.Loop
	loopscopePartial []byte
	loopscopeStuck   string
	loopscopePanics  []loopscopePanic
	loopscopeDiags   []map[string]any
)

// loopscopePanic is where a panic was raised in the program: the runner's
// seenPanic, which the interpreter's panic hook gives it.
type loopscopePanic struct {
	text string
	line int
}

type loopscopeTracer struct{}

func (loopscopeTracer) Event(ev *core.Event) {
	loopscopeEvents = append(loopscopeEvents, *ev)
	switch {
	case ev.Kind == core.KindOutput:
		loopscopeOutput = append(loopscopeOutput, loopscopeLine{ev.Value, ev.In, ev.Seq})
	case ev.Kind == core.KindDiag && ev.Detail == "stuck":
		loopscopeStuck = ev.Value
	}
}

type loopscopeStderr struct{}

// Write is the runner's lineWriter: a panic's stack, as core took it, is
// replaced by the program line the panic was raised at.
func (loopscopeStderr) Write(b []byte) (int, error) {
	n := len(b)
	if bytes.HasPrefix(b, []byte("goroutine ")) && bytes.Contains(b, []byte("runtime/debug.Stack()")) {
		b = nil
		if k := len(loopscopePanics); k > 0 {
			b = []byte("\tat main.go:" + strconv.Itoa(loopscopePanics[k-1].line) + "\n")
		}
	}
	loopscopePut("", b)
	return n, nil
}

// loopscopeRaised is the innermost line of the program on the stack of a
// panic being recovered: where it was raised. Called from the deferred
// function that recovered, while the panicking frames are still there.
func loopscopeRaised() int {
	var pcs [128]uintptr
	n := runtime.Callers(2, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if filepath.Base(f.File) == "main.go" {
			return f.Line
		}
		if !more {
			return 0
		}
	}
}

// loopscopeUnwrap notes where each panic core recovers from was raised
// (core calls it at the recover, like the interpreter's panic hook).
func loopscopeUnwrap(r any) any {
	if line := loopscopeRaised(); line > 0 && len(loopscopePanics) < 100 {
		loopscopePanics = append(loopscopePanics, loopscopePanic{fmt.Sprint(r), line})
	}
	return r
}

// loopscopeSeen is the runner's seen: the raised panic whose text is value.
func loopscopeSeen(value string) (loopscopePanic, bool) {
	for _, p := range loopscopePanics {
		if p.text == value || strings.TrimPrefix(p.text, "runtime error: ") == strings.TrimPrefix(value, "runtime error: ") {
			return p, true
		}
	}
	return loopscopePanic{}, false
}

func loopscopePanicAt(value string) string {
	if p, ok := loopscopeSeen(strings.TrimPrefix(value, "panic: ")); ok {
		return " at main.go:" + strconv.Itoa(p.line)
	}
	return ""
}

// loopscopeTaskPanics is the runner's taskPanics: a diagnostic at the line
// of each task or callback that died of a panic.
func loopscopeTaskPanics() {
	said := map[string]bool{}
	for _, ev := range loopscopeEvents {
		var who, text string
		switch {
		case ev.Kind == core.KindTaskDone && ev.Detail == "exception" && strings.HasPrefix(ev.Value, "panic: "):
			who, text = "task "+strconv.Quote(ev.Name), strings.TrimPrefix(ev.Value, "panic: ")
		case ev.Kind == core.KindCbPanic:
			who, text = "a callback", ev.Value
		default:
			continue
		}
		if p, ok := loopscopeSeen(text); ok && !said[text] {
			said[text] = true
			loopscopeDiags = append(loopscopeDiags, map[string]any{"line": p.line, "col": 0, "message": who + " panicked: " + text})
		}
	}
}

// loopscopeCallbackPanic is the runner's callbackPanic.
func loopscopeCallbackPanic() string {
	for _, ev := range loopscopeEvents {
		if ev.Kind == core.KindCbPanic {
			return "; a callback panicked" + loopscopePanicAt(ev.Value) + ": " + ev.Value + " (the loop went on)"
		}
	}
	return ""
}

// loopscopePos is core's own stack walk, also skipping this file.
func loopscopePos() string {
	var pcs [64]uintptr
	n := runtime.Callers(3, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		fn := f.Function
		switch {
		case fn == "github.com/loopscope/loopscope/core.(*Loop).runOnce", strings.HasPrefix(fn, "fmt."):
			// The loop's dispatch, or core printing an exception (the
			// program's own fmt calls are renamed): no program line.
			return ""
		case strings.HasPrefix(fn, "github.com/loopscope/loopscope/core."), strings.HasPrefix(fn, "runtime."),
			strings.HasPrefix(fn, "iter."), filepath.Base(f.File) == "zz_loopscope_native.go":
		default:
			if f.File == "" {
				return ""
			}
			return filepath.Base(f.File) + ":" + strconv.Itoa(f.Line)
		}
		if !more {
			return ""
		}
	}
}

func init() {
	clock := core.VirtualClock()
	if os.Getenv("LOOPSCOPE_CLOCK") == "real" {
		clock = core.RealClock()
	}
	core.DefaultOptions = func() []core.Option {
		return []core.Option{clock, core.WithTracer(loopscopeTracer{}), core.WithStderr(loopscopeStderr{}),
			func(l *core.Loop) { loopscopeLoops = append(loopscopeLoops, l) },
			core.WithPosFunc(loopscopePos), core.WithPanicUnwrap(loopscopeUnwrap)}
	}
}

func loopscopePut(pos string, b []byte) {
	loopscopePartial = append(loopscopePartial, b...)
	for {
		i := bytes.IndexByte(loopscopePartial, '\n')
		if i < 0 {
			return
		}
		loopscopeLine1(pos, string(loopscopePartial[:i]))
		loopscopePartial = loopscopePartial[i+1:]
	}
}

func loopscopeLine1(pos, s string) {
	if len(loopscopeLoops) == 0 {
		loopscopeOutput = append(loopscopeOutput, loopscopeLine{Text: s})
		return
	}
	l := loopscopeLoops[len(loopscopeLoops)-1]
	l.SetNextPos(pos)
	l.Output(s)
	l.SetNextPos("")
}

// loopscopeSleep is the runner's time.Sleep (blocking.go): on a loop's
// step it blocks the loop (core's BlockFor), anywhere else it sleeps.
func loopscopeSleep(d time.Duration) {
	if l := loopscopeRunning(); l != nil && loopscopeInStep() {
		l.SetNextPos(loopscopeCaller())
		l.BlockFor(d)
		l.SetNextPos("")
		return
	}
	time.Sleep(d)
}

func loopscopeRunning() *core.Loop {
	for i := len(loopscopeLoops) - 1; i >= 0; i-- {
		if loopscopeLoops[i].IsRunning() {
			return loopscopeLoops[i]
		}
	}
	return nil
}

func loopscopeInStep() bool {
	var pcs [512]uintptr
	n := runtime.Callers(2, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		switch f.Function {
		case "github.com/loopscope/loopscope/core.(*coro).bodies.func1",
			"github.com/loopscope/loopscope/core.(*Loop).runOnce":
			return true
		}
		if !more {
			return false
		}
	}
}

func loopscopeCaller() string {
	_, file, line, ok := runtime.Caller(2)
	if !ok {
		return ""
	}
	return filepath.Base(file) + ":" + strconv.Itoa(line)
}

func loopscopePrintln(a ...any) (int, error) {
	s := fmt.Sprintln(a...)
	loopscopePut(loopscopeCaller(), []byte(s))
	return len(s), nil
}

func loopscopePrint(a ...any) (int, error) {
	s := fmt.Sprint(a...)
	loopscopePut(loopscopeCaller(), []byte(s))
	return len(s), nil
}

func loopscopePrintf(format string, a ...any) (int, error) {
	s := fmt.Sprintf(format, a...)
	loopscopePut(loopscopeCaller(), []byte(s))
	return len(s), nil
}

// loopscopeFailure mirrors the runner's failure.go.
func loopscopeFailure() string {
	for _, ev := range loopscopeEvents {
		switch {
		case ev.Kind == core.KindDiag && ev.Detail == "unretrieved":
			return ev.Value
		case ev.Kind == core.KindLoopFail:
			if ev.Detail == "cancelled" {
				continue
			}
			name, what := ev.Name, "future "
			for _, d := range loopscopeEvents {
				if d.Kind == core.KindTaskCreate && d.ID == ev.ID {
					what = "task "
				}
			}
			for _, d := range loopscopeEvents {
				if d.Kind == core.KindTaskDone && d.Detail == "exception" && d.Value == ev.Value {
					name, what = d.Name, "task "
					break
				}
			}
			if v, ok := strings.CutPrefix(ev.Value, "panic: "); ok {
				return what + strconv.Quote(name) + " panicked" + loopscopePanicAt(v) + ": " + v
			}
			return what + strconv.Quote(name) + " failed: " + ev.Value
		}
	}
	return ""
}

// loopscopeStack is the program's part of the panicking goroutine's
// stack, as the interpreter prints it (run.panicked): each function of
// main.go with its line, main under its own name.
func loopscopeStack() []string {
	var pcs [128]uintptr
	n := runtime.Callers(3, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	out := []string{"goroutine 1 [running]:"}
	for {
		f, more := frames.Next()
		if filepath.Base(f.File) == "main.go" {
			fn := strings.Replace(f.Function, "main.loopscopeMain", "main.main", 1)
			out = append(out, fn+"()", "\tmain.go:"+strconv.Itoa(f.Line))
		}
		if !more {
			return out
		}
	}
}

func main() {
	var panicked any
	var stack []string
	line := 0
	func() {
		defer func() {
			if panicked = recover(); panicked != nil {
				line, stack = loopscopeRaised(), loopscopeStack()
			}
		}()
		loopscopeMain()
	}()
	if len(loopscopePartial) > 0 {
		loopscopeLine1("", string(loopscopePartial))
	}
	outcome, message := "ok", "the program finished"
	switch {
	case panicked != nil:
		// As run.panicked: the value and the stack to the output, the
		// line to the message and a diagnostic.
		outcome, message = "panic", fmt.Sprintf("panic: %v", panicked)
		loopscopeOutput = append(loopscopeOutput, loopscopeLine{Text: message}, loopscopeLine{})
		for _, s := range stack {
			loopscopeOutput = append(loopscopeOutput, loopscopeLine{Text: s})
		}
		if line > 0 {
			message = "panic at main.go:" + strconv.Itoa(line) + ": " + strings.TrimPrefix(message, "panic: ")
			loopscopeDiags = append(loopscopeDiags, map[string]any{"line": line, "col": 0, "message": message})
		}
	case loopscopeStuck != "":
		outcome, message = "deadlock", loopscopeStuck
	default:
		if msg := loopscopeFailure(); msg != "" {
			outcome, message = "failed", msg
		} else {
			message += loopscopeCallbackPanic()
		}
	}
	loopscopeTaskPanics()
	if loopscopeDiags == nil {
		loopscopeDiags = []map[string]any{}
	}
	if loopscopeOutput == nil {
		loopscopeOutput = []loopscopeLine{}
	}
	if loopscopeEvents == nil {
		loopscopeEvents = []core.Event{}
	}
	b, err := json.Marshal(map[string]any{"outcome": outcome, "message": message,
		"output": loopscopeOutput, "diagnostics": loopscopeDiags, "events": loopscopeEvents})
	if err != nil {
		panic(err)
	}
	os.Stdout.Write(b)
}
`
