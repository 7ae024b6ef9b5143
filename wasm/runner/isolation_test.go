package runner

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Programs that would show state leaking from one run into the next: the
// same names with different types and methods, package state changed by
// init and main, local named types, and runs that end early (a limit, a
// panic, a compile error) leaving their run half done.
var isolationPrograms = map[string]string{
	"globals": `package main

import "fmt"

var counter int
var seen = map[string]int{}
var log []string

func init() { counter++; log = append(log, "init") }

func main() {
	counter++
	seen["main"]++
	log = append(log, "main")
	fmt.Println(counter, seen["main"], len(seen), log)
}
`,
	"type T (int field, method A)": `package main

import "fmt"

type T struct{ A int }

func (t T) String() string { return fmt.Sprintf("A%d", t.A) }

var x = T{A: 7}

func main() {
	type local struct{ n int }
	fmt.Println(x, T{A: 1}, local{n: 3})
}
`,
	"type T (string fields, method B)": `package main

import (
	"fmt"
	"strings"
)

type T struct {
	B string
	C []int
}

func (t *T) String() string { return "B" + strings.ToUpper(t.B) }

var x = &T{B: "x"}

func main() {
	type local struct{ s, t string }
	fmt.Println(x, &T{B: "y", C: []int{1}}, local{s: "a", t: "b"})
}
`,
	"tasks and timers": `package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

var done int

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		t := core.CreateTask(ctx, func(ctx context.Context) (any, error) {
			done++
			return "child", core.Sleep(ctx, time.Second)
		})
		v, err := core.Await(ctx, t)
		fmt.Println(v, err, done)
		return nil, nil
	})
}
`,
	"output limit": `package main

import "fmt"

func main() {
	for i := 0; ; i++ {
		fmt.Println("line", i)
	}
}
`,
	"panic": `package main

import "fmt"

var boom = []int{1}

func main() {
	fmt.Println("before")
	fmt.Println(boom[3])
}
`,
	"compile error": `package main

import "fmt"

func main() { fmt.Println(notDefined) }
`,
}

func isolationLimits(name string) Limits {
	if name == "output limit" {
		return Limits{OutputBytes: 4096}
	}
	return Limits{}
}

// TestRunsAreIsolated: every program, run right after any other, gives
// exactly the result it gives alone in a fresh interpreter context (output,
// attribution, trace, outcome, diagnostics).
func TestRunsAreIsolated(t *testing.T) {
	progs := map[string]string{}
	for k, v := range isolationPrograms {
		progs[k] = v
	}
	for _, name := range exampleNames(t) {
		src, err := os.ReadFile(filepath.Join(examplesDir, name, "main.go"))
		if err != nil {
			t.Fatal(err)
		}
		progs["example "+name] = string(src)
	}
	names := make([]string, 0, len(progs))
	for k := range progs {
		names = append(names, k)
	}
	slices.Sort(names)
	// A panic's stack names the Go goroutine that ran it: a process-wide
	// counter, different for every run whatever the context.
	goroutineID := regexp.MustCompile(`goroutine \d+ \[`)
	run := func(name string) string {
		g := Run(context.Background(), Request{Source: progs[name], Limits: isolationLimits(name)}).Golden()
		return goroutineID.ReplaceAllString(g, "goroutine N [")
	}

	alone := map[string]string{}
	for _, name := range names {
		runMu.Lock()
		sharedCtx = nil // a fresh context, as for the first run of a page
		runMu.Unlock()
		alone[name] = run(name)
	}
	for _, name := range []string{"globals", "type T (int field, method A)", "output limit", "panic", "compile error"} {
		if strings.Contains(alone[name], "outcome: ok") != (name != "output limit" && name != "panic" && name != "compile error") {
			t.Fatalf("%s did not end as it should alone:\n%s", name, alone[name])
		}
	}
	if !strings.Contains(alone["globals"], "] 2 1 1 [init main]\n") {
		t.Fatalf("globals alone:\n%s", alone["globals"])
	}

	// Back to back on one context, in order, reversed, and each program twice.
	var order []string
	order = append(order, names...)
	for i := len(names) - 1; i >= 0; i-- {
		order = append(order, names[i], names[i])
	}
	runMu.Lock()
	sharedCtx = nil
	runMu.Unlock()
	for i, name := range order {
		if got := run(name); got != alone[name] {
			prev := "(none)"
			if i > 0 {
				prev = order[i-1]
			}
			t.Errorf("%s after %s differs from %s alone:\n%s", name, prev, name, firstDiff(alone[name], got))
		}
	}
}

