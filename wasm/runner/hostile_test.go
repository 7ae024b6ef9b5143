package runner

import (
	"context"
	"strings"
	"testing"
	"time"
)

const okProgram = `package main

import "fmt"

func main() { fmt.Println("still works") }
`

// checkNextRunWorks: after a hostile program, an ordinary one runs normally.
func checkNextRunWorks(t *testing.T) {
	t.Helper()
	r := Run(context.Background(), Request{Source: okProgram})
	if r.Outcome != OutcomeOK || len(r.Output) != 1 || r.Output[0].Text != "still works" {
		t.Fatalf("the next run failed: %s %s %+v", r.Outcome, r.Message, r.Output)
	}
}

func TestHostilePrograms(t *testing.T) {
	cases := []struct {
		name    string
		src     string
		limits  Limits
		outcome string
		limit   string
		message string // a substring of the message
		diag    string // "line:col" of the first diagnostic, if any
		output  int    // the output kept, at least this many lines
	}{
		{
			name: "infinite loop",
			src: `package main

func main() {
	for {
	}
}
`,
			limits: Limits{WallMS: 300}, outcome: OutcomeLimit, limit: "wall", message: "still running after 300ms",
		},
		{
			name: "channel deadlock",
			src: `package main

func main() {
	ch := make(chan int)
	<-ch
}
`,
			limits: Limits{WallMS: 300}, outcome: OutcomeLimit, limit: "wall", message: "blocked forever",
		},
		{
			name: "panic",
			src: `package main

import "fmt"

func main() {
	fmt.Println("before")
	var m map[string]int
	m["x"] = 1
}
`,
			outcome: OutcomePanic, message: "assignment to entry in nil map", diag: "8:", output: 1,
		},
		{
			name: "panic in a task",
			src: `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		var p *struct{ x int }
		return p.x, nil
	})
	fmt.Println(err)
}
`,
			outcome: OutcomeFailed, message: `task "Task-1" panicked at main.go:13: runtime error: invalid memory address or nil pointer dereference`, diag: "13:", output: 1,
		},
		{
			name: "100 MB of output",
			src: `package main

import (
	"fmt"
	"strings"
)

func main() {
	line := strings.Repeat("x", 1000)
	for i := 0; i < 100_000; i++ {
		fmt.Println(line)
	}
}
`,
			outcome: OutcomeLimit, limit: "output", message: "printed more than", output: 1000,
		},
		{
			name: "a million timers",
			src: `package main

import (
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	for i := 0; i < 1_000_000; i++ {
		loop.CallLater(time.Duration(i)*time.Millisecond, func() {})
	}
	loop.RunForever()
}
`,
			// A small event limit keeps the test quick (under -race too).
			limits:  Limits{Events: 20_000, WallMS: 120_000},
			outcome: OutcomeLimit, limit: "events", message: "more than 20,000 trace events",
		},
		{
			name: "virtual time",
			src: `package main

import (
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	loop.CallLater(48*time.Hour, loop.Stop)
	loop.RunForever()
}
`,
			outcome: OutcomeLimit, limit: "virtual", message: "clock passed",
		},
		{
			name: "syntax error",
			src: `package main

func main() {
	x :=
}
`,
			outcome: OutcomeCompileError, message: "main.go:5:1:", diag: "5:1",
		},
		{
			name: "type error",
			src: `package main

func main() {
	var n int = "three"
	_ = n
}
`,
			outcome: OutcomeCompileError, message: `cannot use "three" (untyped string constant) as int value in variable declaration`, diag: "4:14",
		},
		{
			name: "forbidden import",
			src: `package main

import "os"

func main() { os.Exit(3) }
`,
			outcome: OutcomeCompileError, message: "package os is not available", diag: "3:8",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			r := Run(context.Background(), Request{Source: c.src, Limits: c.limits})
			if r.Outcome != c.outcome || r.Limit != c.limit || !strings.Contains(r.Message, c.message) {
				t.Errorf("got %s/%s %q, want %s/%s containing %q", r.Outcome, r.Limit, r.Message, c.outcome, c.limit, c.message)
			}
			if c.diag != "" {
				if len(r.Diagnostics) == 0 {
					t.Errorf("no diagnostic, want one at %s", c.diag)
				} else if d := r.Diagnostics[0]; !strings.HasPrefix(itoa(d.Line)+":"+itoa(d.Col), c.diag) {
					t.Errorf("diagnostic at %d:%d (%s), want %s", d.Line, d.Col, d.Message, c.diag)
				}
			}
			if len(r.Output) < c.output {
				t.Errorf("kept %d lines of output, want at least %d", len(r.Output), c.output)
			}
			t.Logf("%s: %s %v (%d lines of output, %d events, %v)", r.Outcome, r.Message, r.Diagnostics, len(r.Output), len(r.Events), time.Since(start))
			checkNextRunWorks(t)
		})
	}
}

// A first run's wall limit is stretched by the worker's load time: the
// message says it in whole seconds, not 11.294s.
func TestWallLimitInWholeSeconds(t *testing.T) {
	if got := limitMessage("wall", Limits{WallMS: 11_294}); !strings.Contains(got, "still running after 11s of real time") {
		t.Errorf("%q", got)
	}
	if got := limitMessage("wall", Limits{WallMS: 300}); !strings.Contains(got, "still running after 300ms of real time") {
		t.Errorf("%q", got)
	}
}
