package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// A trick is code that reaches into runtime or interpreter internals for
// speed. Each stays only if it gains at least minTrickGain on some workload
// measured in the same run (issue 16): its benchmark program is built with
// and without it (a build tag turns it off) and the two builds are run
// alternately, several rounds, the best of each kept.
type trick struct {
	name, where string
	tag         string   // the build tag that turns it off
	pkg         string   // the benchmark program
	wasm        bool     // built for js/wasm and run under node, as well as natively
	only        []string // the workloads it is measured on (-only), for bench/cmd/workloads
}

const minTrickGain = 0.05

var tricks = []trick{
	{name: "prefetch", where: "core/prefetch_amd64.s (reads runtime.g offsets)", tag: "loopscope_noprefetch",
		pkg: "./bench/cmd/workloads", only: []string{"task_switch", "timers", "lock", "gather"}},
	{name: "framesite", where: "wasm/runner/framesite.go (ixgo frame fields found by reflection)", tag: "loopscope_noframesite",
		pkg: "./bench/cmd/runnerbench", wasm: true},
}

// trickResult is one workload's pair of bests.
type trickResult struct {
	trick, workload, rt string
	with, without       measurement
}

// gain is how much better the build with the trick did: for a rate the
// ratio of rates, for bytes the ratio the other way, minus one.
func (r trickResult) gain() float64 {
	if r.with.Missing != "" || r.without.Missing != "" || r.with.Value == 0 || r.without.Value == 0 {
		return 0
	}
	if r.with.Unit == "ops/s" {
		return r.with.Value/r.without.Value - 1
	}
	return r.without.Value/r.with.Value - 1
}

// measureTricks builds every trick's program both ways and runs the pairs
// alternately for rounds rounds; the results also go into res, under the
// runtime name "<rt> -<trick>" for the build without it.
func measureTricks(tmp string, rounds int, per runs, res results) []trickResult {
	node := ""
	execJS, jsErr := wasmExecNode()
	if p, err := lookNode(); err == nil && jsErr == nil {
		node = p
	}
	var out []trickResult
	for _, tr := range tricks {
		for _, wasm := range []bool{false, true} {
			if wasm && !tr.wasm {
				continue
			}
			rt := rtCore
			if tr.pkg == "./bench/cmd/runnerbench" {
				rt = "runner"
			}
			var env []string
			if wasm {
				rt += "-wasm"
				env = []string{"GOOS=js", "GOARCH=wasm"}
			}
			fmt.Fprintf(os.Stderr, "bench: trick %s (%s): building both ways\n", tr.name, rt)
			var cmds [2][]string
			var missing string
			for i, tags := range []string{"", tr.tag} {
				bin := filepath.Join(tmp, "trick-"+tr.name+"-"+rt+"-"+strconv.Itoa(i))
				if err := goBuildTags(bin, tr.pkg, tags, env); err != nil {
					missing = "build failed: " + err.Error()
					break
				}
				cmds[i] = []string{bin}
				if wasm {
					if node == "" {
						missing = "node or wasm_exec_node.js not found"
						break
					}
					cmds[i] = []string{node, execJS, bin}
				}
				cmds[i] = append(cmds[i], per.goArgs()...)
				if len(tr.only) > 0 {
					cmds[i] = append(cmds[i], "-only", strings.Join(tr.only, ","))
				}
			}
			best := [2]results{{}, {}}
			for round := 1; round <= rounds && missing == ""; round++ {
				// Alternate which goes first, so neither always follows the other.
				order := []int{0, 1}
				if round%2 == 0 {
					order = []int{1, 0}
				}
				for _, i := range order {
					fmt.Fprintf(os.Stderr, "bench: trick %s (%s): round %d/%d, %s\n", tr.name, rt, round, rounds, [...]string{"with", "without"}[i])
					for w, m := range (runtime{name: rt, cmd: cmds[i]}).runOnly() {
						best[i].keepBest(w, rt, m)
					}
				}
			}
			workloads := tr.only
			if len(workloads) == 0 {
				workloads = []string{"runner_events"}
			}
			for _, w := range workloads {
				r := trickResult{trick: tr.name, workload: w, rt: rt, with: best[0][w][rt], without: best[1][w][rt]}
				if missing != "" {
					r.with.Missing, r.without.Missing = missing, missing
				}
				if r.with.Unit == "" && r.with.Missing == "" {
					r.with.Missing = "not measured"
				}
				if r.without.Unit == "" && r.without.Missing == "" {
					r.without.Missing = "not measured"
				}
				if rt == "runner" || rt == "runner-wasm" {
					res.set(w, rt, r.with)
				}
				res.set(w, rt+" -"+tr.name, r.without)
				out = append(out, r)
			}
		}
	}
	return out
}

// printTricks prints each trick's gain per workload and whether it earns
// its place.
func printTricks(w io.Writer, rs []trickResult) {
	fmt.Fprintf(w, "\ntricks (issue 16: each stays only if it gains >= %.0f%% on a workload; with vs without, alternate runs):\n", minTrickGain*100)
	for _, tr := range tricks {
		best := -1.0
		var lines []string
		for _, r := range rs {
			if r.trick != tr.name {
				continue
			}
			if r.with.Missing != "" || r.without.Missing != "" {
				lines = append(lines, fmt.Sprintf("    %-14s %-12s missing: %s", r.workload, r.rt, cmp(r.with.Missing, r.without.Missing)))
				continue
			}
			g := r.gain()
			best = max(best, g)
			lines = append(lines, fmt.Sprintf("    %-14s %-12s %+6.1f%%  (%s with, %s without)", r.workload, r.rt, g*100, format(r.with), format(r.without)))
		}
		verdict := "EARNS ITS PLACE"
		switch {
		case best < -0.5:
			verdict = "NOT MEASURED"
		case best < minTrickGain:
			verdict = "DOES NOT EARN ITS PLACE: remove it"
		}
		fmt.Fprintf(w, "  %s, %s: best gain %+.1f%%: %s\n", tr.name, tr.where, best*100, verdict)
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
	}
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// runOnly is run without filling in the loop workloads a trick's program
// does not report.
func (rt runtime) runOnly() map[string]measurement {
	cells := rt.run()
	for w, m := range cells {
		if m.Missing != "" && slices.Contains(workloadOrder, w) && strings.Contains(m.Missing, "did not report") {
			delete(cells, w)
		}
	}
	return cells
}

// goBuildTags builds pkg to out with the build tags (may be "") for the
// target env sets.
func goBuildTags(out, pkg, tags string, env []string) error {
	args := []string{"build", "-o", out}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	cmd := exec.Command("go", append(args, pkg)...)
	cmd.Env = append(os.Environ(), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return errors.New(lastLine(b, err))
	}
	return nil
}

func lookNode() (string, error) { return exec.LookPath("node") }
