//go:build loopscope_precompiled

package precompiled

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/loopscope/loopscope/wasm/runner"
)

// TestExamplesPrecompiled: every example run by the precompiled build
// (natively; make test-runner runs it in wasm too) gives its golden file,
// the one the interpreted and compiled runs give; and a program that is no
// example, unchanged, is turned away for the interpreter.
// make test-runner runs it: go test -tags loopscope_precompiled.
func TestExamplesPrecompiled(t *testing.T) {
	runner.Programs = Programs
	mains := exampleMains()
	if len(mains)+1 != len(Programs) {
		t.Fatalf("%d Go examples and the warm-up, %d precompiled", len(mains), len(Programs))
	}
	for _, m := range mains {
		name := filepath.Base(filepath.Dir(m))
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("..", "runner", "testdata", "golden", name+".golden"))
			if err != nil {
				t.Fatal(err)
			}
			got := runner.Run(context.Background(), runner.Request{Source: string(src)}).Golden()
			if got != string(want) {
				t.Errorf("differs from the golden file:\n%s", diff(string(want), got))
			}
			edited := runner.Run(context.Background(), runner.Request{Source: string(src) + "// edited\n"})
			if edited.Outcome != runner.OutcomeError || edited.Message != runner.NotPrecompiled {
				t.Errorf("an edited example: %s %q, want the interpreter asked for", edited.Outcome, edited.Message)
			}
		})
	}
}

// exampleMains are the Go examples' main.go files.
func exampleMains() []string {
	mains, _ := filepath.Glob(filepath.Join("..", "..", "web", "examples", "*", "main.go"))
	return mains
}
