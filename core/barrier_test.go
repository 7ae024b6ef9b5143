package core

import (
	"context"
	"testing"
	"time"
)

func TestBarrierReleasesTogether(t *testing.T) {
	syncScene(t, "barrier_basic", func(ctx context.Context, out *lines) error {
		b := NewBarrier(3, "start")
		party := func(name string, delay time.Duration) *Task {
			return spawn(ctx, "", func(ctx context.Context) (any, error) {
				Sleep(ctx, delay)
				out.add("%s arrives; waiting: %d", name, b.NWaiting())
				i, err := b.Wait(ctx)
				if err != nil {
					return nil, err
				}
				out.add("%s passes with index %d", name, i)
				if i, err = b.Wait(ctx); err != nil {
					return nil, err
				}
				out.add("%s passes round 2 with index %d", name, i)
				return nil, nil
			})
		}
		ts := []*Task{party("a", 10*time.Millisecond), party("b", 30*time.Millisecond), party("c", 20*time.Millisecond)}
		for _, err := range awaitAll(ctx, ts...) {
			must(t, err)
		}
		out.add("parties: %d waiting: %d broken: %s", b.Parties(), b.NWaiting(), py(b.Broken()))
		out.add("%s", pyExc(catch(func() { NewBarrier(0) })))
		return nil
	})
}

func TestBarrierResetAndAbort(t *testing.T) {
	syncScene(t, "barrier_abort", func(ctx context.Context, out *lines) error {
		b := NewBarrier(3)
		party := func(ctx context.Context, name string) {
			if _, err := b.Wait(ctx); err != nil {
				out.add("%s %s", name, pyExc(err))
				return
			}
			out.add("%s passed", name)
		}
		start := func(names ...string) []*Task {
			var ts []*Task
			for _, n := range names {
				ts = append(ts, spawn(ctx, "", func(ctx context.Context) (any, error) { party(ctx, n); return nil, nil }))
			}
			return ts
		}
		ts := start("a", "b")
		Sleep(ctx, 0)
		must(t, b.Reset(ctx))
		awaitAll(ctx, ts...)
		out.add("after reset, broken: %s", py(b.Broken()))
		ts = start("c", "d")
		Sleep(ctx, 0)
		must(t, b.Abort(ctx))
		awaitAll(ctx, ts...)
		party(ctx, "late")
		out.add("broken: %s", py(b.Broken()))
		return nil
	})
}
