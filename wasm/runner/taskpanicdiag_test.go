package runner

import (
	"context"
	"fmt"
	"testing"
)

// TestTaskPanicDiagnostic: a task that dies of a panic gets a diagnostic at
// the line that panicked, whatever the value: core prints it with %v, as
// compiled Go does, not as the interpreter's own panic message does.
func TestTaskPanicDiagnostic(t *testing.T) {
	src := `package main

import (
	"context"

	"github.com/loopscope/loopscope/core"
)

type code int

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		l := core.RunningLoop(ctx)
		a := l.CreateTask("float", func(context.Context) (any, error) { panic(1.5) })
		b := l.CreateTask("named", func(context.Context) (any, error) { panic(code(7)) })
		c := l.CreateTask("text", func(context.Context) (any, error) { panic("bad") })
		core.Await(ctx, a)
		core.Await(ctx, b)
		core.Await(ctx, c)
		return nil, nil
	})
}
`
	r := Run(context.Background(), Request{Source: src})
	want := map[string]bool{
		`14 task "float" panicked: 1.5`: false,
		`15 task "named" panicked: 7`:   false,
		`16 task "text" panicked: bad`:  false,
	}
	for _, d := range r.Diagnostics {
		key := fmt.Sprintf("%d %s", d.Line, d.Message)
		if _, ok := want[key]; ok {
			want[key] = true
		}
	}
	for k, seen := range want {
		if !seen {
			t.Errorf("no diagnostic %q among %+v", k, r.Diagnostics)
		}
	}
}
