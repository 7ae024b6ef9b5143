package core

import (
	"context"
	"testing"
)

// benchQueue moves b.N items from a producer task to a consumer task through
// a queue of the given size. Run with -benchtime=1000000x for 1M items.
func benchQueue(b *testing.B, maxsize int) {
	l := NewLoop(VirtualClock())
	q := NewQueue(maxsize, "items")
	n := b.N
	b.ReportAllocs()
	b.ResetTimer()
	l.CreateTask("producer", func(ctx context.Context) (any, error) {
		for i := 0; i < n; i++ {
			if err := q.Put(ctx, i); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	consumer := l.CreateTask("consumer", func(ctx context.Context) (any, error) {
		sum := 0
		for i := 0; i < n; i++ {
			item, err := q.Get(ctx)
			if err != nil {
				return nil, err
			}
			sum += item.(int)
		}
		return sum, nil
	})
	sum, err := l.RunUntilComplete(consumer)
	b.StopTimer()
	if err != nil || sum != n*(n-1)/2 {
		b.Fatalf("sum %v, err %v", sum, err)
	}
	l.Close()
	b.ReportMetric(float64(n)/b.Elapsed().Seconds()/1e6, "Mitems/s")
}

func BenchmarkQueueMaxsize1(b *testing.B)   { benchQueue(b, 1) }
func BenchmarkQueueMaxsize100(b *testing.B) { benchQueue(b, 100) }
func BenchmarkQueueUnbounded(b *testing.B)  { benchQueue(b, 0) }

// BenchmarkLockContention1k: 1000 tasks take turns on one lock, each
// yielding while it holds it, so every acquisition past the first round
// waits in line. b.N is the total number of acquisitions.
func BenchmarkLockContention1k(b *testing.B) {
	const tasks = 1000
	l := NewLoop(VirtualClock())
	lock := NewLock("hot")
	rounds := (b.N + tasks - 1) / tasks
	held := 0
	b.ReportAllocs()
	b.ResetTimer()
	ts := make([]*Task, tasks)
	for i := range ts {
		ts[i] = l.CreateTask("", func(ctx context.Context) (any, error) {
			for r := 0; r < rounds; r++ {
				if err := lock.Acquire(ctx); err != nil {
					return nil, err
				}
				held++
				if err := Sleep(ctx, 0); err != nil {
					return nil, err
				}
				lock.Release()
			}
			return nil, nil
		})
	}
	_, err := l.RunUntilComplete(ts[tasks-1])
	b.StopTimer()
	if err != nil || held != rounds*tasks {
		b.Fatalf("held %d times, want %d (err %v)", held, rounds*tasks, err)
	}
	l.Close()
	b.ReportMetric(float64(held)/b.Elapsed().Seconds()/1e6, "Macq/s")
}
