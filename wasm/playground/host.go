//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main on other platforms explains how to build the real thing.
func main() {
	fmt.Fprintln(os.Stderr, "the playground runner runs in a browser: build it with `make wasm` (GOOS=js GOARCH=wasm)")
	os.Exit(2)
}
