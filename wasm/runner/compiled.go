//go:build !loopscope_precompiled

package runner

import "github.com/goplus/ixgo"

// A re-run of an unchanged program (Run clicked again, or the run of the
// program the worker prepared while idle) reuses its type-checked, SSA-built
// package: only the Interp, which holds the program's globals, init state
// and goroutines, is made anew. Building the package again was most of a
// re-run's time in chromium (10-60 ms, against 2-9 ms for a new Interp).
//
// Only the package loaded last is kept, and only while it is the last one
// loaded on its context: ixgo remembers the last main package loaded on the
// context (making an Interp looks at its linknames), so reusing an older
// one could mix two programs.

// built is a program ready to be made into an Interp.
type built struct {
	ctx      *ixgo.Context
	source   string
	interp   func() (*ixgo.Interp, error) // a new Interp of the package
	deferred map[int]bool                 // rewriteDeferGo's lines, read-only
}

// lastBuilt is guarded by runMu.
var lastBuilt built

// builtFor is the program built from source on ictx, if it was the last
// one built there.
func builtFor(ictx *ixgo.Context, source string) (built, bool) {
	b := lastBuilt
	return b, b.interp != nil && b.ctx == ictx && b.source == source
}
