//go:build js && wasm

// Command playground is the runner compiled to WebAssembly for the
// playground's Web Worker. It sets globalThis.loopscope = {version, format,
// run, prepare} and then calls globalThis.loopscopeReady if it is defined.
package main

import (
	"context"
	"runtime/debug"
	"syscall/js"

	"github.com/loopscope/loopscope/wasm/runner"
)

func main() {
	// Runaway recursion kills the instance (Go cannot recover from a stack
	// overflow); a smaller limit makes that quick, and the worker restarts.
	debug.SetMaxStack(256 << 20)
	// The runner's live heap is small (3-6 MB), so at GOGC=100 a cycle came
	// every second run or so, and in wasm its marking runs on the one thread
	// the program runs on: 10 cycles and 419 ms of GC CPU over 30 re-runs
	// of the queue example, the re-run that hit one taking 100+ ms against
	// a 15-40 ms median. At 400 the same 30 re-runs made 1 cycle (48 ms).
	// The limit keeps a program with a big live heap (a long trace) from
	// growing the instance's memory fivefold: past it, cycles come sooner.
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(384 << 20)
	api := js.Global().Get("Object").New()
	api.Set("version", js.FuncOf(version))
	api.Set("format", js.FuncOf(format))
	api.Set("run", js.FuncOf(run))
	api.Set("prepare", js.FuncOf(prepare))
	js.Global().Set("loopscope", api)
	if ready := js.Global().Get("loopscopeReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // keep the instance alive for the next call
}

// version names the build: the module version, or the VCS revision.
func version(js.Value, []js.Value) any {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return "loopscope " + v
}

// format is gofmt: JSON {"source"} or {"col","error","line"}.
func format(_ js.Value, args []js.Value) any {
	if len(args) < 1 || args[0].Type() != js.TypeString {
		return `{"col":0,"error":"format needs the program text","line":0}`
	}
	return runner.FormatJSON(args[0].String())
}

// prepare does the next step of preparing a program (runner.PrepareStep):
// a Promise of whether steps are left. The worker calls it while idle.
func prepare(_ js.Value, args []js.Value) any {
	var src string
	if len(args) > 0 && args[0].Type() == js.TypeString {
		src = args[0].String()
	}
	executor := js.FuncOf(func(_ js.Value, pr []js.Value) any {
		resolve := pr[0]
		go func() {
			runner.WarmUp() // first: the program prepared must stay the last one built
			resolve.Invoke(runner.PrepareStep(src))
		}()
		return nil
	})
	defer executor.Release()
	return js.Global().Get("Promise").New(executor)
}

// run returns a Promise of the Result JSON. The work happens in a goroutine:
// blocking inside a js.FuncOf callback would deadlock the event loop.
func run(_ js.Value, args []js.Value) any {
	var reqJSON string
	var onMessage js.Value
	if len(args) > 0 && args[0].Type() == js.TypeString {
		reqJSON = args[0].String()
	}
	if len(args) > 1 && args[1].Type() == js.TypeFunction {
		onMessage = args[1]
	}
	executor := js.FuncOf(func(_ js.Value, pr []js.Value) any {
		resolve := pr[0]
		go func() {
			resolve.Invoke(string(execute(reqJSON, onMessage)))
		}()
		return nil
	})
	defer executor.Release()
	return js.Global().Get("Promise").New(executor)
}

func execute(reqJSON string, onMessage js.Value) []byte {
	req, err := runner.ParseRequest(reqJSON)
	if err != nil {
		return runner.ErrorResult("bad request: " + err.Error()).JSON()
	}
	if req.Clock != "" && req.Clock != "virtual" && req.Clock != "real" {
		return runner.ErrorResult(`bad request: clock must be "virtual" or "real"`).JSON()
	}
	// The instance's one-time costs, paid before the program's first step
	// rather than in it (runner/warmup.go), unless preparing already did.
	runner.WarmUp()
	if onMessage.Type() != js.TypeFunction {
		return runner.Run(context.Background(), req).JSON()
	}
	b := newBatcher(onMessage)
	req.OnMessage = b.add
	res := runner.Run(context.Background(), req)
	b.flush()
	return res.JSON()
}
