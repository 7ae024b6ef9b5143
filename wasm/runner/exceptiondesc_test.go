package runner

import (
	"context"
	"strings"
	"testing"
)

// TestExceptionContextCallbackInterpreted: the playground's exception
// handler learns the program line that scheduled a failing callback (an
// interpreted function has no Go name core could give).
func TestExceptionContextCallbackInterpreted(t *testing.T) {
	src := `package main

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	l := core.NewLoop()
	l.SetExceptionHandler(func(l *core.Loop, c core.ExceptionContext) { fmt.Println(c.Callback) })
	fmt.Println(l.ExceptionHandler() != nil)
	l.CallSoon(func() { panic("boom") })
	l.CallSoon(l.Stop)
	l.RunForever()
	l.Close()
}
`
	r := Run(context.Background(), Request{Source: src})
	var got []string
	for _, l := range r.Output {
		got = append(got, l.Text)
	}
	want := "true\ncallback scheduled at main.go:13"
	if strings.Join(got, "\n") != want {
		t.Fatalf("%s: printed\n%s\nwant\n%s", r.Outcome, strings.Join(got, "\n"), want)
	}
}
