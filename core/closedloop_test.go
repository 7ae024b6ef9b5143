package core

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestClosedLoopRule: on a closed loop every call that schedules a callback
// panics with ErrLoopClosed (asyncio raises RuntimeError from each), and
// every call that runs the loop returns it; creating a future is allowed,
// as in asyncio. The rule is in doc.go.
func TestClosedLoopRule(t *testing.T) {
	l := newTestLoop(t)
	pending := l.CreateFuture("pending")
	done := l.CreateFuture("done")
	done.SetResult(nil)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	noop := func() {}
	body := func(context.Context) (any, error) { return nil, nil }
	var out lines
	schedule := []struct {
		name string
		call func()
	}{
		{"call_soon", func() { l.CallSoon(noop) }},
		{"call_later", func() { l.CallLater(time.Second, noop) }},
		{"call_at", func() { l.CallAt(time.Second, noop) }},
		{"call_soon_threadsafe", func() { l.CallSoonThreadsafe(noop) }},
		{"create_task", func() { l.CreateTask("", body) }},
		{"add_done_callback on a done future", func() { done.AddDoneCallback(func(*Future) {}) }},
	}
	for _, c := range schedule {
		out.add("%s: %s", c.name, panicWord(c.call))
	}
	run := []struct {
		name string
		call func() error
	}{
		{"run_forever", l.RunForever},
		{"run_until_complete", func() error { _, err := l.RunUntilComplete(pending); return err }},
		{"asyncio.run on it", func() error { _, err := l.RunMain(body); return err }},
	}
	for _, c := range run {
		out.add("%s: %s", c.name, errWord(c.call()))
	}
	f := l.CreateFuture("")
	out.add("create_future: ok, done %s", py(f.Done()))
	out.add("close again: %s", errWord(l.Close()))
	pinned(t, "closed_loop", out)
}

func panicWord(call func()) (word string) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok && errors.Is(err, ErrLoopClosed) {
			word = "RuntimeError Event loop is closed"
		} else if r != nil {
			word = "other panic"
		}
	}()
	call()
	return "ok"
}

func errWord(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, ErrLoopClosed):
		return "RuntimeError Event loop is closed"
	}
	return "error " + err.Error()
}
