package core

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Behaviour tests are pinned against CPython: each scenario has a Python
// program in testdata/asyncio/NAME.py and the lines it prints in NAME.out.
// TestPythonPins re-runs every program with /usr/bin/python3 and checks the
// .out file, so a pin cannot drift from what asyncio really does; the Go
// test for NAME must print the same lines. lib/run_scenario.py runs each on
// a virtual clock, as core's tests run, so the machine's load cannot reorder
// timers that are due together.
//
// To add one: write NAME.py, run `go test ./core -run TestPythonPins -update`
// to write NAME.out, then write the Go test calling pinned(t, "NAME", lines).

const python = "/usr/bin/python3"

var updatePins = os.Getenv("UPDATE_PINS") != ""

func TestPythonPins(t *testing.T) {
	if _, err := os.Stat(python); err != nil {
		t.Fatalf("%s is needed to check the asyncio pins: %v", python, err)
	}
	scripts, _ := filepath.Glob("testdata/asyncio/*.py")
	if len(scripts) == 0 {
		t.Fatal("no pinned scenarios found")
	}
	for _, py := range scripts {
		name := strings.TrimSuffix(filepath.Base(py), ".py")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(python, "-X", "dev", "-W", "ignore", "testdata/asyncio/lib/run_scenario.py", py)
			cmd.Env = append(os.Environ(), "PYTHONHASHSEED=0", "PYTHONASYNCIODEBUG=0", "PYTHONDEVMODE=0")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s failed: %v\n%s", py, err, stderr.String())
			}
			outFile := strings.TrimSuffix(py, ".py") + ".out"
			if updatePins {
				if err := os.WriteFile(outFile, out, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(outFile)
			if err != nil {
				t.Fatalf("missing %s (run with UPDATE_PINS=1): %v", outFile, err)
			}
			if !bytes.Equal(out, want) {
				t.Fatalf("CPython now prints\n%s\nbut %s says\n%s", out, outFile, want)
			}
		})
	}
}

// pinned checks that a Go scenario printed exactly what CPython printed.
func pinned(t *testing.T, name string, got []string) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("testdata", "asyncio", name+".out"))
	if err != nil {
		t.Fatalf("no pin for %s: %v", name, err)
	}
	wantLines := strings.Split(strings.TrimRight(string(want), "\n"), "\n")
	if strings.Join(got, "\n") != strings.Join(wantLines, "\n") {
		t.Fatalf("%s: order differs from CPython\n--- core\n%s\n--- asyncio\n%s", name,
			strings.Join(got, "\n"), strings.Join(wantLines, "\n"))
	}
}

// lines collects what a scenario prints.
type lines []string

func (l *lines) add(format string, args ...any) { *l = append(*l, fmt.Sprintf(format, args...)) }
