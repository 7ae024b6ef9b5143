package core

import (
	"context"
	"testing"
)

const benchGathered = 100_000

// BenchmarkGather100k: one task gathers 100k tasks that each yield once
// (Sleep(0)) and return their index; the results come back in order. One op
// is the whole workload on a fresh loop: creating the tasks, running them,
// and collecting the results.
func BenchmarkGather100k(b *testing.B) {
	for b.Loop() {
		l := NewLoop()
		res, err := l.RunMain(func(ctx context.Context) (any, error) {
			ts := make([]Awaitable, benchGathered)
			for i := range ts {
				ts[i] = l.CreateTask("", func(ctx context.Context) (any, error) {
					if err := Sleep(ctx, 0); err != nil {
						return nil, err
					}
					return i, nil
				})
			}
			return Gather(ctx, ts...)
		})
		if err != nil {
			b.Fatal(err)
		}
		if rs := res.([]any); len(rs) != benchGathered || rs[benchGathered-1] != benchGathered-1 {
			b.Fatal("results out of order")
		}
	}
	b.ReportMetric(float64(benchGathered)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mtasks/s")
}
