package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// wasmPackage is the playground runner compiled for the browser.
const wasmPackage = "./wasm/playground"

// The playground ships three runners. The default leaves out net/http (1.6 MB
// brotli, more than half the first-load budget); the page switches to the
// full one only for a program that imports net/http. The precompiled one
// has no interpreter, only the examples compiled in (wasm/precompiled): the
// page starts with it and loads the interpreter once the program is no
// unchanged example.
const (
	wasmTagsDefault     = "loopscope_nohttp"
	wasmTagsHTTP        = ""
	wasmTagsPrecompiled = "loopscope_nohttp,loopscope_precompiled"
)

// buildWasm compiles the playground runner for GOOS=js GOARCH=wasm, stripped,
// with the given build tags (comma-separated; "" for none).
func buildWasm(cfg config, tags string) ([]byte, error) {
	if _, err := os.Stat(cfg.path("wasm", "playground")); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("wasm: package %s does not exist: the site needs the playground runner (GOOS=js GOARCH=wasm)", wasmPackage)
	}
	tmp, err := os.MkdirTemp("", "loopscope-wasm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "loopscope.wasm")
	cmd := exec.Command(goTool(), "build", "-trimpath", "-ldflags=-s -w", "-tags="+tags, "-o", out, wasmPackage)
	cmd.Dir = cfg.root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("wasm: GOOS=js GOARCH=wasm go build -tags=%q %s: %v\n%s", tags, wasmPackage, err, strings.TrimSpace(stderr.String()))
	}
	return os.ReadFile(out)
}

// wasmExecJS is the JavaScript glue shipped with the Go toolchain that
// builds the wasm; the two must come from the same Go version.
func wasmExecJS() ([]byte, error) {
	out, err := exec.Command(goTool(), "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("wasm_exec.js: go env GOROOT: %v", err)
	}
	goroot := strings.TrimSpace(string(out))
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		b, err := os.ReadFile(filepath.Join(goroot, p))
		if err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("wasm_exec.js: not found under %s (lib/wasm or misc/wasm)", goroot)
}

// goTool is the go command: $GO when set (the Makefile's variable), else go.
func goTool() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}
