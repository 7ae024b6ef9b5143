//go:build !loopscope_precompiled

package runner

import (
	"cmp"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
)

// ixgo stops at a program's first type error; the Go compiler lists them
// all (up to ten), and so does the playground: a program that failed is
// checked again, by itself, collecting every error.

// maxTypeErrors is where the Go compiler stops listing too.
const maxTypeErrors = 10

// typeErrors is every type error of a program, in source order.
type typeErrors []types.Error

func (e typeErrors) Error() string { return e[0].Error() }

// allTypeErrors checks src again when err, from loading it, is a type
// error, and returns all of them; otherwise err as it is.
func allTypeErrors(err error, imp types.Importer, src string) error {
	var te types.Error
	if !errors.As(err, &te) {
		return err
	}
	fset := token.NewFileSet()
	f, perr := parser.ParseFile(fset, fileName, src, parser.SkipObjectResolution)
	if perr != nil {
		return err
	}
	var all typeErrors
	conf := types.Config{Importer: imp, Error: func(e error) {
		if te, ok := e.(types.Error); ok {
			all = append(all, te)
		}
	}}
	conf.Check("main", fset, []*ast.File{f}, nil)
	if len(all) == 0 {
		return err // checked alone the program is fine: keep what the load said
	}
	slices.SortStableFunc(all, func(a, b types.Error) int { return cmp.Compare(a.Pos, b.Pos) })
	return all[:min(len(all), maxTypeErrors)]
}
