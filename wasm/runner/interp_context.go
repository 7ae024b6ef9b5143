//go:build !loopscope_precompiled

package runner

import "github.com/goplus/ixgo"

// The interpreter context outlives a run. Building one installs the types of
// every imported package (core, fmt, time, ...) from their export tables,
// about half of a short run's time, and its importer keeps them. ixgo makes
// a fresh SSA program for each main package it builds (buildMain resets the
// builder), and each run gets its own Interp, so a program's globals, init
// and goroutines stay its own. What a run registers on the context (print
// output, externals bound to the run, panic hook, run context) is set anew
// by every run before it loads its program.
var (
	sharedCtx  *ixgo.Context
	sharedRuns int
)

// contextRuns bounds how many runs share a context: each one leaves a little
// behind in it (its files in the FileSet, its local named types in ixgo's
// nested-type map), so a long session starts over now and then.
const contextRuns = 200

// interpContext returns the context for the next run (callers hold runMu).
func interpContext() *ixgo.Context {
	ictx := currentContext()
	sharedRuns++
	return ictx
}

// currentContext is the shared context, made anew when there is none yet or
// its runs are used up.
func currentContext() *ixgo.Context {
	if sharedCtx == nil || sharedRuns >= contextRuns {
		sharedCtx = newInterpContext()
		sharedRuns = 0
	}
	return sharedCtx
}

func newInterpContext() *ixgo.Context {
	ictx := ixgo.NewContext(0)
	// Never look for packages on disk: only registered ones exist.
	ictx.Lookup = func(root, path string) (string, bool) { return "", false }
	ictx.BuildContext.GOROOT = "/nonexistent-goroot"
	ictx.BuildContext.GOPATH = "/nonexistent-gopath"
	return ictx
}
