package runner

import (
	"context"
	"testing"
)

// TestWarmUpProgramRuns: the warm-up program compiles and goes through
// every path it is there for, ending well.
func TestWarmUpProgramRuns(t *testing.T) {
	r := Run(context.Background(), Request{Source: WarmUpProgram})
	if r.Outcome != OutcomeOK {
		t.Fatalf("%s: %s %+v", r.Outcome, r.Message, r.Diagnostics)
	}
	got := outputTexts(r)
	want := []string{"0 0", "1 1", "2 2", "true"}
	if len(got) != len(want) {
		t.Fatalf("output %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("output %q, want %q", got, want)
		}
	}
	kinds := map[string]bool{}
	for _, ev := range r.Events {
		kinds[string(ev.Kind)] = true
	}
	for _, k := range []string{"cb.begin", "task.step", "timer.due", "sync.acquire", "queue.put", "queue.get", "timeout.expire", "step.block"} {
		if !kinds[k] {
			t.Errorf("the warm-up makes no %s event", k)
		}
	}
	WarmUp()
	checkNextRunWorks(t)
}
