package runner

import (
	"context"
	"strings"
	"testing"
)

// TestNestedRunNotDeadlock: a program whose task tries to run a second loop
// is told so by the error it gets; the run is not reported as a deadlock
// (the nested loop, with nothing to do, used to say it was stuck).
func TestNestedRunNotDeadlock(t *testing.T) {
	src := `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		other := core.NewLoop()
		defer other.Close()
		_, err := other.RunUntilComplete(other.CreateFuture("reply"))
		fmt.Println(err)
		_, err = core.Run(func(context.Context) (any, error) { return nil, nil })
		fmt.Println(err)
		return nil, nil
	})
}
`
	r := Run(context.Background(), Request{Source: src})
	var got []string
	for _, l := range r.Output {
		got = append(got, l.Text)
	}
	want := "core: cannot run the event loop while another loop is running\ncore: Run() cannot be called from a running event loop"
	if r.Outcome != OutcomeOK || strings.Join(got, "\n") != want {
		t.Fatalf("outcome %s (%s), output\n%s\nwant ok and\n%s", r.Outcome, r.Message, strings.Join(got, "\n"), want)
	}
}
