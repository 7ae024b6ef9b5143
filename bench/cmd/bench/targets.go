package main

import (
	"fmt"
	"io"
)

// target is one of the "done means" numbers of issue 2 (core) or issue 8.
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
	{what: "<= 3 KB (3000 B) per suspended task, native", workload: "mem_per_task", rt: rtCore, max: 3000},
	{what: "playground cold start to first output <= 1 s", workload: "playground_cold_start", rt: rtChromium, max: 1000},
	{what: "playground re-run <= 50 ms (slowest example not blocking the thread on purpose)", workload: "playground_rerun_max_nonblocking", rt: rtChromium, max: 50},
}

// printTargets says for each target whether this run met it.
func printTargets(w io.Writer, res results) {
	fmt.Fprintln(w, "\ntargets (issues 2 and 8):")
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
