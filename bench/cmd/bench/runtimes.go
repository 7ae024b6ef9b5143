package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Runtime names, in table order. The ratios are to uvloop and asyncio.
const (
	rtCore    = "core"
	rtWasm    = "core-wasm"
	rtUvloop  = "uvloop"
	rtAsyncio = "asyncio"
	rtNode    = "node"
)

var runtimeOrder = []string{rtCore, rtWasm, rtUvloop, rtAsyncio, rtNode}

// workloadOrder is the table's row order; every runtime is asked for all of
// them and any it does not report shows as missing.
var workloadOrder = []string{"call_soon", "task_switch", "timers", "gather", "queue", "lock", "mem_per_task"}

// measurement is one cell: a value, or the reason there is none.
type measurement struct {
	Value   float64 `json:"value,omitempty"`
	Unit    string  `json:"unit,omitempty"`
	Note    string  `json:"note,omitempty"`
	Missing string  `json:"missing,omitempty"`
}

// report is what every runtime's script prints (see bench/cmd/workloads).
type report struct {
	Results map[string]measurement `json:"results"`
	Missing map[string]string      `json:"missing"`
}

// runtime is how to run one runtime's workloads, or why it cannot run.
type runtime struct {
	name    string
	cmd     []string
	missing string
}

const runTimeout = 2 * time.Minute

// runs is how long each process measures a throughput workload: at least
// repeat runs and, counting them, minTime, the best kept. A JIT optimizes
// hot code only after a while: two runs measured Node's task_switch at
// 1.9 M/s, where its tenth run reached 9.6 M/s (2026-12-02, this machine);
// V8 running core's wasm warms up the same way. CPython and native Go need
// no warming; they get the same time, for the same chance at a quiet run.
type runs struct {
	repeat  int
	minTime time.Duration
}

// goArgs are bench/cmd/workloads' (and runnerbench's) flags for it.
func (r runs) goArgs() []string {
	return []string{"-repeat", strconv.Itoa(r.repeat), "-min-time", r.minTime.String()}
}

// scriptArgs are loops.py's and loops.js's.
func (r runs) scriptArgs() []string {
	return []string{"--repeat", strconv.Itoa(r.repeat), "--min-time", strconv.FormatFloat(r.minTime.Seconds(), 'f', -1, 64)}
}

// prepare builds core for both targets and checks the interpreters, turning
// every problem into a reason rather than an abort. Only the runtimes named
// in want are prepared.
func prepare(tmp string, per runs, want []string) []runtime {
	var rts []runtime
	node, nodeErr := exec.LookPath("node")
	const py = "/usr/bin/python3"
	script := filepath.Join("bench", "py", "loops.py")
	for _, name := range runtimeOrder {
		if !slices.Contains(want, name) {
			continue
		}
		rt := runtime{name: name}
		switch name {
		case rtCore:
			native := filepath.Join(tmp, "workloads")
			if err := goBuild(native, nil); err != nil {
				rt.missing = "native build failed: " + err.Error()
			} else {
				rt.cmd = append([]string{native}, per.goArgs()...)
			}
		case rtWasm:
			wasm := filepath.Join(tmp, "workloads.wasm")
			execJS, err := wasmExecNode()
			switch {
			case nodeErr != nil:
				rt.missing = "node not found: " + nodeErr.Error()
			case err != nil:
				rt.missing = err.Error()
			default:
				if err := goBuild(wasm, []string{"GOOS=js", "GOARCH=wasm"}); err != nil {
					rt.missing = "wasm build failed: " + err.Error()
				} else {
					rt.cmd = append([]string{node, execJS, wasm}, per.goArgs()...)
				}
			}
		case rtUvloop:
			if out, err := exec.Command(py, "-c", "import uvloop").CombinedOutput(); err != nil {
				rt.missing = "cannot import uvloop (make bench installs python3-uvloop): " + lastLine(out, err)
			} else {
				rt.cmd = append([]string{py, script, "uvloop"}, per.scriptArgs()...)
			}
		case rtAsyncio:
			rt.cmd = append([]string{py, script, "asyncio"}, per.scriptArgs()...)
		case rtNode:
			if nodeErr != nil {
				rt.missing = "node not found: " + nodeErr.Error()
			} else {
				rt.cmd = append([]string{node, "--expose-gc", filepath.Join("bench", "node", "loops.js")}, per.scriptArgs()...)
			}
		}
		rts = append(rts, rt)
	}
	return rts
}

// goBuild builds bench/cmd/workloads to out for the target env sets.
func goBuild(out string, env []string) error {
	cmd := exec.Command("go", "build", "-o", out, "./bench/cmd/workloads")
	cmd.Env = append(os.Environ(), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return errors.New(lastLine(b, err))
	}
	return nil
}

// wasmExecNode finds Go's node launcher for js/wasm: lib/wasm since Go 1.24,
// misc/wasm before.
func wasmExecNode() (string, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	root := strings.TrimSpace(string(out))
	for _, dir := range []string{"lib/wasm", "misc/wasm"} {
		p := filepath.Join(root, dir, "wasm_exec_node.js")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("wasm_exec_node.js not found under %s/lib/wasm or misc/wasm", root)
}

// run runs one runtime and returns a cell per workload, never dropping one.
func (rt runtime) run() map[string]measurement {
	cells := map[string]measurement{}
	fill := func(reason string) {
		for _, w := range workloadOrder {
			if _, ok := cells[w]; !ok {
				cells[w] = measurement{Missing: reason}
			}
		}
	}
	if rt.missing != "" {
		fill(rt.missing)
		return cells
	}
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, rt.cmd[0], rt.cmd[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		fill(fmt.Sprintf("timed out after %v", runTimeout))
		return cells
	}
	if err != nil {
		fill("run failed: " + lastLine(stderr.Bytes(), err))
		return cells
	}
	var rep report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		fill("unreadable output: " + err.Error())
		return cells
	}
	for w, m := range rep.Results {
		cells[w] = m
	}
	for w, reason := range rep.Missing {
		cells[w] = measurement{Missing: reason}
	}
	fill("the runtime's script did not report this workload")
	return cells
}

// lastLine is the most telling line of a failed command's output: the
// first that names an error (a node or Python stack trace ends with other
// lines), else the last one.
func lastLine(out []byte, err error) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for _, l := range lines {
		if strings.Contains(l, "Error") || strings.HasPrefix(l, "panic:") {
			return strings.TrimSpace(l)
		}
	}
	if l := strings.TrimSpace(lines[len(lines)-1]); l != "" {
		return l
	}
	return err.Error()
}
