package core

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSemaphoreTwoAtOnce(t *testing.T) {
	syncScene(t, "semaphore_two", func(ctx context.Context, out *lines) error {
		sem := NewSemaphore(2, "downloads")
		active, ended := 0, 0
		var ts []*Task
		for i := 1; i <= 5; i++ {
			name := "w" + itoa(i)
			ts = append(ts, spawn(ctx, "", func(ctx context.Context) (any, error) {
				if err := sem.Acquire(ctx); err != nil {
					return nil, err
				}
				defer sem.Release()
				active++
				out.add("%s starts; running: %d ended so far: %d", name, active, ended)
				if active > 2 {
					t.Errorf("%d tasks hold Semaphore(2)", active)
				}
				err := Sleep(ctx, 100*time.Millisecond)
				active--
				ended++
				out.add("%s ends", name)
				return nil, err
			}))
		}
		awaitAll(ctx, ts...)
		if end := CurrentTask(ctx).Loop().Time(); end != 300*time.Millisecond {
			t.Errorf("the five 100 ms jobs took %v two at a time, want 300ms", end)
		}
		out.add("value at end: %d", sem.Value())
		return nil
	})
}

func TestSemaphoreNoBarging(t *testing.T) {
	syncScene(t, "semaphore_fair", func(ctx context.Context, out *lines) error {
		sem := NewSemaphore(1)
		must(t, sem.Acquire(ctx))
		user := func(name string) func(ctx context.Context) (any, error) {
			return func(ctx context.Context) (any, error) {
				must(t, sem.Acquire(ctx))
				out.add("%s acquired", name)
				Sleep(ctx, 0)
				return nil, sem.Release()
			}
		}
		a := spawn(ctx, "", user("a"))
		Sleep(ctx, 0)
		out.add("locked with a waiting: %s", py(sem.Locked()))
		sem.Release()
		out.add("locked after release: %s", py(sem.Locked()))
		b := spawn(ctx, "", user("b"))
		must(t, sem.Acquire(ctx))
		out.add("main acquired")
		sem.Release()
		awaitAll(ctx, a, b)
		out.add("locked at end: %s", py(sem.Locked()))
		return nil
	})
}

func TestBoundedSemaphoreOverRelease(t *testing.T) {
	syncScene(t, "semaphore_bounded", func(ctx context.Context, out *lines) error {
		b := NewBoundedSemaphore(2, "pool")
		must(t, b.Acquire(ctx))
		must(t, b.Release())
		err := b.Release()
		out.add("%s", pyExc(err))
		if b.Value() != 2 {
			t.Errorf("value after the refused release = %d, want 2", b.Value())
		}
		s := NewSemaphore(1)
		must(t, s.Release())
		out.add("plain semaphore value: %d", s.Value())
		out.add("%s", pyExc(catch(func() { NewSemaphore(-1) })))
		return nil
	})
}

func TestSemaphoreCancelWokenWaiter(t *testing.T) {
	syncScene(t, "semaphore_cancel_woken", func(ctx context.Context, out *lines) error {
		sem := NewSemaphore(0)
		user := func(name string) func(ctx context.Context) (any, error) {
			return func(ctx context.Context) (any, error) {
				if err := sem.Acquire(ctx); err != nil {
					out.add("%s cancelled", name)
					return nil, err
				}
				out.add("%s acquired", name)
				return nil, nil
			}
		}
		a := spawn(ctx, "", user("a"))
		b := spawn(ctx, "", user("b"))
		Sleep(ctx, 0)
		sem.Release()
		a.Cancel("")
		errs := awaitAll(ctx, a, b)
		if !errors.Is(errs[0], ErrCancelled) || errs[1] != nil {
			t.Errorf("a, b ended with %v", errs)
		}
		out.add("value: %d", sem.Value())
		return nil
	})
}

func TestSemaphoreReleaseWakesInOrder(t *testing.T) {
	syncScene(t, "semaphore_release_many", func(ctx context.Context, out *lines) error {
		sem := NewSemaphore(0)
		var ts []*Task
		for _, name := range []string{"a", "b", "c"} {
			ts = append(ts, spawn(ctx, "", func(ctx context.Context) (any, error) {
				if err := sem.Acquire(ctx); err != nil {
					return nil, err
				}
				out.add("%s acquired; value: %d", name, sem.Value())
				return nil, nil
			}))
		}
		Sleep(ctx, 0)
		sem.Release()
		sem.Release()
		out.add("released twice; value: %d locked: %s", sem.Value(), py(sem.Locked()))
		Sleep(ctx, 0)
		out.add("c done: %s", py(ts[2].Done()))
		sem.Release()
		for _, err := range awaitAll(ctx, ts...) {
			must(t, err)
		}
		out.add("value: %d", sem.Value())
		return nil
	})
}