// TestPrepareLeavesNoTrace: compiling programs ahead (as the playground's
// worker does while idle) changes nothing in the runs that follow, whether
// the prepared program is the one run next, another one, or does not
// compile.
func TestPrepareLeavesNoTrace(t *testing.T) {
	goroutineID := regexp.MustCompile(`goroutine \d+ \[`)
	run := func(name string) string {
		g := Run(context.Background(), Request{Source: isolationPrograms[name], Limits: isolationLimits(name)}).Golden()
		return goroutineID.ReplaceAllString(g, "goroutine N [")
	}
	names := make([]string, 0, len(isolationPrograms))
	for k := range isolationPrograms {
		names = append(names, k)
	}
	slices.Sort(names)
	for i, name := range names {
		runMu.Lock()
		sharedCtx = nil
		runMu.Unlock()
		alone := run(name)
		runMu.Lock()
		sharedCtx = nil
		runMu.Unlock()
		prepareAll(isolationPrograms[names[(i+1)%len(names)]])
		prepareAll(isolationPrograms["compile error"])
		prepareAll(isolationPrograms[name])
		if got := run(name); got != alone {
			t.Errorf("%s after Prepare differs from %s alone:\n%s", name, name, firstDiff(alone, got))
		}
	}
}

// TestLeftoverGoroutinesStop: goroutines a program leaves running when main
// returns end with it (as in Go), and print nothing into the next run.
func TestLeftoverGoroutinesStop(t *testing.T) {
	leaver := `package main

import (
	"fmt"
	"time"
)

func main() {
	go func() {
		for {
			time.Sleep(time.Millisecond)
			println("left behind")
			fmt.Println("left behind")
		}
	}()
	time.Sleep(5 * time.Millisecond)
	fmt.Println("main returns")
}
`
	next := `package main

import (
	"fmt"
	"time"
)

func main() {
	time.Sleep(20 * time.Millisecond)
	fmt.Println("next")
}
`
	if r := Run(context.Background(), Request{Source: leaver}); r.Outcome != OutcomeOK || !slices.ContainsFunc(r.Output, func(l Line) bool { return l.Text == "main returns" }) {
		t.Fatalf("the first program: %s %+v", r.Outcome, r.Output)
	}
	r := Run(context.Background(), Request{Source: next})
	if r.Outcome != OutcomeOK || len(r.Output) != 1 || r.Output[0].Text != "next" {
		t.Errorf("the next run's output: %+v", r.Output)
	}
}

// TestContextIsReusedThenRenewed: runs share one interpreter context (that is
// what makes a re-run fast) until contextRuns runs have used it.
func TestContextIsReusedThenRenewed(t *testing.T) {
	src := isolationPrograms["globals"]
	Run(context.Background(), Request{Source: src})
	runMu.Lock()
	first := sharedCtx
	runMu.Unlock()
	r := Run(context.Background(), Request{Source: src})
	runMu.Lock()
	second := sharedCtx
	sharedRuns = contextRuns
	runMu.Unlock()
	if first == nil || second != first {
		t.Fatalf("the second run did not reuse the context")
	}
	r2 := Run(context.Background(), Request{Source: src})
	runMu.Lock()
	third := sharedCtx
	runMu.Unlock()
	if third == first {
		t.Fatalf("the context was not renewed after %d runs", contextRuns)
	}
	if r.Golden() != r2.Golden() {
		t.Errorf("a run on a renewed context differs:\n%s", firstDiff(r.Golden(), r2.Golden()))
	}
}

func prepareAll(source string) {
	for PrepareStep(source) {
	}
}

// TestPrepareSteps: preparing goes one package at a time, dependencies
// first, then compiles the program once; the packages end up installed in
// the shared context.
func TestPrepareSteps(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(examplesDir, "call_soon", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	runMu.Lock()
	sharedCtx = nil
	runMu.Unlock()
	steps := 1
	for PrepareStep(string(src)) {
		steps++
		if steps > 100 {
			t.Fatal("preparing never ends")
		}
	}
	order := importOrder([]string{"fmt", "github.com/loopscope/loopscope/core"})
	if steps != len(order)+1 || order[len(order)-1] != "github.com/loopscope/loopscope/core" || !slices.Contains(order, "time") {
		t.Errorf("%d steps for the packages %v", steps, order)
	}
	if slices.Index(order, "time") > slices.Index(order, "context") {
		t.Errorf("context comes before time, which it depends on: %v", order)
	}
	if PrepareStep(string(src)) {
		t.Error("a prepared program has steps left")
	}
	runMu.Lock()
	_, ok := sharedCtx.Loader.Installed("github.com/loopscope/loopscope/core")
	runMu.Unlock()
	if !ok {
		t.Error("core is not installed in the shared context")
	}
}
