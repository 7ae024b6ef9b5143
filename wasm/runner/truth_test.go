package runner

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/loopscope/loopscope/core"
)

// The programs of testdata/truth say what really happened: blocking costs
// loop time, failures end as failures with their line, a cancellation
// ignored is pointed at. TestTruthInWasm (wasm/playground) checks that the
// wasm runner gives the same results as these native runs.

func truthRun(t *testing.T, name string) *Result {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "truth", name+".go"))
	if err != nil {
		t.Fatal(err)
	}
	return Run(context.Background(), Request{Source: string(src)})
}

func eventsOf(r *Result, kind core.Kind, detail string) []core.Event {
	var evs []core.Event
	for _, ev := range r.Events {
		if ev.Kind == kind && (detail == "" || ev.Detail == detail) {
			evs = append(evs, ev)
		}
	}
	return evs
}

func outputTexts(r *Result) []string {
	var s []string
	for _, l := range r.Output {
		s = append(s, l.Text)
	}
	return s
}

// time.Sleep in a task step or a callback blocks the loop: its clock jumps
// by the duration at once and the step is marked; in ToThread work it
// takes real time and marks nothing.
func TestTruthBlocking(t *testing.T) {
	began := time.Now()
	r := truthRun(t, "block")
	if r.Outcome != OutcomeOK {
		t.Fatalf("%s: %s", r.Outcome, r.Message)
	}
	if d := time.Since(began); d > 5*time.Second {
		t.Fatalf("an hour of blocking took %v of real time", d)
	}
	want := []string{
		"callback done at 1h0m0s",
		"blocker done at 1h0m0.3s",
		"tick 0 waited 1h0m0.3s",
		"tick 1 waited 10ms",
		"tick 2 waited 10ms",
		"ToThread's sleep took real time: true",
	}
	if got := outputTexts(r); !slices.Equal(got, want) {
		t.Fatalf("output %q, want %q", got, want)
	}
	blocks := eventsOf(r, core.KindBlock, "")
	if len(blocks) != 2 {
		t.Fatalf("block events: %+v", blocks)
	}
	cb, task := blocks[0], blocks[1]
	if cb.Pos != "main.go:29" || cb.Dur != time.Hour || cb.Time != 0 || cb.Value != "blocked the loop for 1h0m0s" {
		t.Errorf("the callback's block: %+v", cb)
	}
	if task.Pos != "main.go:24" || task.Dur != 300*time.Millisecond || task.Time != time.Hour {
		t.Errorf("the task's block: %+v", task)
	}
	if eventsOf(r, core.KindTaskStep, "")[0].ID == 0 || task.In != idOfTask(r, "blocker") {
		t.Errorf("the task's block is in %d, want the blocker", task.In)
	}
}

func idOfTask(r *Result, name string) uint64 {
	for _, ev := range r.Events {
		if ev.Kind == core.KindTaskCreate && ev.Name == name {
			return ev.ID
		}
	}
	return 0
}

// A panic anywhere ends in a failure naming its line, with a diagnostic
// there for the editor's gutter.
func TestTruthPanicPositions(t *testing.T) {
	cases := []struct {
		name, outcome, message string
		line                   int
	}{
		{"panic_main", OutcomePanic, "panic at main.go:8: assignment to entry in nil map", 8},
		{"panic_task", OutcomeFailed, `task "parser" panicked at main.go:12: runtime error: index out of range [3] with length 0`, 12},
		// Runtime errors Go raises inside the interpreter, which its
		// panic hook does not see (rootframe.go).
		{"panic_task_nil_map", OutcomeFailed, `task "counter" panicked at main.go:15: assignment to entry in nil map`, 15},
		{"panic_task_nil_func", OutcomeFailed, `task "notifier" panicked at main.go:16: runtime error: invalid memory address or nil pointer dereference`, 16},
		// Storing through a nil pointer: the interpreter's reflection
		// panics, and the run says what compiled Go says.
		{"panic_task_nil_store", OutcomeFailed, `task "resetter" panicked at main.go:11: runtime error: invalid memory address or nil pointer dereference`, 11},
		{"panic_task_nil_interface", OutcomeFailed, `task "greeter" panicked at main.go:18: runtime error: invalid memory address or nil pointer dereference`, 18},
		{"panic_callback", OutcomeOK, "the program finished; a callback panicked at main.go:13: the callback broke (the loop went on)", 13},
		{"panic_callback_nil_map", OutcomeOK, "the program finished; a callback panicked at main.go:14: assignment to entry in nil map (the loop went on)", 14},
		{"panic_done_callback", OutcomeOK, "the program finished; a callback panicked at main.go:15: cannot use 42 (the loop went on)", 15},
		{"failed_error", OutcomeFailed, `task "Task-1" failed: connection refused`, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := truthRun(t, c.name)
			if r.Outcome != c.outcome || r.Message != c.message {
				t.Errorf("%s %q, want %s %q", r.Outcome, r.Message, c.outcome, c.message)
			}
			if c.line == 0 {
				return
			}
			if len(r.Diagnostics) == 0 || r.Diagnostics[0].Line != c.line {
				t.Errorf("diagnostics %+v, want one at line %d", r.Diagnostics, c.line)
			}
			for _, l := range r.Output {
				if strings.Contains(l.Text, "ixgo") || strings.Contains(l.Text, "runtime/debug") {
					t.Errorf("the interpreter's own stack reached the output: %q", l.Text)
				}
			}
		})
	}
}

