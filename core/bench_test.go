package core

import (
	"context"
	"fmt"
	"math/rand"
	"runtime"
	"testing"
	"time"
)

// The workloads of /work/shared/reference-bench/asyncio_bench.py, so the
// rates compare directly with CPython's asyncio and uvloop. Each op is one
// whole workload on a fresh loop; the rate is reported as a metric.

const (
	benchCallbacks = 1_000_000
	benchTasks     = 10_000
	benchSleeps    = 10
	benchTimers    = 200_000
	benchSuspended = 100_000
)

// BenchmarkCallSoonChain: each callback schedules the next, 1M in a row.
func BenchmarkCallSoonChain(b *testing.B) {
	for b.Loop() {
		l := NewLoop()
		n := 0
		var f func()
		f = func() {
			n++
			if n < benchCallbacks {
				l.CallSoon(f)
			} else {
				l.Stop()
			}
		}
		l.CallSoon(f)
		if err := l.RunForever(); err != nil {
			b.Fatal(err)
		}
		l.Close()
	}
	b.ReportMetric(float64(benchCallbacks)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mcallbacks/s")
}

// BenchmarkTaskSwitches: 10k tasks each Sleep(0) ten times. Like the Python
// reference, a task's first step counts as a switch: 11 per task.
func BenchmarkTaskSwitches(b *testing.B) {
	for b.Loop() {
		l := NewLoop()
		_, err := l.RunMain(func(ctx context.Context) (any, error) {
			ts := make([]*Task, benchTasks)
			for i := range ts {
				ts[i] = l.CreateTask("", func(ctx context.Context) (any, error) {
					for range benchSleeps {
						if err := Sleep(ctx, 0); err != nil {
							return nil, err
						}
					}
					return nil, nil
				})
			}
			for _, t := range ts {
				if _, err := Await(ctx, t); err != nil {
					return nil, err
				}
			}
			return nil, nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	switches := benchTasks * (benchSleeps + 1)
	b.ReportMetric(float64(switches)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mswitches/s")
}

// BenchmarkTimers: 200k CallAt with deadlines already past, in random order,
// then run until all have fired (heap push, pop and dispatch for each).
func BenchmarkTimers(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	offsets := make([]time.Duration, benchTimers)
	for i := range offsets {
		offsets[i] = time.Duration(r.Float64() * float64(time.Second))
	}
	for b.Loop() {
		l := NewLoop()
		got := 0
		g := func() {
			got++
			if got == benchTimers {
				l.Stop()
			}
		}
		base := l.Time()
		for _, off := range offsets {
			l.CallAt(base-off, g)
		}
		if err := l.RunForever(); err != nil {
			b.Fatal(err)
		}
		l.Close()
	}
	b.ReportMetric(float64(benchTimers)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mtimers/s")
}

// BenchmarkSuspendedTaskMemory: 100k tasks each suspended in Sleep; reports
// the heap and stack they hold, per task.
func BenchmarkSuspendedTaskMemory(b *testing.B) {
	var perTask float64
	for b.Loop() {
		l := NewLoop(VirtualClock())
		before := liveBytes()
		for range benchSuspended {
			l.CreateTask("", func(ctx context.Context) (any, error) {
				return nil, Sleep(ctx, time.Hour)
			})
		}
		l.Stop() // one iteration: every task runs to its Sleep
		if err := l.RunForever(); err != nil {
			b.Fatal(err)
		}
		if n := len(l.AllTasks()); n != benchSuspended {
			b.Fatalf("%d tasks suspended, want %d", n, benchSuspended)
		}
		perTask = float64(liveBytes()-before) / benchSuspended
		b.StopTimer()
		l.SetExceptionHandler(func(*Loop, ExceptionContext) {}) // 100k "destroyed while pending" reports
		l.Close()
		b.StartTimer()
	}
	b.ReportMetric(perTask, "bytes/task")
}

// liveBytes is the heap in use plus goroutine stacks, after a collection.
func liveBytes() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc) + int64(m.StackInuse)
}

// BenchmarkTaskSwitchesByCount: the same Sleep(0) round-robin with fewer and
// more tasks. The cost of a switch is flat while the tasks' coroutine stacks
// and structs stay in the cache and rises once they no longer do, which is
// where the 10k-task figure above loses its speed.
func BenchmarkTaskSwitchesByCount(b *testing.B) {
	for _, tasks := range []int{10, 1000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("tasks=%d", tasks), func(b *testing.B) {
			for b.Loop() {
				l := NewLoop()
				var last *Task
				for range tasks {
					last = l.CreateTask("", func(ctx context.Context) (any, error) {
						for range benchSleeps {
							if err := Sleep(ctx, 0); err != nil {
								return nil, err
							}
						}
						return nil, nil
					})
				}
				if _, err := l.RunUntilComplete(last); err != nil {
					b.Fatal(err)
				}
				l.Close()
			}
			switches := tasks * (benchSleeps + 1)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(switches*b.N), "ns/switch")
			b.ReportMetric(0, "ns/op")
		})
	}
}
