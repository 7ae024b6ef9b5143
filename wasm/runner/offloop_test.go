package runner

import (
	"context"
	"testing"

	"github.com/loopscope/loopscope/core"
)

// Lines printed off the loop, by the function ToThread runs and by a
// goroutine the program started, reach the output in no step and are not in
// the trace; the loop's own lines keep their steps. Under -race this was a
// data race on the loop's trace.
func TestOutputOffTheLoop(t *testing.T) {
	src := `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		fmt.Println("main task")
		_, err := core.ToThread(ctx, func(context.Context) (any, error) {
			fmt.Println("in the thread")
			return nil, nil
		})
		if err != nil {
			return nil, err
		}
		done := loop.CreateFuture("goroutine done")
		release := loop.KeepAlive() // the goroutine will call back
		go func() {
			fmt.Println("in a goroutine")
			loop.CallSoonThreadsafe(func() { done.SetResult(nil); release() })
		}()
		core.Await(ctx, done)
		fmt.Println("main task again")
		return nil, nil
	})
}
`
	for range 3 {
		r := Run(context.Background(), Request{Source: src})
		if r.Outcome != OutcomeOK {
			t.Fatalf("%s: %s", r.Outcome, r.Message)
		}
		want := []struct {
			text   string
			inStep bool
		}{{"main task", true}, {"in the thread", false}, {"in a goroutine", false}, {"main task again", true}}
		if len(r.Output) != len(want) {
			t.Fatalf("output %+v", r.Output)
		}
		for i, w := range want {
			got := r.Output[i]
			if got.Text != w.text || (got.In != 0) != w.inStep {
				t.Fatalf("line %d is %+v, want %q in a step: %v", i, got, w.text, w.inStep)
			}
		}
		outputs := 0
		for _, ev := range r.Events {
			if ev.Kind == core.KindOutput {
				outputs++
			}
		}
		if outputs != 2 {
			t.Fatalf("%d output events in the trace, want the loop's 2", outputs)
		}
		// Each line is placed in the trace's order, for playback: after the
		// events before it, so seqs never go down.
		for i := 1; i < len(r.Output); i++ {
			if r.Output[i].Seq < r.Output[i-1].Seq || r.Output[i].Seq == 0 {
				t.Fatalf("line %d has seq %d after %d", i, r.Output[i].Seq, r.Output[i-1].Seq)
			}
		}
	}
}
