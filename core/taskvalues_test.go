package core

import (
	"context"
	"testing"
	"time"
)

type requestKey struct{}

func request(ctx context.Context) any {
	if v := ctx.Value(requestKey{}); v != nil {
		return v
	}
	return "none"
}

// TestTaskContextValues: a task created from a ctx sees that ctx's values,
// and what it adds with WithValue stays its own (asyncio copies the
// creator's context variables into the new task).
func TestTaskContextValues(t *testing.T) {
	var child func(name string) func(ctx context.Context) (any, error)
	child = func(name string) func(ctx context.Context) (any, error) {
		return func(ctx context.Context) (any, error) {
			out := ctx.Value(linesKey{}).(*lines)
			out.add("%s sees: %v", name, request(ctx))
			ctx = context.WithValue(ctx, requestKey{}, name+"'s own")
			out.add("%s set: %v", name, request(ctx))
			if name == "child" {
				g, err := CreateTask(ctx, "", child("grandchild"))
				if err != nil {
					return nil, err
				}
				if _, err := Await(ctx, g); err != nil {
					return nil, err
				}
				out.add("%s after grandchild: %v", name, request(ctx))
			}
			return nil, nil
		}
	}
	var out lines
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		out.add("main before: %v", request(ctx))
		// The scenario's lines travel in ctx too: what the tasks print by
		// proves that values reach them.
		ctx = context.WithValue(context.WithValue(ctx, linesKey{}, &out), requestKey{}, "req-1")
		c, err := CreateTask(ctx, "", child("child"))
		if err != nil {
			return nil, err
		}
		if _, err := Await(ctx, c); err != nil {
			return nil, err
		}
		out.add("main after child: %v", request(ctx))
		err = WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			_, err := tg.CreateTask("", child("group task"))
			return err
		})
		out.add("main after group: %v", request(ctx))
		return nil, err
	})
	if err != nil {
		t.Fatal(err)
	}
	pinned(t, "task_context_values", out)
}

type linesKey struct{}

// TestLoopCreateTaskInheritsValues: Loop.CreateTask, which has no ctx, gives
// the new task the values the running task was given.
func TestLoopCreateTaskInheritsValues(t *testing.T) {
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		parent, _ := CreateTask(context.WithValue(ctx, requestKey{}, "req-2"), "parent", func(ctx context.Context) (any, error) {
			inner := RunningLoop(ctx).CreateTask("inner", func(ctx context.Context) (any, error) {
				return request(ctx), nil
			})
			return Await(ctx, inner)
		})
		got, err := Await(ctx, parent)
		if got != "req-2" || err != nil {
			t.Errorf("a task made by Loop.CreateTask in a task that has req-2 sees %v, %v", got, err)
		}
		outside := RunningLoop(ctx).CreateTask("outside", func(ctx context.Context) (any, error) {
			return request(ctx), nil
		})
		if got, _ := Await(ctx, outside); got != "none" {
			t.Errorf("a task made from main, which has no values, sees %v", got)
		}
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestTaskValuesNotScopes: the new task reads its creator's values but not
// core's own scopes (a Timeout running in the creator is not the task's),
// nor the creator's cancellation.
func TestTaskValuesNotScopes(t *testing.T) {
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		cctx, cancel := context.WithCancel(context.WithValue(ctx, requestKey{}, "req-3"))
		cancel()
		return Timeout(cctx, time.Hour, func(ctx context.Context) (any, error) {
			task, err := CreateTask(ctx, "", func(ctx context.Context) (any, error) {
				if CurrentTimeout(ctx) != nil {
					t.Error("the creator's Timeout leaks into the new task")
				}
				if ctx.Err() != nil || ctx.Done() != nil {
					t.Error("the creator's cancelled ctx cancels the new task's ctx")
				}
				if CurrentTask(ctx) == nil || CurrentTask(ctx).Name() != "Task-2" {
					t.Errorf("CurrentTask in the new task is %v", CurrentTask(ctx))
				}
				return request(ctx), nil
			})
			if err != nil {
				return nil, err
			}
			got, err := Await(ctx, task)
			if got != "req-3" {
				t.Errorf("the new task sees %v", got)
			}
			return nil, err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCreateTaskOutsideTask(t *testing.T) {
	if _, err := CreateTask(context.Background(), "", func(context.Context) (any, error) { return nil, nil }); err != ErrNotInTask {
		t.Fatalf("CreateTask outside a task: %v, want ErrNotInTask", err)
	}
	if l := RunningLoop(context.Background()); l != nil {
		t.Fatalf("RunningLoop outside a task: %v", l)
	}
}

// TestRunningLoop: a task body reaches its loop from ctx in one call, also
// through a ctx derived from its own.
func TestRunningLoop(t *testing.T) {
	l := newTestLoop(t)
	var got []*Loop
	_, err := l.RunMain(func(ctx context.Context) (any, error) {
		got = append(got, RunningLoop(ctx), RunningLoop(context.WithValue(ctx, requestKey{}, 1)))
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != l || got[1] != l {
		t.Fatalf("RunningLoop gave %v, want the loop running the task", got)
	}
}
