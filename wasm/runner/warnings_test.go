package runner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loopscope/loopscope/core"
)

const warningsFixtureDir = "../../web/test/unit/fixtures/warnings"

// TestWarningTraces runs the small programs of testdata/warnings, one for
// each kind of warning the page finds in a trace (web/src/timeline/
// warnings.ts), and keeps their traces for its unit test
// (web/test/unit/warnings.test.ts) and the browser test that types the same
// programs. UPDATE_GOLDEN=1 rewrites them, like the golden files.
func TestWarningTraces(t *testing.T) {
	progs, err := filepath.Glob(filepath.Join("testdata", "warnings", "*.go"))
	if err != nil || len(progs) == 0 {
		t.Fatalf("no programs in testdata/warnings: %v", err)
	}
	for _, path := range progs {
		name := strings.TrimSuffix(filepath.Base(path), ".go")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r := Run(context.Background(), Request{Source: string(src)})
			if r.Outcome == "compile-error" || r.Outcome == "crash" || r.Outcome == "limit" {
				t.Fatalf("%s: %s: %s", name, r.Outcome, r.Message)
			}
			var b bytes.Buffer
			if err := core.WriteJSON(&b, r.Events, true); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(warningsFixtureDir, name+".json")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.MkdirAll(warningsFixtureDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if !bytes.Equal(want, b.Bytes()) {
				t.Errorf("%s is stale (UPDATE_GOLDEN=1 rewrites it):\n%s", out, firstDiff(string(want), b.String()))
			}
		})
	}
}
