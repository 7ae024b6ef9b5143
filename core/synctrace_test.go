package core

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// syncTrace renders the primitive events of a trace, one a line, with the
// name of the task they happened in.
func syncTrace(rec *Recorder) []string {
	names := map[uint64]string{}
	var out []string
	for _, ev := range rec.Events {
		switch ev.Kind {
		case KindTaskCreate:
			names[ev.ID] = ev.Name
		case KindWait, KindAcquire, KindRelease, KindPut, KindGet:
			line := fmt.Sprintf("%s %s %s", names[ev.In], ev.Kind, ev.Name)
			if ev.Value != "" {
				line += " [" + ev.Value + "]"
			}
			out = append(out, line)
		}
	}
	return out
}

func TestLockAndSemaphoreTraceEvents(t *testing.T) {
	rec := &Recorder{}
	l := newTestLoop(t, WithTracer(rec))
	lock, sem := NewLock("db"), NewSemaphore(1, "slots")
	worker := func(ctx context.Context) (any, error) {
		if err := lock.Acquire(ctx); err != nil {
			return nil, err
		}
		Sleep(ctx, 0)
		lock.Release()
		if err := sem.Acquire(ctx); err != nil {
			return nil, err
		}
		Sleep(ctx, 0)
		return nil, sem.Release()
	}
	a := l.CreateTask("a", worker)
	b := l.CreateTask("b", worker)
	_, err := l.RunUntilComplete(b)
	must(t, err)
	if !a.Done() {
		t.Fatal("a is not done")
	}
	got := strings.Join(syncTrace(rec), "\n")
	want := strings.Join([]string{
		`a sync.acquire lock "db"`,
		`b sync.wait lock "db"`,
		`a sync.release lock "db"`,
		`a sync.acquire semaphore "slots" [0 left]`,
		`b sync.acquire lock "db"`,
		`a sync.release semaphore "slots" [1 left]`,
		`b sync.release lock "db"`,
		`b sync.acquire semaphore "slots" [0 left]`,
		`b sync.release semaphore "slots" [1 left]`,
	}, "\n")
	if got != want {
		t.Fatalf("trace:\n%s\nwant\n%s", got, want)
	}
	// The waiting task's suspension points at the future named after the lock.
	for _, ev := range rec.Events {
		if ev.Kind == KindWait {
			var suspend *Event
			for i := range rec.Events {
				if e := &rec.Events[i]; e.Kind == KindTaskSuspend && e.Ref == ev.Ref {
					suspend = e
				}
			}
			if suspend == nil || suspend.Value != ev.Name {
				t.Fatalf("no task.suspend on the waiter of %s: %+v", ev.Name, suspend)
			}
		}
	}
}

func TestQueueAndEventTraceEvents(t *testing.T) {
	rec := &Recorder{}
	l := newTestLoop(t, WithTracer(rec))
	q, ev := NewQueue(1, "jobs"), NewEvent("go")
	consumer := l.CreateTask("consumer", func(ctx context.Context) (any, error) {
		if err := ev.Wait(ctx); err != nil {
			return nil, err
		}
		for i := 0; i < 2; i++ {
			if _, err := q.Get(ctx); err != nil {
				return nil, err
			}
			q.TaskDone()
		}
		return nil, nil
	})
	l.CreateTask("producer", func(ctx context.Context) (any, error) {
		ev.Set()
		for i := 0; i < 2; i++ {
			if err := q.Put(ctx, fmt.Sprint("job-", i)); err != nil {
				return nil, err
			}
		}
		return nil, q.Join(ctx)
	})
	_, err := l.RunUntilComplete(consumer)
	must(t, err)
	got := strings.Join(syncTrace(rec), "\n")
	want := strings.Join([]string{
		`consumer sync.wait event "go"`,
		`producer sync.release event "go" [set]`,
		`producer queue.put queue "jobs" [job-0]`,
		`producer sync.wait queue "jobs" [full: waiting for room to put]`,
		`consumer sync.acquire event "go" [woken]`,
		`consumer queue.get queue "jobs" [job-0]`,
		`consumer sync.release queue "jobs" [TaskDone: 0 unfinished]`,
		`consumer sync.wait queue "jobs" [empty: waiting for an item to get]`,
		`producer queue.put queue "jobs" [job-1]`,
		`producer sync.wait queue "jobs" [Join: waiting for TaskDone on every item]`,
		`consumer queue.get queue "jobs" [job-1]`,
		`consumer sync.release queue "jobs" [TaskDone: 0 unfinished]`,
		`consumer sync.release queue "jobs" [set]`,
		`producer sync.acquire queue "jobs" [woken]`,
	}, "\n")
	if got != want {
		t.Fatalf("trace:\n%s\nwant\n%s", got, want)
	}
	// Join's wait and the queue's own events name the same object.
	ids := map[uint64]bool{}
	for _, e := range rec.Events {
		if strings.HasPrefix(e.Name, `queue "jobs"`) && (e.Kind == KindPut || e.Kind == KindWait || e.Kind == KindRelease) {
			ids[e.ID] = true
		}
	}
	if len(ids) != 1 {
		t.Fatalf("queue events carry %d different ids", len(ids))
	}
}
