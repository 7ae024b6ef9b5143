//go:build !loopscope_precompiled

package runner

//go:generate go run ./internal/gencore -o core_export.go

import (
	"sync"

	"github.com/goplus/ixgo"
)

func init() { ixgo.RegisterPackage(corePackage) }

// trimOnce runs trimSourceDeps before the first run, once every init (and
// every optional package's addition to allowedImports) is done.
var trimOnce sync.Once

// trimSourceDeps removes generic packages that ixgo registers as source
// (slices, maps, cmp) from the dependencies of the others: otherwise every
// run that imports fmt or sort type-checks and builds all of slices' source
// first (the bulk of a run's time). A program importing slices still gets it.
func trimSourceDeps() {
	for _, path := range allowedImports {
		p, ok := ixgo.LookupPackage(path)
		if !ok || p.Source != "" {
			continue
		}
		for dep := range p.Deps {
			if d, ok := ixgo.LookupPackage(dep); ok && d.Source != "" {
				delete(p.Deps, dep)
			}
		}
	}
}
