package main

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"github.com/loopscope/loopscope/wasm/runner"
)

// program is something the build runs through the playground's runner
// before shipping it: a docs embed, an API example or an example program.
type program struct {
	file   string
	line   int    // line of the program's first line minus one (a fence), 0 for a whole file
	expect string // the outcome it must end with; "" = anything but a compile error
	clock  string
	code   string
}

// checkPrograms runs every program in the same interpreter the browser
// uses, so an example that no longer compiles (or no longer ends as its page
// says) fails the build at its line.
func checkPrograms(progs []program, errs *errorList) {
	type failure struct {
		i   int
		res *runner.Result
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2) // the interpreter is CPU-bound; stay polite on a shared machine
	results := make([]*runner.Result, len(progs))
	for i, p := range progs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			res := runner.Run(context.Background(), runner.Request{Source: p.code, Clock: p.clock})
			mu.Lock()
			results[i] = res
			mu.Unlock()
		}()
	}
	wg.Wait()
	for i, p := range progs {
		res := results[i]
		switch {
		case res.Outcome == runner.OutcomeCompileError:
			if len(res.Diagnostics) == 0 {
				errs.add(p.file, p.line, "does not compile: %s", res.Message)
			}
			for _, d := range res.Diagnostics {
				errs.add(p.file, p.line+d.Line, "does not compile: %s", d.Message)
			}
		case p.expect != "" && res.Outcome != p.expect:
			msg := res.Message
			if len(res.Diagnostics) > 0 {
				msg += " (program line " + strconv.Itoa(res.Diagnostics[0].Line) + ")"
			}
			errs.add(p.file, p.line, "expected the example to end %q but it ended %q: %s%s", p.expect, res.Outcome, msg, lastOutput(res))
		}
	}
}

func lastOutput(res *runner.Result) string {
	n := len(res.Output)
	if n == 0 {
		return ""
	}
	var lines []string
	for _, l := range res.Output[max(0, n-3):] {
		lines = append(lines, l.Text)
	}
	return "\n      last output: " + strings.Join(lines, " | ")
}
