// Command bench is `make bench`: it runs the same workloads on core (native
// and js/wasm under node), CPython asyncio, uvloop and Node, then the
// playground's own numbers in headless chromium, prints one table with
// ratios to uvloop and asyncio from this same run, and writes
// bench/results.json (workload -> runtime -> {value, unit} or {missing}).
// Run it from the repository root.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// results is workload -> runtime -> measurement.
type results map[string]map[string]measurement

func main() {
	rounds := flag.Int("rounds", 3, "times every runtime is run, round-robin; the best value is kept")
	repeat := flag.Int("repeat", 2, "runs of each throughput workload per process at least; the best is kept")
	minTime := flag.Duration("min-time", time.Second, "and runs it again until this long has passed in the process, so that a JIT (Node's, V8's for core in wasm) is measured warm")
	out := flag.String("out", filepath.Join("bench", "results.json"), "where to write the results")
	only := flag.String("runtimes", strings.Join(runtimeOrder, ","), "comma-separated loop runtimes to run, or none")
	playground := flag.Bool("playground", true, "also measure the playground in headless chromium")
	measureTrick := flag.Bool("tricks", true, "also measure what each low-level trick gains (builds with and without it)")
	flag.Parse()
	if *repeat < 1 || *rounds < 1 || *minTime < 0 {
		fail(fmt.Errorf("-repeat and -rounds must be at least 1, -min-time not negative"))
	}
	per := runs{*repeat, *minTime}
	if _, err := os.Stat(filepath.Join("bench", "py", "loops.py")); err != nil {
		fail(fmt.Errorf("run from the repository root (bench/py/loops.py not found)"))
	}
	want := strings.Split(*only, ",")
	for _, name := range want {
		if name != "none" && !slices.Contains(runtimeOrder, name) {
			fail(fmt.Errorf("-runtimes: unknown runtime %q (known: %s, or none)", name, strings.Join(runtimeOrder, ",")))
		}
	}
	tmp, err := os.MkdirTemp("", "loopscope-bench-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(tmp)

	res := results{}
	rts := prepare(tmp, per, want)
	// Round-robin rather than one runtime after the other: the machine is
	// shared, and a burst of someone else's load then hurts every runtime
	// alike instead of skewing the ratios.
	for round := 1; round <= *rounds; round++ {
		for i, rt := range rts {
			fmt.Fprintf(os.Stderr, "bench: round %d/%d: %s\n", round, *rounds, rt.name)
			cells := rt.run()
			for w, m := range cells {
				res.keepBest(w, rt.name, m)
			}
			if len(cells) > 0 && allMissing(cells) {
				rts[i].missing = cells[workloadOrder[0]].Missing // no point retrying
			}
		}
	}
	var trickResults []trickResult
	if *measureTrick {
		trickResults = measureTricks(tmp, *rounds, per, res)
	}
	if *playground {
		fmt.Fprintln(os.Stderr, "bench: measuring the playground")
		for w, m := range measurePlayground(tmp) {
			res.set(w, rtChromium, m)
		}
	}

	// The machine is shared and changes: say which it was and how busy,
	// since that moves every number.
	host := machine()
	res.set("machine", "host", host)
	fmt.Printf("machine: %.0f cores, %s\n", host.Value, host.Note)
	printTable(os.Stdout, res)
	printTargets(os.Stdout, res)
	printFloors(os.Stdout, res)
	if *measureTrick {
		printTricks(os.Stdout, trickResults)
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
		fail(err)
	}
	fmt.Printf("\nwrote %s\n", *out)
}

func (r results) set(workload, runtime string, m measurement) {
	if r[workload] == nil {
		r[workload] = map[string]measurement{}
	}
	r[workload][runtime] = m
}

// keepBest keeps the better of two measurements of one cell: the higher
// rate, or the fewer bytes or milliseconds. A value beats a missing reason.
func (r results) keepBest(workload, runtime string, m measurement) {
	old, ok := r[workload][runtime]
	switch {
	case !ok, old.Missing != "" && m.Missing == "":
	case m.Missing != "":
		return
	case m.Unit == "ops/s" && m.Value <= old.Value:
		return
	case m.Unit != "ops/s" && m.Value >= old.Value:
		return
	}
	r.set(workload, runtime, m)
}

func allMissing(cells map[string]measurement) bool {
	for _, m := range cells {
		if m.Missing == "" {
			return false
		}
	}
	return true
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
