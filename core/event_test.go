package core

import (
	"context"
	"testing"
	"time"
)

func TestEventWakesAllInOrder(t *testing.T) {
	syncScene(t, "event_wakes_all", func(ctx context.Context, out *lines) error {
		ev := NewEvent("ready")
		waiter := func(name string) func(ctx context.Context) (any, error) {
			return func(ctx context.Context) (any, error) {
				out.add("%s waits", name)
				if err := ev.Wait(ctx); err != nil {
					return nil, err
				}
				out.add("%s woke", name)
				return nil, nil
			}
		}
		var ts []*Task
		for _, n := range []string{"c", "a", "b"} {
			ts = append(ts, spawn(ctx, "", waiter(n)))
		}
		Sleep(ctx, 0)
		out.add("set")
		ev.Set()
		out.add("is_set: %s", py(ev.IsSet()))
		awaitAll(ctx, ts...)
		must(t, ev.Wait(ctx))
		out.add("wait on a set event returns at once")
		ev.Clear()
		late := spawn(ctx, "", waiter("late"))
		Sleep(ctx, 10*time.Millisecond)
		out.add("late still waiting: %s", py(!late.Done()))
		ev.Set()
		_, err := Await(ctx, late)
		return err
	})
}

func TestEventCancelledWaiter(t *testing.T) {
	syncScene(t, "event_cancel_waiter", func(ctx context.Context, out *lines) error {
		ev := NewEvent()
		var ts []*Task
		for _, name := range []string{"a", "b", "c"} {
			ts = append(ts, spawn(ctx, "", func(ctx context.Context) (any, error) {
				if err := ev.Wait(ctx); err != nil {
					out.add("%s cancelled", name)
					return nil, err
				}
				out.add("%s woke", name)
				return nil, nil
			}))
		}
		Sleep(ctx, 0)
		ts[0].Cancel("")
		Sleep(ctx, 0)
		ev.Set()
		awaitAll(ctx, ts...)
		return nil
	})
}
