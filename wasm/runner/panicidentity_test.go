package runner

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// panicProgram panics with its own error type in a task, a callback, work
// on another goroutine and a TaskGroup body, and looks at each *PanicError.
const panicProgram = `package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

type ValueError struct{ msg string }

func (e *ValueError) Error() string { return e.msg }

var errSentinel = errors.New("sentinel")

// repr prints an error as Python would print the exception.
func repr(err error) string {
	var pe *core.PanicError
	if errors.As(err, &pe) {
		return "PanicError(" + reprValue(pe.Value) + ")"
	}
	return reprValue(err)
}

func reprValue(v any) string {
	if ve, ok := v.(*ValueError); ok {
		return fmt.Sprintf("ValueError(%q)", ve.msg)
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

func main() {
	var handled []error
	loop := core.NewLoop()
	loop.SetExceptionHandler(func(l *core.Loop, c core.ExceptionContext) { handled = append(handled, c.Err) })
	loop.RunMain(func(ctx context.Context) (any, error) {
		var ve *ValueError
		t := core.RunningLoop(ctx).CreateTask("bad", func(ctx context.Context) (any, error) {
			panic(&ValueError{"bad 1"})
		})
		_, err := core.Await(ctx, t)
		fmt.Println("task:", repr(err), errors.As(err, &ve), ve.msg)
		fmt.Println("text:", err)
		core.RunningLoop(ctx).CallSoon(func() { panic(errSentinel) })
		_, err = core.ToThread(ctx, func(context.Context) (any, error) { panic(&ValueError{"bad 2"}) })
		fmt.Println("to thread:", repr(err), errors.As(err, &ve), ve.msg)
		err = core.WithTaskGroup(ctx, func(ctx context.Context, tg *core.TaskGroup) error {
			panic(&ValueError{"bad 3"})
		})
		fmt.Println("task group:", repr(err), errors.As(err, &ve), ve.msg)
		return nil, nil
	})
	fmt.Println("callback:", repr(handled[0]), errors.Is(handled[0], errSentinel))
}
`

// TestPanicIdentity: a value a program panics with is the *PanicError's
// Value and matched by errors.Is / errors.As through it, interpreted as
// compiled (ixgo raises it wrapped in its own type), and prints the same.
func TestPanicIdentity(t *testing.T) {
	want := []string{
		`task: PanicError(ValueError("bad 1")) true bad 1`,
		`text: panic: bad 1`,
		`to thread: PanicError(ValueError("bad 2")) true bad 2`,
		`task group: PanicError(ValueError("bad 3")) true bad 3`,
		`callback: PanicError(*errors.errorString(sentinel)) true`,
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range []struct {
		name string
		res  *Result
	}{
		{"interpreted", Run(context.Background(), Request{Source: panicProgram})},
		{"compiled", runNative(t, root, panicProgram)},
	} {
		var got []string
		for _, l := range run.res.Output {
			got = append(got, l.Text)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s (%s: %s) printed\n%s\nwant\n%s", run.name, run.res.Outcome, run.res.Message,
				strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
