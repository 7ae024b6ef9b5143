//go:build !loopscope_precompiled

package precompiled

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/loopscope/loopscope/wasm/precompiled/internal/genexamples"
)

// TestGeneratedUpToDate: the generated code is what the examples give now
// (go generate ./wasm/precompiled rewrites it), and no example's package
// is left over from an example that is gone.
func TestGeneratedUpToDate(t *testing.T) {
	want, err := genexamples.Files(filepath.Join("..", "..", "web", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	for path, b := range want {
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s is not what web/examples gives (err %v): run go generate ./wasm/precompiled", path, err)
		}
	}
	dirs, err := os.ReadDir("examples")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if _, ok := want[filepath.Join("examples", d.Name(), "main.go")]; !ok {
			t.Errorf("examples/%s has no example in web/examples: run go generate ./wasm/precompiled", d.Name())
		}
	}
}
