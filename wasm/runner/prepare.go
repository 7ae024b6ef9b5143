//go:build !loopscope_precompiled

package runner

import (
	"bytes"
	"go/parser"
	"go/token"
	"slices"
	"strconv"

	"github.com/goplus/ixgo"
)

// Preparing pays a program's one-time costs before it is run: the shared
// interpreter context installs the types of the packages it imports and, in
// a browser, the wasm code of the type checker, the SSA builder and the
// interpreter gets compiled by a first use. The playground's worker prepares
// the program on show while idle, in short steps, so that a Run clicked
// meanwhile waits for one step at most.

// prepared is how far preparing has come on the shared context.
var prepared struct {
	ctx      *ixgo.Context
	imported map[string]bool
	compiled string // the source last compiled
}

// PrepareStep does the next step of preparing source: one package's types,
// then compiling the program (never running it). It reports whether steps
// are left.
func PrepareStep(source string) (more bool) {
	runMu.Lock()
	defer runMu.Unlock()
	trimOnce.Do(trimSourceDeps)
	ictx := currentContext()
	if prepared.ctx != ictx {
		prepared.ctx, prepared.imported, prepared.compiled = ictx, map[string]bool{}, ""
	}
	for _, path := range importOrder(programImports(source)) {
		if !prepared.imported[path] {
			prepared.imported[path] = true
			ictx.Importer.Import(path) // an error shows when the program is run
			return true
		}
	}
	if prepared.compiled != source {
		prepared.compiled = source
		r := newRun(Request{Source: source}, DefaultLimits)
		if !r.compileCheck() {
			var discard bytes.Buffer
			sharedRuns++ // compiling leaves as much behind in the context as a run
			r.compile(&discard)
		}
	}
	return false
}

// programImports are the packages source imports that a program may use.
func programImports(source string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), fileName, source, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var paths []string
	for _, imp := range f.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err == nil && slices.Contains(allowedImports, p) {
			paths = append(paths, p)
		}
	}
	return paths
}

// importOrder lists paths and the registered packages they depend on,
// dependencies first: importing one then installs just that package.
func importOrder(paths []string) []string {
	var order []string
	seen := map[string]bool{}
	var visit func(string)
	visit = func(path string) {
		p, ok := ixgo.LookupPackage(path)
		if seen[path] || !ok {
			return
		}
		seen[path] = true
		deps := make([]string, 0, len(p.Deps))
		for dep := range p.Deps {
			deps = append(deps, dep)
		}
		slices.Sort(deps) // map order would make the steps differ from page to page
		for _, dep := range deps {
			visit(dep)
		}
		order = append(order, path)
	}
	for _, path := range paths {
		visit(path)
	}
	return order
}
