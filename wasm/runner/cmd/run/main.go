// Command run runs a Go program through the playground's runner natively:
// it prints the program's output, a compact timeline of the loop, and
// writes the trace as JSON.
//
//	go run ./wasm/runner/cmd/run [-clock virtual|real] [-trace out.json] prog.go
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/loopscope/loopscope/core"
	"github.com/loopscope/loopscope/wasm/runner"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command on its own flag set, so that a test can call it and
// so that nothing the interpreted program does to package flag affects it.
// It returns the exit code: 0 when the program finished, 1 when it did not,
// 2 for a usage or file error.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	clock := fs.String("clock", "virtual", `"virtual" (instant, deterministic) or "real"`)
	trace := fs.String("trace", "", "write the trace (JSON) to this file")
	quiet := fs.Bool("no-timeline", false, "do not print the timeline")
	slow := fs.Duration("slow", 50*time.Millisecond, "report a callback or task step taking longer than this of real time (0: never)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: run [-clock virtual|real] [-slow 50ms] [-trace out.json] program.go")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	if *clock != "virtual" && *clock != "real" {
		fmt.Fprintf(stderr, "run: -clock must be virtual or real, not %q\n", *clock)
		return 2
	}
	path := fs.Arg(0)
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(stderr, "run:", err)
		return 2
	}
	res := runner.Run(context.Background(), runner.Request{Source: string(src), Clock: *clock, SlowMS: slow.Milliseconds()})

	for _, l := range res.Output {
		fmt.Fprintln(stdout, l.Text)
	}
	for _, d := range res.Diagnostics {
		fmt.Fprintf(stderr, "%s:%d:%d: %s\n", path, d.Line, d.Col, d.Message)
	}
	if !*quiet && len(res.Events) > 0 {
		fmt.Fprintln(stdout, "\n--- timeline (loop time, seq, running, event @ program line)")
		runner.WriteTimeline(stdout, res.Events)
	}
	if *trace != "" {
		f, err := os.Create(*trace)
		if err == nil {
			err = core.WriteJSON(f, res.Events, false)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(stderr, "run: writing the trace:", err)
			return 2
		}
	}
	fmt.Fprintf(stderr, "[%s] %s\n", res.Outcome, res.Message)
	if res.Outcome != runner.OutcomeOK {
		return 1
	}
	return 0
}
