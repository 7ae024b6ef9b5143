package main

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

const corePath = "github.com/loopscope/loopscope/core"

// exampleRef points at a runnable example.
type exampleRef struct {
	Title, URL string
}

const maxRefs = 6

// usageSource is a program whose uses of core are indexed.
type usageSource struct {
	ref  exampleRef
	code string
}

// dirImporter imports from the repository root, so that module packages
// (core) resolve from a source file that lives nowhere on disk.
type dirImporter struct {
	imp types.ImporterFrom
	dir string
}

func (d dirImporter) Import(path string) (*types.Package, error) {
	return d.imp.ImportFrom(path, d.dir, 0)
}

// coreUses type-checks each program and lists, for every symbol of core it
// uses ("Loop.CallSoon", "Sleep"), the examples that use it. Type errors are
// ignored here: the runner check reports them with their lines.
func coreUses(root string, srcs []usageSource) map[string][]exampleRef {
	fset := token.NewFileSet()
	imp := dirImporter{imp: importer.ForCompiler(fset, "source", nil).(types.ImporterFrom), dir: root}
	uses := map[string][]exampleRef{}
	for _, s := range srcs {
		f, err := parser.ParseFile(fset, "main.go", s.code, 0)
		if err != nil {
			continue
		}
		info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
		conf := types.Config{Importer: imp, Error: func(error) {}}
		conf.Check("main", fset, []*ast.File{f}, info)
		seen := map[string]bool{}
		for _, obj := range info.Uses {
			key := coreSymbol(obj)
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			uses[key] = append(uses[key], s.ref)
		}
	}
	// The guide's examples first (they explain), then the example programs;
	// a handful is enough to learn from.
	for k, refs := range uses {
		sort.SliceStable(refs, func(i, j int) bool {
			di, dj := strings.HasPrefix(refs[i].URL, "/docs/"), strings.HasPrefix(refs[j].URL, "/docs/")
			if di != dj {
				return di
			}
			return refs[i].URL < refs[j].URL
		})
		uses[k] = refs[:min(len(refs), maxRefs)]
	}
	return uses
}

// coreSymbol names obj as the API page's anchors do, or "" when obj is not
// an exported package-level symbol or method of core.
func coreSymbol(obj types.Object) string {
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != corePath || !obj.Exported() {
		return ""
	}
	if fn, ok := obj.(*types.Func); ok {
		if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
			t := recv.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := t.(*types.Named); ok {
				return n.Obj().Name() + "." + fn.Name()
			}
			return ""
		}
	}
	if obj.Parent() != obj.Pkg().Scope() {
		return "" // a field or a local
	}
	return obj.Name()
}
