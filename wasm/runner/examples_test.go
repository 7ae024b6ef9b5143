package runner

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const examplesDir = "../../web/examples"

func exampleNames(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(examplesDir, "*", "main.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s: %v", examplesDir, err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(filepath.Dir(f)))
	}
	return names
}

func goldenPath(name string) string { return filepath.Join("testdata", "golden", name+".golden") }

// checkGolden compares got with the golden file (UPDATE_GOLDEN=1 rewrites it).
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := goldenPath(name)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, firstDiff(string(want), got))
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n want: " + a + "\n  got: " + b
		}
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestExamplesInterpreted: every example, interpreted, matches its golden file.
func TestExamplesInterpreted(t *testing.T) {
	for _, name := range exampleNames(t) {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(examplesDir, name, "main.go"))
			if err != nil {
				t.Fatal(err)
			}
			r := Run(context.Background(), Request{Source: string(src)})
			checkGolden(t, name, r.Golden())
		})
	}
}

// TestExamplesNative: every example compiled natively with the Go toolchain
// gives the same output and trace as the golden file (shared with the
// interpreted and wasm runs).
func TestExamplesNative(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range exampleNames(t) {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(examplesDir, name, "main.go"))
			if err != nil {
				t.Fatal(err)
			}
			r := runNative(t, root, string(src))
			checkGolden(t, name, r.Golden())
		})
	}
}

// runNative builds the program natively (go build) and runs it.
func runNative(t *testing.T, root, src string) *Result {
	t.Helper()
	prog, shim, err := NativeProgram(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mainFile, shimFile := filepath.Join(dir, "main.go"), filepath.Join(dir, "zz_loopscope_native.go")
	if err := os.WriteFile(mainFile, []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(shimFile, []byte(shim), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "prog")
	build := exec.Command("go", "build", "-o", bin, mainFile, shimFile)
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatalf("running the native build: %v", err)
	}
	var r Result
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("native result: %v\n%s", err, out)
	}
	return &r
}
