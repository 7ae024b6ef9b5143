//go:build wasmnode

package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/loopscope/loopscope/wasm/runner"
)

// TestPrecompiledAsInterpreted: examples cut short by each limit, on the
// real clock, and with slow-step reports, run by the precompiled build in
// wasm, end as the interpreter ends them natively (outcome, message,
// output kept, trace); an edited example is turned away for the
// interpreter, and the instance then still runs the next example.
func TestPrecompiledAsInterpreted(t *testing.T) {
	dir := t.TempDir()
	gather := mustRead(t, "../../web/examples/gather_downloads/main.go")
	queue := mustRead(t, "../../web/examples/queue/main.go")
	reqs := map[string]runner.Request{
		"events":  {Source: gather, Limits: runner.Limits{Events: 25}},
		"output":  {Source: queue, Limits: runner.Limits{OutputBytes: 40}},
		"virtual": {Source: gather, Limits: runner.Limits{VirtualMS: 500}},
		"edited":  {Source: gather + "// edited\n"},
		"after":   {Source: queue},
	}
	order := []string{"events", "output", "virtual", "edited", "after"}
	var files []string
	for _, name := range order {
		b, err := json.Marshal(reqs[name])
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name+".json")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	results, log := runInNode(t, buildWasm(t, "loopscope_precompiled"), files)
	t.Log(log)
	for i, name := range order {
		got := results[i].Result
		if name == "edited" {
			if got.Outcome != runner.OutcomeError || got.Message != runner.NotPrecompiled {
				t.Errorf("edited example: %s %q, want %q", got.Outcome, got.Message, runner.NotPrecompiled)
			}
			continue
		}
		want := runner.Run(context.Background(), reqs[name]).Golden()
		if g := got.Golden(); g != want {
			t.Errorf("%s: the precompiled run in wasm differs from the interpreted one:\n--- precompiled\n%s\n--- interpreted\n%s", name, g, want)
		}
		if name != "after" && got.Outcome != runner.OutcomeLimit {
			t.Errorf("%s: outcome %s (%s), want a limit", name, got.Outcome, got.Message)
		}
	}
}
