package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sort"
	"testing"
	"time"
)

type parsedChrome struct {
	TraceEvents []struct {
		Name  string         `json:"name"`
		Cat   string         `json:"cat"`
		Ph    string         `json:"ph"`
		Ts    float64        `json:"ts"`
		Dur   *float64       `json:"dur"`
		Pid   int            `json:"pid"`
		Tid   int            `json:"tid"`
		ID    string         `json:"id"`
		Scope string         `json:"s"`
		Args  map[string]any `json:"args"`
	} `json:"traceEvents"`
	DisplayTimeUnit string `json:"displayTimeUnit"`
}

// recordScenario traces a small program with everything the exporter has
// to draw: two tasks besides main, a plain callback, a timer, a future, a
// cancellation with a message, and output lines.
func recordScenario(t *testing.T) []Event {
	t.Helper()
	rec := &Recorder{}
	l := newTestLoop(t, WithTracer(rec))
	_, err := l.RunMain(func(ctx context.Context) (any, error) {
		l.CallSoon(func() { l.Output("from a callback") })
		l.CallLater(5*time.Millisecond, func() { l.Output("timer fired") })
		fut := l.CreateFuture("answer")
		worker := l.CreateTask("worker", func(ctx context.Context) (any, error) {
			l.Output("worker starts")
			v, err := Await(ctx, fut)
			l.Output("worker got the answer")
			return v, err
		})
		sleeper := l.CreateTask("sleeper", func(ctx context.Context) (any, error) {
			return nil, Sleep(ctx, time.Hour)
		})
		if err := Sleep(ctx, 10*time.Millisecond); err != nil {
			return nil, err
		}
		fut.SetResult(42)
		sleeper.Cancel("enough")
		if _, err := Await(ctx, worker); err != nil {
			return nil, err
		}
		if _, err := Await(ctx, sleeper); !errors.Is(err, ErrCancelled) {
			t.Errorf("sleeper: %v", err)
		}
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rec.Events
}

func TestChromeTraceStructure(t *testing.T) {
	events := recordScenario(t)
	for _, axis := range []ChromeAxis{ChromeWall, ChromeSeq} {
		var buf bytes.Buffer
		if err := WriteChromeTrace(&buf, events, axis); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(buf.Bytes()) {
			t.Fatalf("axis %d: not valid JSON", axis)
		}
		var tr parsedChrome
		if err := json.Unmarshal(buf.Bytes(), &tr); err != nil {
			t.Fatal(err)
		}
		checkChromeTrace(t, events, &tr)
	}
}

func checkChromeTrace(t *testing.T, events []Event, tr *parsedChrome) {
	t.Helper()
	// One named track per task, plus the loop and the callbacks.
	trackName := map[int]string{}
	for _, e := range tr.TraceEvents {
		if e.Ph == "M" && e.Name == "thread_name" {
			trackName[e.Tid] = e.Args["name"].(string)
		}
	}
	tidOf := map[string]int{}
	for tid, name := range trackName {
		if _, dup := tidOf[name]; dup {
			t.Errorf("two tracks named %q", name)
		}
		tidOf[name] = tid
	}
	for _, want := range []string{"loop", "callbacks", "Task-1", "worker", "sleeper"} {
		if _, ok := tidOf[want]; !ok {
			t.Errorf("no track %q; tracks: %v", want, trackName)
		}
	}
	if len(trackName) != 5 {
		t.Errorf("%d tracks, want 5: %v", len(trackName), trackName)
	}

	// Each task step is one slice with a duration, on that task's track.
	stepsWant := map[string]int{}
	for _, ev := range events {
		if ev.Kind == KindTaskStep {
			stepsWant[ev.Name]++
		}
	}
	stepsGot := map[string]int{}
	slices := map[int][][2]float64{}
	for _, e := range tr.TraceEvents {
		if e.Ph != "X" {
			continue
		}
		if e.Dur == nil || *e.Dur < 0 {
			t.Fatalf("slice %q without a valid duration", e.Name)
		}
		slices[e.Tid] = append(slices[e.Tid], [2]float64{e.Ts, e.Ts + *e.Dur})
		if e.Cat == "task" {
			stepsGot[trackName[e.Tid]]++
			if e.Name != "step "+trackName[e.Tid] {
				t.Errorf("step slice %q on track %q", e.Name, trackName[e.Tid])
			}
		}
	}
	for name, n := range stepsWant {
		if stepsGot[name] != n {
			t.Errorf("task %s: %d step slices, want %d", name, stepsGot[name], n)
		}
	}
	if len(slices[tidOf["callbacks"]]) == 0 || len(slices[tidOf["loop"]]) == 0 {
		t.Error("no slices for callbacks or iterations")
	}
	// Slices on one track never overlap (viewers need proper nesting).
	for tid, ss := range slices {
		sort.Slice(ss, func(i, j int) bool { return ss[i][0] < ss[j][0] })
		for i := 1; i < len(ss); i++ {
			if ss[i][0] < ss[i-1][1] {
				t.Errorf("track %q: slices overlap: %v and %v", trackName[tid], ss[i-1], ss[i])
			}
		}
	}

	// Instants: the timer, the future, output lines on the right tracks.
	var timerDue, futDone, cancelMark bool
	outputs := map[string]string{}
	for _, e := range tr.TraceEvents {
		if e.Ph != "i" {
			continue
		}
		switch e.Cat {
		case string(KindTimerDue):
			timerDue = true
		case string(KindFutDone):
			futDone = futDone || e.Args["id"] != nil
		case string(KindOutput):
			outputs[e.Args["value"].(string)] = trackName[e.Tid]
		case string(KindTaskCancel):
			cancelMark = trackName[e.Tid] == "sleeper" && e.Name == "cancel requested: enough"
		}
	}
	if !timerDue || !futDone || !cancelMark {
		t.Errorf("instants missing: timer due %v, future done %v, cancel mark %v", timerDue, futDone, cancelMark)
	}
	for line, track := range map[string]string{
		"from a callback": "callbacks", "timer fired": "callbacks",
		"worker starts": "worker", "worker got the answer": "worker",
	} {
		if outputs[line] != track {
			t.Errorf("output %q on track %q, want %q", line, outputs[line], track)
		}
	}

	// The cancellation is an arrow from main's step to the sleeper's step.
	starts, ends := map[string]string{}, map[string]string{}
	for _, e := range tr.TraceEvents {
		switch e.Ph {
		case "s":
			starts[e.ID] = trackName[e.Tid]
		case "f":
			ends[e.ID] = trackName[e.Tid]
		}
	}
	if len(starts) != 1 || len(ends) != 1 {
		t.Fatalf("cancel flows: starts %v ends %v", starts, ends)
	}
	for id, from := range starts {
		if from != "Task-1" || ends[id] != "sleeper" {
			t.Errorf("cancel flow %s goes %q -> %q, want Task-1 -> sleeper", id, from, ends[id])
		}
	}
}

// TestChromeTraceSeqAxisDeterministic: the seq axis (and a trace without
// wall times) gives the same bytes for the same run.
func TestChromeTraceSeqAxisDeterministic(t *testing.T) {
	a, b := recordScenario(t), recordScenario(t)
	for i := range b {
		b[i].Wall = 0
	}
	var x, y bytes.Buffer
	if err := WriteChromeTrace(&x, a, ChromeSeq); err != nil {
		t.Fatal(err)
	}
	if err := WriteChromeTrace(&y, b, ChromeWall); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) {
		t.Fatal("seq-axis exports of the same program differ")
	}
}

// TestChromeTraceTruncated: a trace cut off by a limit still exports with
// every slice closed and no dangling arrow.
func TestChromeTraceTruncated(t *testing.T) {
	events := recordScenario(t)
	for n := 1; n < len(events); n += 7 {
		var buf bytes.Buffer
		if err := WriteChromeTrace(&buf, events[:n], ChromeSeq); err != nil {
			t.Fatal(err)
		}
		var tr parsedChrome
		if err := json.Unmarshal(buf.Bytes(), &tr); err != nil {
			t.Fatalf("first %d events: %v", n, err)
		}
		flows := map[string]int{}
		for _, e := range tr.TraceEvents {
			if e.Ph == "X" && (e.Dur == nil || *e.Dur < 0) {
				t.Fatalf("first %d events: open slice %q", n, e.Name)
			}
			if e.Ph == "s" {
				flows[e.ID]++
			}
			if e.Ph == "f" {
				flows[e.ID]--
			}
		}
		for id, d := range flows {
			if d != 0 {
				t.Fatalf("first %d events: flow %s unpaired", n, id)
			}
		}
	}
}
