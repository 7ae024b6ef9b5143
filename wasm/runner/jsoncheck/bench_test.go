package jsoncheck_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/loopscope/loopscope/wasm/runner"
)

// goldenResults are every golden run's result, read back.
func goldenResults(b *testing.B) []*runner.Result {
	files, err := filepath.Glob("../testdata/golden/*.golden")
	if err != nil || len(files) == 0 {
		b.Fatalf("no golden files: %v", err)
	}
	t := &testing.T{}
	var rs []*runner.Result
	for _, f := range files {
		rs = append(rs, goldenResult(t, f))
	}
	return rs
}

// The cost of streaming each golden event as the playground does, by
// encoding/json (the old MarshalJSON) and by AppendJSON into the batch.
func BenchmarkStreamEvents(b *testing.B) {
	var msgs []runner.Message
	for _, r := range goldenResults(b) {
		for i := range r.Events {
			msgs = append(msgs, runner.Message{Type: "event", Event: &r.Events[i]})
		}
	}
	b.Run("encoding-json", func(b *testing.B) {
		var batch []byte
		for b.Loop() {
			batch = batch[:0]
			for _, m := range msgs {
				batch = append(batch, reflectMessageJSON(b, m)...)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(msgs)), "ns/event")
	})
	b.Run("append", func(b *testing.B) {
		var batch []byte
		for b.Loop() {
			batch = batch[:0]
			for i := range msgs {
				batch = msgs[i].AppendJSON(batch)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(msgs)), "ns/event")
	})
}

// The cost of the golden results' JSON.
func BenchmarkResultJSON(b *testing.B) {
	rs := goldenResults(b)
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			for _, r := range rs {
				if _, err := json.Marshal((*plainResult)(r)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("append", func(b *testing.B) {
		for b.Loop() {
			for _, r := range rs {
				r.JSON()
			}
		}
	})
}
