package core

import (
	"context"
	"testing"
)

func TestCallSoonFIFO(t *testing.T) {
	var out lines
	l := NewLoop(VirtualClock())
	var cb func(name string) func()
	cb = func(name string) func() {
		return func() {
			out.add("%s", name)
			if name == "a" {
				l.CallSoon(cb("a-child"))
			}
		}
	}
	l.CallSoon(cb("a"))
	l.CallSoon(cb("b"))
	l.CallSoon(cb("c"))
	l.CallSoon(l.Stop)
	if err := l.RunForever(); err != nil {
		t.Fatal(err)
	}
	out.add("after stop")
	if _, err := l.RunUntilComplete(l.CreateTask("", func(ctx context.Context) (any, error) { return nil, Sleep(ctx, 0) })); err != nil {
		t.Fatal(err)
	}
	l.Close()
	pinned(t, "call_soon_fifo", out)
}
