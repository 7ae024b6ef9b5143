package core

import (
	"context"
	"testing"
	"time"
)

// TestDoneTaskCallbacks: a done task's first callback runs on the task's
// own step handle (scheduleDone); the order of a done task's callbacks,
// among themselves and against what was queued, stays asyncio's. Run plain
// (the fast path of runOnce), traced and in debug mode (dispatch's run).
func TestDoneTaskCallbacks(t *testing.T) {
	for name, opts := range map[string][]Option{
		"plain":  {VirtualClock()},
		"traced": {VirtualClock(), WithTracer(&Recorder{})},
		"debug":  {VirtualClock(), WithDebug(time.Hour)},
	} {
		l := NewLoop(opts...)
		var out lines
		_, err := l.RunMain(func(ctx context.Context) (any, error) {
			child := func(name string) func(context.Context) (any, error) {
				return func(context.Context) (any, error) {
					out.add("child %s", name)
					return name, nil
				}
			}
			a, b := l.CreateTask("a", child("a")), l.CreateTask("b", child("b"))
			say := func(what string) func(*Future) {
				return func(f *Future) {
					r, _ := f.Result()
					out.add("%s: %v", what, r)
				}
			}
			a.AddDoneCallback(say("a cb1"))
			g, err := l.Gather(false, a, b)
			if err != nil {
				return nil, err
			}
			g.AddDoneCallback(func(f *Future) {
				r, _ := f.Result()
				out.add("gather done: %s", pyList(r.([]any)))
			})
			b.AddDoneCallback(say("b cb1"))
			w := l.CreateTask("waiter", func(ctx context.Context) (any, error) {
				r, err := Await(ctx, b)
				out.add("waiter: %v", r)
				return nil, err
			})
			if err := Sleep(ctx, 0); err != nil {
				return nil, err
			}
			a.AddDoneCallback(say("a cb2 (added when done)"))
			l.CallSoon(func() { out.add("soon") })
			if _, err := Await(ctx, g); err != nil {
				return nil, err
			}
			if _, err := Await(ctx, w); err != nil {
				return nil, err
			}
			if err := Sleep(ctx, 0); err != nil {
				return nil, err
			}
			out.add("end")
			return nil, nil
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Run(name, func(t *testing.T) { pinned(t, "done_task_callbacks", out) })
	}
}
