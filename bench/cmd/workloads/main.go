// Command workloads runs core's benchmark workloads and prints their results
// as one JSON object on stdout. bench/cmd/bench builds it natively and for
// js/wasm (run under node with Go's wasm_exec_node.js), so both measure the
// same code.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/loopscope/loopscope/bench/workloads"
)

// report is the protocol every runtime's script speaks to the driver.
type report struct {
	Results map[string]workloads.Result `json:"results"`
	Missing map[string]string           `json:"missing"`
}

func main() {
	repeat := flag.Int("repeat", 3, "runs of each throughput workload at least; the best is kept")
	minTime := flag.Duration("min-time", 0, "and runs it again until this long has passed, for a JIT to reach its steady state (wasm under node)")
	only := flag.String("only", "", "comma-separated workload names (default: all)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the workloads to this file")
	flag.Parse()
	if *repeat < 1 {
		fmt.Fprintln(os.Stderr, "workloads: -repeat must be at least 1")
		os.Exit(2)
	}
	var names []string
	if *only != "" {
		names = strings.Split(*only, ",")
		for _, n := range names {
			if !slices.ContainsFunc(workloads.All, func(w workloads.Workload) bool { return w.Name == n }) {
				fmt.Fprintf(os.Stderr, "workloads: unknown workload %q\n", n)
				os.Exit(2)
			}
		}
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "workloads:", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "workloads:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	rep := report{Results: map[string]workloads.Result{}, Missing: map[string]string{}}
	for _, w := range workloads.All {
		if names != nil && !slices.Contains(names, w.Name) {
			continue
		}
		runs, until := 1, time.Time{}
		if w.Repeatable {
			runs, until = *repeat, time.Now().Add(*minTime)
		}
		for r := 0; r < runs || time.Now().Before(until); r++ {
			res, err := w.Run()
			if err != nil {
				rep.Missing[w.Name] = "failed: " + err.Error()
				break
			}
			if best, ok := rep.Results[w.Name]; !ok || res.Value > best.Value {
				rep.Results[w.Name] = res
			}
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(rep); err != nil {
		fmt.Fprintln(os.Stderr, "workloads:", err)
		os.Exit(1)
	}
}
