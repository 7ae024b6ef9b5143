package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A runtime that cannot run is reported as missing for every workload,
// with its reason: never dropped.
func TestRunReportsEveryWorkload(t *testing.T) {
	cases := []struct {
		name string
		rt   runtime
		want map[string]string // workload -> missing reason substring ("" = has a value)
	}{
		{"cannot start", runtime{name: "x", missing: "no interpreter"},
			map[string]string{"call_soon": "no interpreter", "mem_per_task": "no interpreter"}},
		{"fails", runtime{name: "x", cmd: []string{"sh", "-c", "echo boom >&2; exit 3"}},
			map[string]string{"call_soon": "run failed: boom", "lock": "run failed: boom"}},
		{"garbage", runtime{name: "x", cmd: []string{"sh", "-c", "echo not json"}},
			map[string]string{"timers": "unreadable output"}},
		{"partial", runtime{name: "x", cmd: []string{"sh", "-c",
			`echo '{"results":{"call_soon":{"value":5,"unit":"ops/s"}},"missing":{"queue":"no queue here"}}'`}},
			map[string]string{"call_soon": "", "queue": "no queue here", "gather": "did not report"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cells := c.rt.run()
			if len(cells) != len(workloadOrder) {
				t.Fatalf("got %d cells, want one per workload (%d): %v", len(cells), len(workloadOrder), cells)
			}
			for w, reason := range c.want {
				m := cells[w]
				if reason == "" {
					if m.Missing != "" || m.Value != 5 {
						t.Errorf("%s: got %+v, want the value 5", w, m)
					}
				} else if !strings.Contains(m.Missing, reason) {
					t.Errorf("%s: missing reason %q, want it to contain %q", w, m.Missing, reason)
				}
			}
		})
	}
}

func TestKeepBest(t *testing.T) {
	r := results{}
	r.keepBest("w", "rt", measurement{Missing: "first round failed"})
	r.keepBest("w", "rt", measurement{Value: 2, Unit: "ops/s"})
	r.keepBest("w", "rt", measurement{Value: 1, Unit: "ops/s"})
	r.keepBest("w", "rt", measurement{Missing: "third round failed"})
	if got := r["w"]["rt"]; got.Value != 2 || got.Missing != "" {
		t.Errorf("rates: got %+v, want the highest rate 2", got)
	}
	r.keepBest("m", "rt", measurement{Value: 900, Unit: "bytes/task"})
	r.keepBest("m", "rt", measurement{Value: 800, Unit: "bytes/task"})
	r.keepBest("m", "rt", measurement{Value: 850, Unit: "bytes/task"})
	if got := r["m"]["rt"]; got.Value != 800 {
		t.Errorf("bytes: got %+v, want the fewest bytes 800", got)
	}
}

func TestRatioNeedsTheSameUnit(t *testing.T) {
	m := measurement{Value: 30, Unit: "ops/s"}
	if got := ratio(m, measurement{Value: 10, Unit: "ops/s"}); got != "3.00" {
		t.Errorf("ratio = %q, want 3.00", got)
	}
	for _, ref := range []measurement{{Missing: "no uvloop"}, {Value: 10, Unit: "bytes/task"}, {}} {
		if got := ratio(m, ref); got != "" {
			t.Errorf("ratio to %+v = %q, want none", ref, got)
		}
	}
}

// Every runtime's script gets the same floor on how long it measures, in
// its own flag syntax.
func TestRunsArgs(t *testing.T) {
	r := runs{repeat: 2, minTime: 1500 * time.Millisecond}
	if got, want := strings.Join(r.goArgs(), " "), "-repeat 2 -min-time 1.5s"; got != want {
		t.Errorf("goArgs: %q, want %q", got, want)
	}
	if got, want := strings.Join(r.scriptArgs(), " "), "--repeat 2 --min-time 1.5"; got != want {
		t.Errorf("scriptArgs: %q, want %q", got, want)
	}
}

// The workloads program keeps running a workload until -min-time has
// passed, however few -repeat asks for: the floor that lets a JIT warm up.
func TestWorkloadsRunForMinTime(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "workloads")
	if out, err := exec.Command("go", "build", "-o", bin, "../workloads").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	const floor = 600 * time.Millisecond
	began := time.Now()
	cells := runtime{name: "core", cmd: append([]string{bin, "-only", "coroutine_floor"}, runs{1, floor}.goArgs()...)}.run()
	if el := time.Since(began); el < floor {
		t.Errorf("the run took %v, less than -min-time %v", el, floor)
	}
	if m := cells["coroutine_floor"]; m.Missing != "" || m.Value <= 0 {
		t.Errorf("coroutine_floor: %+v, want a rate", m)
	}
}

// The floor lines put core and Go's bare switch beside the same reference,
// and leave out a line whose figures were not all measured.
func TestPrintFloors(t *testing.T) {
	ops := func(v float64) measurement { return measurement{Value: v, Unit: "ops/s"} }
	res := results{
		"coroutine_floor": {rtCore: ops(5e6), rtWasm: ops(3e6)},
		"task_switch":     {rtCore: ops(4.5e6), rtNode: ops(10e6), rtUvloop: ops(1e6), rtWasm: measurement{Missing: "no node"}},
	}
	var b strings.Builder
	printFloors(&b, res)
	out := b.String()
	for _, want := range []string{
		"native: floor 5.00 M/s = 0.50x node; core 4.50 M/s = 0.45x node, 90% of the floor",
		"native: floor 5.00 M/s = 5.00x uvloop; core 4.50 M/s = 4.50x uvloop, 90% of the floor",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, "wasm:") {
		t.Errorf("a line for wasm, whose task_switch was not measured:\n%s", out)
	}
	b.Reset()
	printFloors(&b, results{})
	if b.Len() != 0 {
		t.Errorf("printed %q with nothing measured", b.String())
	}
}
