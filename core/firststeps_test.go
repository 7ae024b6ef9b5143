package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// firstStepsRun creates, from one task, tasks whose first steps share a
// batch: most return at once, one cancels a later one before it starts, one
// suspends, one creates a task, one panics, one fails, and the last checks
// CurrentTask and its creator's ctx value. It returns the order the bodies
// ran in and what gathering them gave, as "value" or "error: text".
// batched says, per task, whether its first step ran on the coroutine of
// the step before it (firststeps.go) rather than from runOnce.
func firstStepsRun(t *testing.T, opts ...Option) (order []string, results []string, batched map[string]bool) {
	t.Helper()
	l := NewLoop(append([]Option{VirtualClock(), WithStderr(io.Discard)}, opts...)...)
	defer l.Close()
	batched = map[string]bool{}
	ts := map[string]*Task{}
	taken := 0
	ran := func(name string) {
		order = append(order, name)
		batched[name] = l.firstsTaken > taken
		taken = l.firstsTaken
	}
	bodies := []struct {
		name string
		fn   func(ctx context.Context) (any, error)
	}{
		{"A", func(context.Context) (any, error) { ran("A"); return 1, nil }},
		{"B", func(context.Context) (any, error) { ran("B"); ts["D"].Cancel(""); return 2, nil }},
		{"C", func(context.Context) (any, error) { ran("C"); return 3, nil }},
		{"D", func(context.Context) (any, error) { ran("D"); return 4, nil }},
		{"E", func(ctx context.Context) (any, error) {
			ran("E")
			ts["G"], _ = CreateTask(ctx, "G", func(context.Context) (any, error) { ran("G"); return 7, nil })
			return 5, nil
		}},
		{"S", func(ctx context.Context) (any, error) {
			ran("S")
			if err := Sleep(ctx, 0); err != nil {
				return nil, err
			}
			ran("S2")
			return 6, nil
		}},
		{"F", func(context.Context) (any, error) { ran("F"); panic("boom") }},
		{"H", func(context.Context) (any, error) { ran("H"); return nil, errors.New("bad") }},
		{"I", func(ctx context.Context) (any, error) {
			ran("I")
			v, _ := ctx.Value(ctxKey{}).(string)
			return fmt.Sprintf("current %v, ctx %q", CurrentTask(ctx) == ts["I"], v), nil
		}},
	}
	main := l.CreateTask("main", func(ctx context.Context) (any, error) {
		var aws []Awaitable
		for _, b := range bodies {
			cctx := ctx
			if b.name == "I" {
				cctx = context.WithValue(ctx, ctxKey{}, "I's creator")
			}
			tk, err := CreateTask(cctx, b.name, b.fn)
			if err != nil {
				return nil, err
			}
			ts[b.name] = tk
			aws = append(aws, tk)
		}
		rs, err := GatherReturnErrors(ctx, aws...)
		if err != nil {
			return nil, err
		}
		if _, err := Await(ctx, ts["G"]); err != nil {
			return nil, err
		}
		return rs, nil
	})
	res, err := l.RunUntilComplete(main)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.([]any) {
		if e, ok := r.(error); ok {
			results = append(results, "error: "+strings.SplitN(e.Error(), "\n", 2)[0])
		} else {
			results = append(results, fmt.Sprint(r))
		}
	}
	return order, results, batched
}

// First steps run on one coroutine, untraced, in the order and with the
// outcomes the loop's own path gives (traced, debug) and asyncio gives:
// pinned from /usr/bin/python3 (3.11) running the same program,
//
//	['A', 'B', 'C', 'E', 'S', 'F', 'H', 'I', 'G', 'S2']
//	[1, 2, 3, CancelledError(''), 5, 6, RuntimeError('boom'), ValueError('bad'), True]
//
// A panic, a cancellation and a suspension each end the batch; the task
// after each starts from runOnce, on a coroutine of its own where needed.
func TestFirstStepsKeepAsyncioOrder(t *testing.T) {
	wantOrder := "A B C E S F H I G S2"
	wantResults := []string{"1", "2", "3", "error: ", "5", "6", "error: panic: boom", "error: bad", `current true, ctx "I's creator"`}
	modes := []struct {
		name string
		opts []Option
	}{
		{"untraced", nil},
		{"traced", []Option{WithTracer(&Recorder{})}},
		{"debug", []Option{WithDebug(time.Hour)}},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			order, results, batched := firstStepsRun(t, m.opts...)
			if got := strings.Join(order, " "); got != wantOrder {
				t.Errorf("order %q, want %q", got, wantOrder)
			}
			if len(results) != len(wantResults) {
				t.Fatalf("results %q, want %q", results, wantResults)
			}
			for i, want := range wantResults {
				if !strings.HasPrefix(results[i], want) || (want == "error: " && !strings.Contains(results[i], "cancel")) {
					t.Errorf("result %d: %q, want %q", i, results[i], want)
				}
			}
			// B, C and S follow the step before them on its coroutine, and
			// I follows H; nothing follows a step that cancelled (D), one
			// that suspended (S) or one that panicked (F): those end the
			// batch, and runOnce starts the next.
			names := []string{"B", "C", "E", "S", "F", "H", "I"}
			want := map[string]bool{}
			if m.name == "untraced" {
				want = map[string]bool{"B": true, "C": true, "S": true, "I": true}
			}
			for _, name := range names {
				if batched[name] != want[name] {
					t.Errorf("%s ran on the coroutine of the step before it: %v, want %v", name, batched[name], want[name])
				}
			}
		})
	}
}
