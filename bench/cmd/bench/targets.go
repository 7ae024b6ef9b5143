package main

import (
	"fmt"
	"io"
)

// target is one of the "done means" numbers of issues 2 (core), 8 and 16.
type target struct {
	what             string
	workload, rt, vs string // vs == "": compare the value itself
	min, max         float64
}

var targets = []target{
	{what: "core >= 25 M callbacks/s", workload: "call_soon", rt: rtCore, min: 25e6},
	{what: "core >= 5 M task switches/s", workload: "task_switch", rt: rtCore, min: 5e6},
	{what: "core >= 5 M timers/s", workload: "timers", rt: rtCore, min: 5e6},
	{what: "native core >= 10x uvloop on call_soon", workload: "call_soon", rt: rtCore, vs: rtUvloop, min: 10},
	{what: "native core >= 4x uvloop on task switches", workload: "task_switch", rt: rtCore, vs: rtUvloop, min: 4},
	{what: "native core >= 4x uvloop on timers", workload: "timers", rt: rtCore, vs: rtUvloop, min: 4},
	{what: "core in wasm >= 2x uvloop on task switches", workload: "task_switch", rt: rtWasm, vs: rtUvloop, min: 2},
	{what: "native core >= Node on gather (aim 1.5x)", workload: "gather", rt: rtCore, vs: rtNode, min: 1},
	{what: "native core >= 1.2x Node on task switches", workload: "task_switch", rt: rtCore, vs: rtNode, min: 1.2},
	{what: "<= 3 KB (3000 B) per suspended task, native (floor: Go's 2048 B minimum goroutine stack + its 480 B runtime.g)", workload: "mem_per_task", rt: rtCore, max: 3000},
	{what: "playground cold start, new visitor (fresh profile) <= 1.5 s", workload: "playground_cold_start_fresh", rt: rtChromium, max: 1500},
	{what: "playground cold start, returning visitor <= 0.8 s", workload: "playground_cold_start_returning", rt: rtChromium, max: 800},
	{what: "gather_downloads first output, new visitor <= 1.5 s", workload: "playground_cold_start_fresh:gather_downloads", rt: rtChromium, max: 1500},
	{what: "gather_downloads first output, returning visitor <= 0.8 s", workload: "playground_cold_start_returning:gather_downloads", rt: rtChromium, max: 800},
	{what: "playground re-run <= 50 ms (slowest example not blocking the thread on purpose)", workload: "playground_rerun_max_nonblocking", rt: rtChromium, max: 50},
	// Python mode (issue 15), measured in the same run.
	{what: "Python adds no file to the Go first load", workload: "python_in_go_first_load", rt: rtChromium, max: 0.5},
	{what: "Python first output <= 4 s in a fresh profile", workload: "python_cold_start", rt: rtChromium, max: 4000},
	{what: "Python first output <= 1.5 s with the runtime cached", workload: "python_cached_start", rt: rtChromium, max: 1500},
	{what: "Python example re-run <= 50 ms (slowest)", workload: "python_rerun_max", rt: rtChromium, max: 50},
	{what: "timeline: drawing 10k events <= 100 ms", workload: "timeline_draw_10k", rt: rtChromium, max: 100},
	{what: "timeline: the loop's state at any step of a 10k-event trace <= 16 ms", workload: "loop_state_10k", rt: rtChromium, max: 16},
}

// printTargets says for each target whether this run met it.
func printTargets(w io.Writer, res results) {
	fmt.Fprintln(w, "\ntargets (issues 2, 8 and 16):")
	for _, t := range targets {
		m := res[t.workload][t.rt]
		if m.Unit == "" && m.Missing == "" {
			m.Missing = "not measured"
		}
		if m.Missing != "" {
			fmt.Fprintf(w, "  MISSING  %s: %s\n", t.what, m.Missing)
			continue
		}
		got, unit := m.Value, m.Unit
		if t.vs != "" {
			ref := res[t.workload][t.vs]
			if ref.Missing != "" || ref.Value == 0 {
				fmt.Fprintf(w, "  MISSING  %s: no %s value to compare with\n", t.what, t.vs)
				continue
			}
			got, unit = m.Value/ref.Value, "x"
		}
		ok := (t.min == 0 || got >= t.min) && (t.max == 0 || got <= t.max)
		verdict := "met   "
		if !ok {
			verdict = "MISSED"
		}
		note := ""
		if t.vs == "" && m.Note != "" {
			note = " (" + m.Note + ")"
		}
		fmt.Fprintf(w, "  %s   %s: %.2f %s%s\n", verdict, t.what, got, unit, note)
	}
}

// printFloors puts the task-switch targets beside what Go's own coroutine
// switch does in the same run (coroutine_floor: bare iter.Pull coroutines,
// no loop), natively and in wasm: a target above the floor's ratio cannot be
// met by any loop whose tasks are Go coroutines, and core's share of the
// floor is what the loop itself costs.
func printFloors(w io.Writer, res results) {
	floors := res["coroutine_floor"]
	switches := res["task_switch"]
	lines := []struct{ rt, vs string }{{rtCore, rtNode}, {rtCore, rtUvloop}, {rtWasm, rtUvloop}}
	header := false
	for _, l := range lines {
		floor, core, ref := floors[l.rt], switches[l.rt], switches[l.vs]
		// ratio says "" unless both sides are measured in the same unit.
		floorX, coreX := ratio(floor, ref), ratio(core, ref)
		if floorX == "" || coreX == "" || ratio(core, floor) == "" {
			continue
		}
		if !header {
			fmt.Fprintln(w, "\nthe floor under task switches (Go's own coroutine switch, no loop, this run):")
			header = true
		}
		where := "native"
		if l.rt == rtWasm {
			where = "wasm"
		}
		fmt.Fprintf(w, "  %s: floor %.2f M/s = %sx %s; core %.2f M/s = %sx %s, %.0f%% of the floor\n",
			where, floor.Value/1e6, floorX, l.vs, core.Value/1e6, coreX, l.vs, 100*core.Value/floor.Value)
	}
}
