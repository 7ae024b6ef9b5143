package runner

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loopscope/loopscope/core"
)

// TestRealTimeStreams: with the real clock, sleeps take real time and every
// event and output line is streamed while the program runs.
func TestRealTimeStreams(t *testing.T) {
	src := `package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		fmt.Println("before")
		core.Sleep(ctx, 50*time.Millisecond)
		fmt.Println("after")
		return nil, nil
	})
}
`
	var events, lines int
	var firstOutputAt, lastOutputAt time.Time
	start := time.Now()
	r := Run(context.Background(), Request{Source: src, Clock: "real", OnMessage: func(m Message) {
		switch m.Type {
		case "event":
			events++
		case "output":
			lines++
			if firstOutputAt.IsZero() {
				firstOutputAt = time.Now()
			}
			lastOutputAt = time.Now()
		}
	}})
	if r.Outcome != OutcomeOK {
		t.Fatalf("%s: %s", r.Outcome, r.Message)
	}
	if events != len(r.Events) || lines != 2 {
		t.Errorf("streamed %d events and %d lines; the result has %d events and 2 lines", events, lines, len(r.Events))
	}
	if gap := lastOutputAt.Sub(firstOutputAt); gap < 50*time.Millisecond {
		t.Errorf("the lines arrived %v apart: the sleep did not take real time", gap)
	}
	if time.Since(start) < 50*time.Millisecond {
		t.Error("the run did not wait for the real clock")
	}
	for _, ev := range r.Events {
		if ev.Wall == 0 && ev.Seq > 1 {
			t.Fatalf("event %d has no wall time", ev.Seq)
		}
	}
}

// TestResultJSON: the result has the contract's shape, empty lists included.
func TestResultJSON(t *testing.T) {
	r := Run(context.Background(), Request{Source: "package main\n\nfunc main() {}\n"})
	var m map[string]any
	if err := json.Unmarshal(r.JSON(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"outcome", "message", "output", "diagnostics", "events"} {
		if _, ok := m[k]; !ok {
			t.Errorf("result JSON lacks %q: %s", k, r.JSON())
		}
	}
	if _, ok := m["limit"]; ok {
		t.Errorf("limit present without a limit outcome")
	}
}

func TestFormat(t *testing.T) {
	out, err := Format("package main\nfunc main(){\nx:=1\n_=x}\n")
	if err != nil || out != "package main\n\nfunc main() {\n\tx := 1\n\t_ = x\n}\n" {
		t.Errorf("Format = %q, %v", out, err)
	}
	if _, err := Format("package main\nfunc main( {\n"); err == nil || !strings.Contains(err.Error(), "2:") {
		t.Errorf("Format of broken code: %v", err)
	}
}

// TestDeferredCallPositions: a deferred call into core is traced at the
// line of the return that ran it, as compiled Go reports it; the defer's
// arguments are evaluated at the defer statement.
func TestDeferredCallPositions(t *testing.T) {
	src := `package main

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	n := 1
	defer fmt.Println("n was", n)
	n = 2
	loop.CallSoon(loop.Stop)
	if n == 2 {
		defer loop.Close()
		loop.RunForever()
		return
	}
}
`
	r := Run(context.Background(), Request{Source: src})
	if r.Outcome != OutcomeOK {
		t.Fatalf("%s: %s", r.Outcome, r.Message)
	}
	if len(r.Output) != 1 || r.Output[0].Text != "n was 1" {
		t.Errorf("output %+v, want the defer's argument as it was at the defer", r.Output)
	}
	var outPos string
	for _, ev := range r.Events {
		if ev.Kind == core.KindOutput {
			outPos = ev.Pos
		}
	}
	if outPos != "main.go:18" {
		t.Errorf("deferred Println traced at %q, want main.go:18 (the return)", outPos)
	}
}

// The re-run latency of the playground is mostly this: one example run
// after another in the same process (the page's worker keeps its instance).
func BenchmarkRunSeedExample(b *testing.B) { benchExample(b, "call_soon") }

func BenchmarkRunCoroutineExample(b *testing.B) { benchExample(b, "coroutine") }

// BenchmarkRunSeedExampleFresh is the first run of a page: a new
// interpreter context that installs the imported packages' types.
func BenchmarkRunSeedExampleFresh(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(examplesDir, "call_soon", "main.go"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		runMu.Lock()
		sharedCtx = nil
		runMu.Unlock()
		if r := Run(context.Background(), Request{Source: string(src)}); r.Outcome != OutcomeOK {
			b.Fatal(r.Message)
		}
	}
}

func benchExample(b *testing.B, name string) {
	src, err := os.ReadFile(filepath.Join(examplesDir, name, "main.go"))
	if err != nil {
		b.Fatal(err)
	}
	Run(context.Background(), Request{Source: string(src)}) // one-time setup is not what is measured
	for b.Loop() {
		if r := Run(context.Background(), Request{Source: string(src)}); r.Outcome != OutcomeOK {
			b.Fatal(r.Message)
		}
	}
}

func TestMessageJSON(t *testing.T) {
	out, _ := json.Marshal(Message{Type: "output", Text: "hi"})
	ev, _ := json.Marshal(Message{Type: "event", Event: &core.Event{Seq: 3, Kind: core.KindOutput}})
	if string(out) != `{"type":"output","text":"hi","in":0,"seq":0}` || string(ev) != `{"type":"event","event":{"seq":3,"t":0,"kind":"output"}}` {
		t.Errorf("messages: %s %s", out, ev)
	}
}
