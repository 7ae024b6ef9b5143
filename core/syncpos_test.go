package core_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/loopscope/loopscope/core"
)

// Primitive events carry the program line that caused them, so the
// timeline can jump from a wait or a put to the source.
func TestSyncEventsCarryProgramLine(t *testing.T) {
	rec := &core.Recorder{}
	_, err := core.Run(func(ctx context.Context) (any, error) {
		lock, q := core.NewLock("db"), core.NewQueue(0, "jobs")
		if err := lock.Acquire(ctx); err != nil { // line A
			return nil, err
		}
		if err := q.Put(ctx, "x"); err != nil { // line B
			return nil, err
		}
		return nil, lock.Release()
	}, core.VirtualClock(), core.WithTracer(rec))
	if err != nil {
		t.Fatal(err)
	}
	want := map[core.Kind]string{core.KindAcquire: "// line A", core.KindPut: "// line B", core.KindRelease: "lock.Release()"}
	src := readLines(t, "syncpos_test.go")
	for _, ev := range rec.Events {
		frag, ok := want[ev.Kind]
		if !ok {
			continue
		}
		delete(want, ev.Kind)
		file, line, _ := strings.Cut(ev.Pos, ":")
		n := 0
		for _, c := range line {
			n = n*10 + int(c-'0')
		}
		if file != "syncpos_test.go" || n < 1 || n > len(src) || !strings.Contains(src[n-1], frag) {
			t.Errorf("%s event points at %q, want the line with %q", ev.Kind, ev.Pos, frag)
		}
	}
	if len(want) > 0 {
		t.Errorf("events missing: %v", want)
	}
}

func readLines(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\n")
}
