//go:build loopscope_precompiled

package precompiled

import (
	"context"
	"os"
	"testing"

	"github.com/loopscope/loopscope/wasm/runner"
)

// BenchmarkExamplesPrecompiled runs every Go example once per iteration as
// the playground's default build does, with the trace's source positions:
// go test -tags loopscope_precompiled -bench . ./wasm/precompiled
func BenchmarkExamplesPrecompiled(b *testing.B) {
	runner.Programs = Programs
	var srcs []string
	for _, m := range exampleMains() {
		src, err := os.ReadFile(m)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, string(src))
	}
	runner.WarmUp()
	b.ResetTimer()
	for b.Loop() {
		for _, src := range srcs {
			if res := runner.Run(context.Background(), runner.Request{Source: src}); res.Outcome == runner.OutcomeError {
				b.Fatal(res.Message)
			}
		}
	}
}
