package runner

import (
	"context"
	"strings"
	"testing"
)

// fileSetBase is where the shared context's FileSet would put the next file:
// every build parses the program into it, a reused build does not.
func fileSetBase(t *testing.T) int {
	t.Helper()
	runMu.Lock()
	defer runMu.Unlock()
	if sharedCtx == nil {
		t.Fatal("no shared context")
	}
	return sharedCtx.FileSet.Base()
}

func freshContext() {
	runMu.Lock()
	sharedCtx = nil
	runMu.Unlock()
}

// deferProgram has a rewritten defer (its trace position comes from the
// build) and package state changed by init and main.
const deferProgram = `package main

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

var runs int

func init() { runs++ }

func main() {
	runs++
	loop := core.NewLoop()
	defer fmt.Println("runs", runs)
	loop.CallSoon(loop.Stop)
	defer loop.Close()
	loop.RunForever()
}
`

// TestRerunReusesBuild: running the program that was built last again
// builds nothing (no file parsed into the context) and gives the same
// result as its first run: fresh globals and init, the same positions.
func TestRerunReusesBuild(t *testing.T) {
	freshContext()
	first := Run(context.Background(), Request{Source: deferProgram})
	if first.Outcome != OutcomeOK || len(first.Output) != 1 || first.Output[0].Text != "runs 2" {
		t.Fatalf("first run: %s %s %+v", first.Outcome, first.Message, first.Output)
	}
	base := fileSetBase(t)
	for i := range 2 {
		again := Run(context.Background(), Request{Source: deferProgram})
		if got := fileSetBase(t); got != base {
			t.Fatalf("re-run %d parsed the program again (FileSet base %d -> %d)", i+1, base, got)
		}
		if again.Golden() != first.Golden() {
			t.Fatalf("re-run %d differs from the first run:\n%s", i+1, firstDiff(first.Golden(), again.Golden()))
		}
	}
}

// TestRunUsesPreparedBuild: the run of the program the worker prepared
// reuses that build.
func TestRunUsesPreparedBuild(t *testing.T) {
	freshContext()
	want := Run(context.Background(), Request{Source: deferProgram}).Golden()
	freshContext()
	prepareAll(deferProgram)
	base := fileSetBase(t)
	got := Run(context.Background(), Request{Source: deferProgram}).Golden()
	if b := fileSetBase(t); b != base {
		t.Errorf("the run built the prepared program again (FileSet base %d -> %d)", base, b)
	}
	if got != want {
		t.Errorf("the run of the prepared build differs:\n%s", firstDiff(want, got))
	}
}

// TestOtherProgramsAreBuilt: a changed program is built, and so is the
// earlier one after it (only the last build is kept); a program that fails
// to type-check leaves nothing to reuse either.
func TestOtherProgramsAreBuilt(t *testing.T) {
	freshContext()
	other := strings.Replace(deferProgram, `"runs"`, `"other runs"`, 1)
	badType := strings.Replace(deferProgram, "runs++\n\tloop", "runs += \"x\"\n\tloop", 1)
	want := Run(context.Background(), Request{Source: deferProgram}).Golden()
	for _, step := range []struct {
		name, source, outcome, text string
	}{
		{"a changed program", other, OutcomeOK, "other runs 2"},
		{"the first program again", deferProgram, OutcomeOK, "runs 2"},
		{"a type error", badType, OutcomeCompileError, ""},
		{"the first program after the type error", deferProgram, OutcomeOK, "runs 2"},
	} {
		base := fileSetBase(t)
		r := Run(context.Background(), Request{Source: step.source})
		if b := fileSetBase(t); b == base {
			t.Errorf("%s was not built", step.name)
		}
		if r.Outcome != step.outcome || step.text != "" && (len(r.Output) != 1 || r.Output[0].Text != step.text) {
			t.Errorf("%s: %s %s %+v", step.name, r.Outcome, r.Message, r.Output)
		}
		if step.source == deferProgram && r.Golden() != want {
			t.Errorf("%s differs from its first run:\n%s", step.name, firstDiff(want, r.Golden()))
		}
	}
}

// TestRerunKeepsItsLimits: the hooks a reused build calls (loop ticks,
// output) belong to the run making them, so each re-run of a hostile
// program is stopped by its own limits, with its own output.
func TestRerunKeepsItsLimits(t *testing.T) {
	freshContext()
	spin := "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n"
	flood := "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; ; i++ {\n\t\tfmt.Println(i)\n\t}\n}\n"
	for i := range 2 {
		r := Run(context.Background(), Request{Source: spin, Limits: Limits{WallMS: 300}})
		if r.Outcome != OutcomeLimit || r.Limit != "wall" || !strings.Contains(r.Message, "still running after 300ms") {
			t.Fatalf("spin, run %d: %s/%s %q", i+1, r.Outcome, r.Limit, r.Message)
		}
	}
	var lines []int
	for i := range 2 {
		r := Run(context.Background(), Request{Source: flood, Limits: Limits{OutputBytes: 1000}})
		if r.Outcome != OutcomeLimit || r.Limit != "output" || len(r.Output) == 0 || r.Output[0].Text != "0" {
			t.Fatalf("flood, run %d: %s/%s %q, %d lines", i+1, r.Outcome, r.Limit, r.Message, len(r.Output))
		}
		lines = append(lines, len(r.Output))
	}
	if lines[0] != lines[1] {
		t.Fatalf("the re-run kept %d lines, the first run %d", lines[1], lines[0])
	}
}
