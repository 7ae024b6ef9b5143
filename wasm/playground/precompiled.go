//go:build js && wasm && loopscope_precompiled

package main

import (
	"github.com/loopscope/loopscope/wasm/precompiled"
	"github.com/loopscope/loopscope/wasm/runner"
)

// Built with -tags loopscope_precompiled, the runner runs the examples
// compiled in (wasm/precompiled) and nothing else.
func init() { runner.Programs = precompiled.Programs }
