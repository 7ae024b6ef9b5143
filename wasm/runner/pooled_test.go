package runner

import (
	"context"
	"strings"
	"testing"

	"github.com/loopscope/loopscope/core"
)

// A task's coroutine (and goroutine) runs the next task's body once the
// first returns (core/coro.go), while the runner keeps its source-position
// state per goroutine: nothing of a task may show in the positions of the
// next task on the same goroutine. Here the first task leaves the position
// of a return behind (where its deferred Println is traced); the second,
// on the same goroutine, panics, and its deferred Println runs without a
// return: it must be traced at its own defer, not at the first task's
// return. A third task panics inside a core call (its wrapper has pushed
// the calling frame), and a fourth, on the same goroutine again, must see
// its own lines in its events.
func TestPooledGoroutineKeepsNoPositions(t *testing.T) {
	src := `package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func first(ctx context.Context) (any, error) {
	defer fmt.Println("first's defer")
	return nil, nil
}

func second(ctx context.Context) (any, error) {
	defer fmt.Println("second's defer")
	core.Sleep(ctx, 0)
	fail()
	return nil, nil
}

func fail() { panic("second fails") }

func third(ctx context.Context) (any, error) {
	return core.Timeout(ctx, time.Second, func(ctx context.Context) (any, error) {
		panic("third fails")
	})
}

func fourth(ctx context.Context) (any, error) {
	return nil, core.Sleep(ctx, time.Millisecond)
}

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		l := core.CurrentTask(ctx).Loop()
		a := l.CreateTask("first", first)
		core.Await(ctx, a)
		b := l.CreateTask("second", second)
		_, err := core.Await(ctx, b)
		fmt.Println("second:", err != nil)
		c := l.CreateTask("third", third)
		_, err = core.Await(ctx, c)
		fmt.Println("third:", err != nil)
		d := l.CreateTask("fourth", fourth)
		return core.Await(ctx, d)
	})
}
`
	r := Run(context.Background(), Request{Source: src})
	if r.Outcome != OutcomeOK {
		t.Fatalf("%s: %s", r.Outcome, r.Message)
	}
	pos := map[string]string{}
	var sleepAt string
	for _, ev := range r.Events {
		if ev.Kind == core.KindOutput {
			pos[ev.Value] = ev.Pos
		}
		if ev.Kind == core.KindFutCreate && strings.HasPrefix(ev.Name, "sleep") {
			sleepAt = ev.Pos
		}
	}
	if got := pos["first's defer"]; got != "main.go:13" {
		t.Errorf("first task's deferred Println traced at %q, want main.go:13 (its return)", got)
	}
	if pos["second: true"] == "" || pos["third: true"] == "" {
		t.Errorf("the second and third tasks did not fail: %v", pos)
	}
	if sleepAt != "main.go:32" {
		t.Errorf("the fourth task's sleep traced at %q, want main.go:32", sleepAt)
	}
	if got := pos["second's defer"]; got != "main.go:17" {
		t.Errorf("second task's deferred Println traced at %q, want main.go:17 (its defer: no return ran it)", got)
	}
}
