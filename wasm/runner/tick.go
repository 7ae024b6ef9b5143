//go:build !loopscope_precompiled

package runner

import (
	"context"
	"go/ast"
	"time"

	"github.com/goplus/ixgo"
)

// tickMarker is called at the top of every loop body of the program.
// Go's wasm port cannot preempt a goroutine, so a busy loop would starve the
// timer that enforces the wall-time limit; the tick checks the clock itself.
const tickMarker = "_loopscopeTick"

// insertTicks puts a tickMarker call first in every for and range body.
func insertTicks(f *ast.File) {
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		var body *ast.BlockStmt
		switch s := node.(type) {
		case *ast.ForStmt:
			body = s.Body
		case *ast.RangeStmt:
			body = s.Body
		default:
			return true
		}
		pos := body.Lbrace
		call := &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.Ident{NamePos: pos, Name: tickMarker}, Lparen: pos, Rparen: pos}}
		body.List = append([]ast.Stmt{call}, body.List...)
		n++
		return true
	})
	if n > 0 {
		f.Decls = append(f.Decls, &ast.FuncDecl{Name: ast.NewIdent(tickMarker), Type: &ast.FuncType{Params: &ast.FieldList{}}})
	}
}

// tick stops the run once its wall time is up or its context is done,
// looking at the clock every 1024 iterations; then it also notes the line
// the loop is at (running.go).
func (r *run) tick(fr *ixgo.Frame) {
	if r.ticks.Add(1)&1023 != 0 {
		return
	}
	r.note(r.pos.framePos(fr), true)
	if time.Now().After(r.deadline) || r.ctx != nil && r.ctx.Err() == context.DeadlineExceeded {
		r.mu.Lock()
		r.stop("wall")
		r.mu.Unlock()
		return
	}
	if r.ctx != nil && r.ctx.Err() != nil {
		// Stopped from outside: what it does while unwinding is not kept.
		r.mu.Lock()
		if !r.stopped {
			r.stopped = true
			r.cutAt = r.current()
		}
		if r.interp != nil {
			r.interp.Abort()
		}
		r.mu.Unlock()
	}
}
