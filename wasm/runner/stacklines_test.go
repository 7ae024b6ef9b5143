package runner

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// The patterns stacklines.go replaced: its functions must agree with them.
var (
	stackLinePattern   = regexp.MustCompile(`(?m)^\s*(?:\S*/)?` + regexp.QuoteMeta(fileName) + `:(\d+)(?::(\d+))?`)
	stackOffsetPattern = regexp.MustCompile(`(?m) \+0x[0-9a-f]+$`)
)

var stackSamples = []string{
	"goroutine 1 [running]:\nmain.main()\n\t/tmp/x/main.go:12 +0x1d\nexit status 2",
	"main.work(...)\n\tmain.go:7:3\nmain.main()\n\tmain.go:20 +0x2f",
	"\tsrc/main.go/main.go:4 +0xab",
	"a/main.go:3/main.go:5",
	"main.go:x\n  main.go:9:",
	"foo +0xZZ\nbar +0x\nbaz +0xff\n +0x1",
	"\n\n   \n\tmain.go:1",
	"x main.go:3",
	"\vmain.go:3",
	"a\vb/main.go:2 +0x3",
	"",
}

func TestStackLinesAsPatterns(t *testing.T) {
	for _, s := range stackSamples {
		checkStackLines(t, s)
	}
}

// Strings made of the pieces that matter to the patterns, in every kind of
// order. (No fuzz target: ixgo resets package flag, which Go's fuzzing
// reads after the tests have run in this package.)
func TestStackLinesAsPatternsGenerated(t *testing.T) {
	pieces := []string{"main.go", ":", "1", "23", "x", "/", " ", "\t", "\n", "\v", "\r", " +0x", "ff", "Z", "main.go:4"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		checkStackLines(t, b.String())
	}
}

func checkStackLines(t *testing.T, s string) {
	if got, want := withoutPCOffsets(s), stackOffsetPattern.ReplaceAllString(s, ""); got != want {
		t.Fatalf("withoutPCOffsets(%q) = %q, the pattern gives %q", s, got, want)
	}
	line, col, ok := firstProgramLine(s)
	m := stackLinePattern.FindStringSubmatch(s)
	if ok != (m != nil) || ok && (line != m[1] || col != m[2]) {
		t.Fatalf("firstProgramLine(%q) = %q, %q, %v; the pattern gives %q", s, line, col, ok, m)
	}
}
