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
)

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

func (loopscopeStderr) Write(b []byte) (int, error) { loopscopePut("", b); return len(b), nil }

// loopscopePos is core's own stack walk, also skipping this file.
func loopscopePos() string {
	var pcs [64]uintptr
	n := runtime.Callers(3, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		fn := f.Function
		switch {
		case fn == "github.com/loopscope/loopscope/core.(*Loop).runOnce":
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
			core.WithPosFunc(loopscopePos)}
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

// loopscopeFailure mirrors the runner's failure.go, without the panics'
// lines (the interpreter's panic hook tells those).
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
				return what + strconv.Quote(name) + " panicked: " + v
			}
			return what + strconv.Quote(name) + " failed: " + ev.Value
		}
	}
	return ""
}

func main() {
	var panicked any
	func() {
		defer func() { panicked = recover() }()
		loopscopeMain()
	}()
	if len(loopscopePartial) > 0 {
		loopscopeLine1("", string(loopscopePartial))
	}
	outcome, message := "ok", "the program finished"
	switch {
	case panicked != nil:
		outcome, message = "panic", fmt.Sprintf("panic: %v", panicked)
	case loopscopeStuck != "":
		outcome, message = "deadlock", loopscopeStuck
	default:
		if msg := loopscopeFailure(); msg != "" {
			outcome, message = "failed", msg
		}
	}
	if loopscopeOutput == nil {
		loopscopeOutput = []loopscopeLine{}
	}
	if loopscopeEvents == nil {
		loopscopeEvents = []core.Event{}
	}
	b, err := json.Marshal(map[string]any{"outcome": outcome, "message": message,
		"output": loopscopeOutput, "diagnostics": []any{}, "events": loopscopeEvents})
	if err != nil {
		panic(err)
	}
	os.Stdout.Write(b)
}
`
