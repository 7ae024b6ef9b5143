package runner

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/loopscope/loopscope/core"
)

const namesProgram = `package main

import (
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

type greeter struct{ name string }

func (g *greeter) hello() { fmt.Println("hello from", g.name) }

func (g greeter) bye() { fmt.Println("bye from", g.name) }

func handler() { fmt.Println("handler") }

func main() {
	loop := core.NewLoop()
	g := &greeter{"g"}
	loop.CallSoon(handler)
	loop.CallSoon(g.hello)
	loop.CallSoon(g.bye)
	loop.CallSoon(func() {
		fmt.Println("literal")
		loop.CallSoon(func() { fmt.Println("nested") })
	})
	later := handler
	loop.CallLater(time.Second, later)
	tick := func() { fmt.Println("tick") }
	loop.CallLater(time.Second, tick)
	loop.CallAt(2*time.Second, loop.Stop)
	loop.RunForever()
}
`

// TestCallbackNames: a scheduled callback is named by its function in the
// trace, the same whether the program is interpreted or compiled; a
// function literal, even through a variable, has no name.
func TestCallbackNames(t *testing.T) {
	want := []string{"handler", "(*greeter).hello", "greeter.bye", "", "handler", "", "(*Loop).Stop", ""}
	names := func(r *Result) []string {
		var s []string
		for _, ev := range r.Events {
			if ev.Kind == core.KindCbSchedule {
				s = append(s, ev.Name)
			}
		}
		return s
	}
	in := Run(context.Background(), Request{Source: namesProgram})
	if in.Outcome != OutcomeOK {
		t.Fatalf("%s: %s", in.Outcome, in.Message)
	}
	if got := names(in); !slices.Equal(got, want) {
		t.Errorf("interpreted: %q, want %q", got, want)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(runNative(t, root, namesProgram)); !slices.Equal(got, want) {
		t.Errorf("compiled: %q, want %q", got, want)
	}
}
