// Command runnerbench runs one event-heavy program through the playground's
// runner (interpreted by ixgo, traced with source positions) and prints the
// events per second in the protocol of bench/cmd/workloads. bench/cmd/bench
// builds it natively and for js/wasm, with and without the runner's
// low-level tricks (build tags), to see what each gains.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/loopscope/loopscope/wasm/runner"
)

// program makes about 20k events, every one caused by a program line: 5000
// callbacks each scheduling the next, and 100 tasks yielding 20 times.
const program = `package main

import (
	"context"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		l := core.CurrentTask(ctx).Loop()
		done := l.CreateFuture("chain")
		n := 0
		var f func()
		f = func() {
			n++
			if n < 5000 {
				l.CallSoon(f)
			} else {
				done.SetResult(n)
			}
		}
		l.CallSoon(f)
		var ts []core.Awaitable
		for i := 0; i < 100; i++ {
			ts = append(ts, l.CreateTask("", func(ctx context.Context) (any, error) {
				for j := 0; j < 20; j++ {
					if err := core.Sleep(ctx, 0); err != nil {
						return nil, err
					}
				}
				return nil, nil
			}))
		}
		ts = append(ts, done)
		return core.Gather(ctx, ts...)
	})
}
`

type result struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	Note  string  `json:"note,omitempty"`
}

func main() {
	repeat := flag.Int("repeat", 3, "runs at least; the best is kept")
	minTime := flag.Duration("min-time", 0, "and runs again until this long has passed, for a JIT to reach its steady state (wasm under node)")
	stream := flag.Bool("stream", false, "also encode what the playground sends: every message as it streams, and the result")
	flag.Parse()
	req := runner.Request{Source: program}
	if *stream {
		// As wasm/playground's batcher does, less the hand-over to JS: each
		// message's JSON appended straight to a batch, sent (here dropped)
		// when full.
		batch := []byte{'['}
		req.OnMessage = func(m runner.Message) {
			if len(batch) > 1 {
				batch = append(batch, ',')
			}
			if batch = m.AppendJSON(batch); len(batch) > 64<<10 {
				batch = batch[:1]
			}
		}
	}
	rep := struct {
		Results map[string]result `json:"results"`
		Missing map[string]string `json:"missing"`
	}{Results: map[string]result{}, Missing: map[string]string{}}
	// The first run also compiles and type-checks the program; the playground
	// re-runs from its cache, so only later runs count.
	runner.Run(context.Background(), req)
	best := 0.0
	events := 0
	until := time.Now().Add(*minTime)
	for r := 0; r < max(*repeat, 1) || time.Now().Before(until); r++ {
		t0 := time.Now()
		r := runner.Run(context.Background(), req)
		if *stream {
			r.JSON()
		}
		el := time.Since(t0)
		if r.Outcome != runner.OutcomeOK {
			rep.Missing["runner_events"] = fmt.Sprintf("%s: %s", r.Outcome, r.Message)
			break
		}
		events = len(r.Events)
		if v := float64(events) / el.Seconds(); v > best {
			best = v
		}
	}
	if best > 0 {
		rep.Results["runner_events"] = result{Value: best, Unit: "ops/s", Note: fmt.Sprintf("%d traced events per run", events)}
	}
	if err := json.NewEncoder(os.Stdout).Encode(rep); err != nil {
		fmt.Fprintln(os.Stderr, "runnerbench:", err)
		os.Exit(1)
	}
}
