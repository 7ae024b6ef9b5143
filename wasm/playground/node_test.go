//go:build wasmnode

// This test builds the playground's wasm, runs every example (and the
// hostile programs) in it under Node exactly as the Web Worker does, and
// compares each result with the golden files shared with the native and
// interpreted runs. Run by `make test-runner` (go test -tags wasmnode).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/loopscope/loopscope/wasm/runner"
)

func buildWasm(t *testing.T, tags ...string) string {
	t.Helper()
	wasm := filepath.Join(t.TempDir(), "loopscope.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-tags="+strings.Join(tags, ","), "-o", wasm, ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the wasm: %v\n%s", err, out)
	}
	return wasm
}

type nodeResult struct {
	File     string         `json:"file"`
	Result   *runner.Result `json:"result"`
	Messages int            `json:"messages"`
	Batches  int            `json:"batches"`
}

// runInNode runs the programs in one Node process and returns their results
// in order, and what Node wrote to stderr.
func runInNode(t *testing.T, wasm string, files []string, env ...string) ([]nodeResult, string) {
	t.Helper()
	wasmExec := filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js")
	args := append([]string{filepath.Join("node", "run-programs.mjs"), wasmExec, wasm}, files...)
	cmd := exec.Command("node", args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var results []nodeResult
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<28)
	for sc.Scan() {
		var r nodeResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("node output: %v: %.300q", err, sc.Text())
		}
		results = append(results, r)
	}
	if len(results) != len(files) {
		t.Fatalf("node returned %d results for %d programs\n%s", len(results), len(files), stderr.String())
	}
	return results, stderr.String()
}

func TestExamplesInWasm(t *testing.T) { examplesInWasm(t) }

// TestExamplesInWasmPrepared: compiling each example ahead in steps (as the
// worker does while idle) changes nothing in its run.
func TestExamplesInWasmPrepared(t *testing.T) { examplesInWasm(t, "LOOPSCOPE_PREPARE=1") }

// TestExamplesInWasmPrecompiled: the build for unchanged examples
// (-tags loopscope_precompiled, wasm/precompiled) gives every example's
// golden file too.
func TestExamplesInWasmPrecompiled(t *testing.T) {
	examplesInWasmBuilt(t, buildWasm(t, "loopscope_precompiled"))
}

func examplesInWasm(t *testing.T, env ...string) { examplesInWasmBuilt(t, buildWasm(t), env...) }

func examplesInWasmBuilt(t *testing.T, wasm string, env ...string) {
	files, err := filepath.Glob("../../web/examples/*/main.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	results, log := runInNode(t, wasm, files, env...)
	t.Log(log)
	for _, r := range results {
		name := filepath.Base(filepath.Dir(r.File))
		want, err := os.ReadFile(filepath.Join("..", "runner", "testdata", "golden", name+".golden"))
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Result.Golden(); got != string(want) {
			t.Errorf("%s: the wasm run differs from the golden file:\n--- got\n%s", name, got)
		}
	}
}

// TestTruthInWasm: the programs of the runner's truth tests (blocking
// costs loop time, panics and failures with their lines, an ignored
// cancellation) give in wasm exactly what they give natively, where
// runner's TestTruth* check what that is.
// goroutineNum: a panic's stack names its goroutine, numbered by the process.
var goroutineNum = regexp.MustCompile(`goroutine \d+`)

func TestTruthInWasm(t *testing.T) {
	files, err := filepath.Glob("../runner/testdata/truth/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no programs: %v", err)
	}
	results, log := runInNode(t, buildWasm(t), files)
	t.Log(log)
	for _, r := range results {
		want := goroutineNum.ReplaceAllString(runner.Run(context.Background(), runner.Request{Source: mustRead(t, r.File)}).Golden(), "goroutine N")
		if got := goroutineNum.ReplaceAllString(r.Result.Golden(), "goroutine N"); got != want {
			t.Errorf("%s: the wasm run differs from the native one:\n--- wasm\n%s\n--- native\n%s", filepath.Base(r.File), got, want)
		}
	}
}

// TestHostileInWasm: programs that stop the runner or kill the instance end
// with a clear outcome, and the next program in the same worker runs.
func TestHostileInWasm(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, req map[string]any) string {
		b, err := json.Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name+".json")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	ok := write("ok", map[string]any{"source": "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"fine\") }\n"})
	recursion := write("recursion", map[string]any{"source": "package main\n\nfunc f(n int) int { return f(n+1) + 1 }\n\nfunc main() { f(0) }\n"})
	loop := write("loop", map[string]any{"source": "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n", "limits": map[string]any{"wallMs": 500}})
	blocked := write("blocked", map[string]any{"source": "package main\n\nfunc main() { select {} }\n", "limits": map[string]any{"wallMs": 500}})
	realtime := write("realtime", map[string]any{"source": mustRead(t, "../../web/examples/coroutine/main.go"), "clock": "real"})
	badClock := write("badclock", map[string]any{"source": "package main\n\nfunc main() {}\n", "clock": "sundial"})
	busy := write("busy", map[string]any{"source": busyProgram})
	// Callbacks scheduling each other for ever: no loop to tick, nothing
	// that blocks (wasm's timers never fire); the events look at the clock.
	chain := write("chain", map[string]any{"source": chainProgram, "limits": map[string]any{"wallMs": 500, "events": 50_000_000}})

	files := []string{recursion, ok, loop, ok, blocked, ok, realtime, badClock, ok, busy, chain, ok}
	results, log := runInNode(t, buildWasm(t), files)
	t.Log(log)
	want := []string{"crash", "ok", "limit", "ok", "limit", "ok", "ok", "error", "ok", "ok", "limit", "ok"}
	for i, r := range results {
		if r.Result.Outcome != want[i] {
			t.Errorf("%s (program %d): outcome %s (%s), want %s", filepath.Base(r.File), i, r.Result.Outcome, r.Result.Message, want[i])
		}
	}
	if rt := results[6]; rt.Messages < len(rt.Result.Events) {
		t.Errorf("real-time run streamed %d messages for %d events", rt.Messages, len(rt.Result.Events))
	}
	// Every event and line is streamed, in batches: one call per message
	// cost as much as the program's own callbacks.
	if b := results[9]; b.Messages != len(b.Result.Events)+len(b.Result.Output) || b.Batches > b.Messages/100 {
		t.Errorf("busy run: %d messages in %d batches for %d events and %d lines", b.Messages, b.Batches, len(b.Result.Events), len(b.Result.Output))
	}
	if c := results[10].Result; c.Limit != "wall" || len(c.Events) == 0 {
		t.Errorf("callback chain: limit %q with %d events kept (%s)", c.Limit, len(c.Events), c.Message)
	}
	if got := results[1].Result.Output; len(got) != 1 || got[0].Text != "fine" {
		t.Errorf("after the crash: output %+v", got)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const chainProgram = `package main

import "github.com/loopscope/loopscope/core"

func main() {
	l := core.NewLoop()
	var tick func()
	tick = func() { l.CallSoon(tick) }
	l.CallSoon(tick)
	l.RunForever()
}
`

// busyProgram makes about 25k trace events in a few thousand callbacks.
const busyProgram = `package main

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	l := core.NewLoop()
	n := 0
	var tick func()
	tick = func() {
		if n++; n < 5000 {
			l.CallSoon(tick)
		} else {
			l.Stop()
		}
	}
	l.CallSoon(tick)
	l.RunForever()
	fmt.Println("callbacks:", n)
}
`
