package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const panicking = `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		t := core.CurrentTask(ctx).Loop().CreateTask("bad", func(ctx context.Context) (any, error) {
			var xs []int
			fmt.Println("about to fail")
			return xs[3], nil
		})
		_, err := core.Await(ctx, t)
		fmt.Println("main sees:", err)
		return nil, nil
	})
}
`

func write(t *testing.T, name, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A task's panic is reported at the program's own file:line:col, and the
// trace file is the JSON the playground's timeline reads.
func TestRunReportsPanicAtItsLine(t *testing.T) {
	prog := write(t, "prog.go", panicking)
	tracePath := filepath.Join(t.TempDir(), "trace.json")
	var out, errs bytes.Buffer
	code := run([]string{"-trace", tracePath, prog}, &out, &errs)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errs.String())
	}
	want := prog + `:15:13: task "bad" panicked: runtime error: index out of range [3] with length 0`
	if !strings.Contains(errs.String(), want+"\n") {
		t.Errorf("stderr lacks %q:\n%s", want, errs.String())
	}
	if !strings.HasPrefix(out.String(), "about to fail\nmain sees: panic: runtime error: index out of range") ||
		!strings.Contains(out.String(), "--- timeline") {
		t.Errorf("stdout:\n%s", out.String())
	}
	data, err := os.ReadFile(tracePath)
	if err != nil {
		t.Fatal(err)
	}
	var trace any
	if err := json.Unmarshal(data, &trace); err != nil || !bytes.Contains(data, []byte(`"task.done"`)) {
		t.Fatalf("trace is not the JSON trace (%v):\n%.300s", err, data)
	}
}

func TestRunErrors(t *testing.T) {
	compileErr := write(t, "broken.go", "package main\n\nfunc main() {\n\tx := 1\n}\n")
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no program", nil, 2, "usage: run"},
		{"two programs", []string{"a.go", "b.go"}, 2, "usage: run"},
		{"bad clock", []string{"-clock", "wall", "a.go"}, 2, `-clock must be virtual or real, not "wall"`},
		{"unknown flag", []string{"-x", "a.go"}, 2, "flag provided but not defined: -x"},
		{"missing file", []string{filepath.Join(t.TempDir(), "nope.go")}, 2, "no such file or directory"},
		{"compile error", []string{compileErr}, 1, compileErr + ":4:2: declared and not used: x"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			if code := run(c.args, &out, &errs); code != c.code || !strings.Contains(errs.String(), c.stderr) {
				t.Fatalf("exit %d (want %d), stderr:\n%s\nwant it to contain %q", code, c.code, errs.String(), c.stderr)
			}
		})
	}
}
