package runner

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/loopscope/loopscope/core"
)

// TestCallbackNames: a scheduled callback is named by its function in the
// trace, the same whether the program is interpreted or compiled (and in
// wasm: TestTruthInWasm); a function literal, even through a variable, has
// no name.
func TestCallbackNames(t *testing.T) {
	want := []string{"handler", "(*greeter).hello", "greeter.bye", "", "handler", "", "(*Loop).Stop", ""}
	names := func(r *Result) []string {
		var s []string
		for _, ev := range r.Events {
			if ev.Kind == core.KindCbSchedule {
				s = append(s, ev.Name)
			}
		}
		return s
	}
	in := truthRun(t, "callback_names")
	if in.Outcome != OutcomeOK {
		t.Fatalf("%s: %s", in.Outcome, in.Message)
	}
	if got := names(in); !slices.Equal(got, want) {
		t.Errorf("interpreted: %q, want %q", got, want)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("testdata", "truth", "callback_names.go"))
	if err != nil {
		t.Fatal(err)
	}
	if got := names(runNative(t, root, string(src))); !slices.Equal(got, want) {
		t.Errorf("compiled: %q, want %q", got, want)
	}
}
