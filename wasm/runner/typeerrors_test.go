package runner

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// Every type error is listed, in source order, as the Go compiler lists
// them; ixgo alone stops at the first it meets.
func TestAllTypeErrorsListed(t *testing.T) {
	src := `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	x := 1
	core.Run(func(ctx context.Context) (any, error) {
		return nil, core.Sleep(ctx, "soon")
	})
	fmt.Println(y)
}
`
	r := Run(context.Background(), Request{Source: src})
	if r.Outcome != OutcomeCompileError {
		t.Fatalf("outcome %s: %s", r.Outcome, r.Message)
	}
	var got []string
	for _, d := range r.Diagnostics {
		got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Message))
	}
	want := []string{
		"11:2 declared and not used: x",
		`13:31 cannot use "soon" (untyped string constant) as time.Duration value in argument to core.Sleep`,
		"15:14 undefined: y",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r.Message != "main.go:11:2: declared and not used: x" {
		t.Errorf("message %q: want the first error in source order", r.Message)
	}
}

// The list stops at ten, as the compiler's does.
func TestTypeErrorsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("package main\n\nfunc main() {\n")
	for i := range 15 {
		fmt.Fprintf(&b, "\t_ = undefined%d\n", i)
	}
	b.WriteString("}\n")
	r := Run(context.Background(), Request{Source: b.String()})
	if r.Outcome != OutcomeCompileError || len(r.Diagnostics) != maxTypeErrors {
		t.Fatalf("outcome %s with %d diagnostics, want %s with %d", r.Outcome, len(r.Diagnostics), OutcomeCompileError, maxTypeErrors)
	}
}
