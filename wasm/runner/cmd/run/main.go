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
	"os"

	"github.com/loopscope/loopscope/core"
	"github.com/loopscope/loopscope/wasm/runner"
)

func main() {
	clock := flag.String("clock", "virtual", `"virtual" (instant, deterministic) or "real"`)
	trace := flag.String("trace", "", "write the trace (JSON) to this file")
	quiet := flag.Bool("no-timeline", false, "do not print the timeline")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: run [-clock virtual|real] [-trace out.json] program.go")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if *clock != "virtual" && *clock != "real" {
		fmt.Fprintf(os.Stderr, "run: -clock must be virtual or real, not %q\n", *clock)
		os.Exit(2)
	}
	src, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "run:", err)
		os.Exit(2)
	}
	res := runner.Run(context.Background(), runner.Request{Source: string(src), Clock: *clock})

	for _, l := range res.Output {
		fmt.Println(l.Text)
	}
	for _, d := range res.Diagnostics {
		fmt.Fprintf(os.Stderr, "%s:%d:%d: %s\n", flag.Arg(0), d.Line, d.Col, d.Message)
	}
	if !*quiet && len(res.Events) > 0 {
		fmt.Println("\n--- timeline (loop time, seq, running, event @ program line)")
		runner.WriteTimeline(os.Stdout, res.Events)
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
			fmt.Fprintln(os.Stderr, "run: writing the trace:", err)
			os.Exit(2)
		}
	}
	fmt.Fprintf(os.Stderr, "[%s] %s\n", res.Outcome, res.Message)
	if res.Outcome != runner.OutcomeOK {
		os.Exit(1)
	}
}