// A task that drops the error its cancelled Sleep returned is pointed at.
func TestTruthIgnoredCancellation(t *testing.T) {
	r := truthRun(t, "ignored_cancel")
	ds := eventsOf(r, core.KindDiag, "ignored-cancel")
	if len(ds) != 1 || ds[0].Pos != "main.go:15" || ds[0].ID != idOfTask(r, "stubborn") ||
		!strings.Contains(ds[0].Value, "the cancellation was ignored here") {
		t.Fatalf("warnings: %+v", ds)
	}
}

const spinProgram = `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		spin := core.CurrentTask(ctx).Loop().CreateTask("spin", func(ctx context.Context) (any, error) {
			fmt.Println("spinning")
			n := 0
			for {
				n++
			}
		})
		return core.Await(ctx, spin)
	})
}
`

// A run cut short keeps what it printed and says what was running where;
// the stream says it as it spins.
func TestTruthCutShortNamesTheLine(t *testing.T) {
	var running []Message
	r := Run(context.Background(), Request{Source: spinProgram, Limits: Limits{WallMS: 3000}, OnMessage: func(m Message) {
		if m.Type == "running" {
			running = append(running, m)
		}
	}})
	if r.Outcome != OutcomeLimit || !strings.HasSuffix(r.Message, `; task "spin" was still running at main.go:15`) {
		t.Fatalf("%s %q", r.Outcome, r.Message)
	}
	if got := outputTexts(r); !slices.Equal(got, []string{"spinning"}) {
		t.Fatalf("output %q", got)
	}
	spin := idOfTask(r, "spin")
	if len(running) < 2 || running[0].Pos != "main.go:15" || running[0].In != spin {
		t.Fatalf("running messages: %+v", running)
	}
}

// A step burning CPU is reported slow, at the line it spins on, when asked.
func TestTruthSlowStep(t *testing.T) {
	src := strings.Replace(spinProgram, "for {", "for n < 200_000 {", 1)
	src = strings.Replace(src, "n++\n\t\t\t}", "n++\n\t\t\t}\n\t\t\treturn n, nil", 1)
	r := Run(context.Background(), Request{Source: src, SlowMS: 20})
	if r.Outcome != OutcomeOK {
		t.Fatalf("%s %q", r.Outcome, r.Message)
	}
	ds := eventsOf(r, core.KindDiag, "slow")
	if len(ds) != 1 || ds[0].Pos != "main.go:15" || ds[0].ID != idOfTask(r, "spin") || ds[0].Dur < 20*time.Millisecond {
		t.Fatalf("slow reports: %+v", ds)
	}
	if fast := Run(context.Background(), Request{Source: src}); len(eventsOf(fast, core.KindDiag, "slow")) != 0 {
		t.Fatalf("slow steps reported without SlowMS")
	}
}

// A real sleep off the loop (main, before any loop runs) ends at the wall
// limit like a busy loop, naming its line.
func TestTruthLongSleepOffTheLoop(t *testing.T) {
	src := "package main\n\nimport \"time\"\n\nfunc main() {\n\ttime.Sleep(time.Hour)\n}\n"
	began := time.Now()
	r := Run(context.Background(), Request{Source: src, Limits: Limits{WallMS: 300}})
	if r.Outcome != OutcomeLimit || r.Limit != "wall" || !strings.HasSuffix(r.Message, "; main was still running at main.go:6") {
		t.Fatalf("%s/%s %q", r.Outcome, r.Limit, r.Message)
	}
	if d := time.Since(began); d > 5*time.Second {
		t.Fatalf("took %v", d)
	}
	checkNextRunWorks(t)
}
