//go:build !loopscope_precompiled

package runner

import (
	"go/ast"
	"go/token"
	"strconv"
)

// returnMarker is declared (without a body) in rewritten programs and
// registered as a frame-aware external: called right before each return of
// a function whose defers were rewritten, it records the line Go reports
// deferred calls at.
const returnMarker = "_loopscopeReturn"

// enterMarker and leaveMarker bracket a function whose defers were
// rewritten (enterMarker first, leaveMarker deferred first, so it runs
// after all its other deferred calls): the line returnMarker records
// belongs to that function's deferred calls alone. Deferred calls that a
// panic runs, with no return, get no such line; nor does anything that
// runs later on the same goroutine, such as the next task's body on a
// pooled coroutine (core/coro.go).
const (
	enterMarker = "_loopscopeEnter"
	leaveMarker = "_loopscopeLeave"
)

// rewriteDeferGo turns `defer x.F(args)` and `go x.F(args)` into
//
//	{ _a0, _a1 := args; defer func() { x.F(_a0, _a1) }() }
//
// The interpreter calls core's and fmt's frame-aware wrappers only from
// ordinary call sites (a deferred external call loses the frame argument),
// so the call moves into a closure while its arguments are still evaluated
// at the defer statement, as Go requires. The call keeps its source
// positions, so lines in errors do not move.
//
// Compiled Go reports a deferred call at the line of the return that ran
// it; so functions with rewritten defers call returnMarker before each
// return (and at their closing brace), between enterMarker and leaveMarker.
// It returns the lines of the moved calls.
func rewriteDeferGo(fset *token.FileSet, f *ast.File) map[int]bool {
	moved := map[int]bool{}
	n := 0
	rewrite := func(s ast.Stmt) (ast.Stmt, bool) {
		var call *ast.CallExpr
		var isGo bool
		switch s := s.(type) {
		case *ast.DeferStmt:
			call = s.Call
		case *ast.GoStmt:
			call, isGo = s.Call, true
		default:
			return s, false
		}
		if _, ok := call.Fun.(*ast.SelectorExpr); !ok {
			return s, false
		}
		moved[fset.Position(call.Pos()).Line] = true
		var names, values []ast.Expr
		for i, a := range call.Args {
			if _, ok := a.(*ast.BasicLit); ok {
				continue // a constant: evaluating it later is the same
			}
			if id, ok := a.(*ast.Ident); ok && (id.Name == "nil" || id.Name == "true" || id.Name == "false") {
				continue
			}
			n++
			id := ast.NewIdent("_loopscopeArg" + strconv.Itoa(n))
			id.NamePos = a.Pos()
			names = append(names, id)
			values = append(values, a)
			call.Args[i] = ast.NewIdent(id.Name)
		}
		closure := &ast.CallExpr{
			Fun: &ast.FuncLit{
				Type: &ast.FuncType{Func: call.Pos(), Params: &ast.FieldList{}},
				Body: &ast.BlockStmt{Lbrace: call.Pos(), List: []ast.Stmt{&ast.ExprStmt{X: call}}, Rbrace: call.End()},
			},
			Lparen: call.End(),
			Rparen: call.End(),
		}
		var deferred ast.Stmt = &ast.DeferStmt{Defer: s.Pos(), Call: closure}
		if isGo {
			deferred = &ast.GoStmt{Go: s.Pos(), Call: closure}
		}
		if len(names) == 0 {
			return deferred, !isGo
		}
		assign := &ast.AssignStmt{Lhs: names, TokPos: s.Pos(), Tok: token.DEFINE, Rhs: values}
		return &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{assign, deferred}, Rbrace: s.End()}, !isGo
	}

	// Walk each function body on its own, so a defer marks only the
	// function that contains it.
	var marked bool
	var walkFunc func(body *ast.BlockStmt)
	walkFunc = func(body *ast.BlockStmt) {
		if body == nil {
			return
		}
		hasDefer := false
		var lists []*[]ast.Stmt
		var visit func(n ast.Node) bool
		visit = func(node ast.Node) bool {
			switch b := node.(type) {
			case *ast.FuncLit:
				walkFunc(b.Body)
				return false
			case *ast.BlockStmt:
				lists = append(lists, &b.List)
			case *ast.CaseClause:
				lists = append(lists, &b.Body)
			case *ast.CommClause:
				lists = append(lists, &b.Body)
			}
			return true
		}
		ast.Inspect(body, visit)
		for _, list := range lists {
			for i, s := range *list {
				ns, isDefer := rewrite(s)
				(*list)[i] = ns
				hasDefer = hasDefer || isDefer
			}
		}
		if !hasDefer {
			return
		}
		marked = true
		marker := func(pos token.Pos) ast.Stmt {
			return &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.Ident{NamePos: pos, Name: returnMarker}, Lparen: pos, Rparen: pos}}
		}
		for _, list := range lists {
			var out []ast.Stmt
			for _, s := range *list {
				if r, ok := s.(*ast.ReturnStmt); ok {
					out = append(out, marker(r.Pos()))
				}
				out = append(out, s)
			}
			*list = out
		}
		if n := len(body.List); n == 0 || !isReturn(body.List[n-1]) {
			body.List = append(body.List, marker(body.Rbrace))
		}
		at := body.Lbrace
		enter := &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.Ident{NamePos: at, Name: enterMarker}, Lparen: at, Rparen: at}}
		leave := &ast.DeferStmt{Defer: at, Call: &ast.CallExpr{Fun: &ast.Ident{NamePos: at, Name: leaveMarker}, Lparen: at, Rparen: at}}
		body.List = append([]ast.Stmt{enter, leave}, body.List...)
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			walkFunc(fd.Body)
		}
	}
	if marked {
		for _, name := range []string{returnMarker, enterMarker, leaveMarker} {
			f.Decls = append(f.Decls, &ast.FuncDecl{
				Name: ast.NewIdent(name),
				Type: &ast.FuncType{Params: &ast.FieldList{}},
			})
		}
	}
	return moved
}

func isReturn(s ast.Stmt) bool {
	_, ok := s.(*ast.ReturnStmt)
	return ok
}
