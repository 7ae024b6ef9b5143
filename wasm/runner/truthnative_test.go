package runner

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// diagCol: a compiled program's panic has no column (the runtime keeps
// lines only); the interpreted one's does. Everything else must agree.
// A panic's stack names its goroutine, numbered by the process.
var (
	diagCol       = regexp.MustCompile(`(?m)^(diagnostic: \d+):\d+:`)
	goroutineNumb = regexp.MustCompile(`goroutine \d+ `)
)

func comparable(golden string) string {
	return goroutineNumb.ReplaceAllString(diagCol.ReplaceAllString(golden, "$1:0:"), "goroutine N ")
}

// TestTruthNative: the truth programs (panics in main, a task, a callback
// and a done-callback, a failed task, blocking, an ignored cancellation)
// compiled natively give what they give interpreted: the same outcome and
// message (a panic named at its line), output, trace and diagnostics.
func TestTruthNative(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "truth", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no programs: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want := comparable(truthRun(t, name[:len(name)-3]).Golden())
			got := comparable(runNative(t, root, string(src)).Golden())
			if got != want {
				t.Errorf("compiled differs from interpreted: %s", firstDiff(want, got))
			}
		})
	}
}
