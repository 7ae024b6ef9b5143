// Command cmd writes package precompiled's generated code (run by go
// generate in wasm/precompiled): the examples' packages and programs.go.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/loopscope/loopscope/wasm/precompiled/internal/genexamples"
)

func main() {
	files, err := genexamples.Files(filepath.Join("..", "..", "web", "examples"))
	if err == nil {
		err = os.RemoveAll("examples") // an example removed takes its package along
	}
	for path, b := range files {
		if err != nil {
			break
		}
		if err = os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
			err = os.WriteFile(path, b, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genexamples:", err)
		os.Exit(1)
	}
}
