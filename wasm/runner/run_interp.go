//go:build !loopscope_precompiled

package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/goplus/ixgo"
	"github.com/loopscope/loopscope/core"
)

// The interpreter's side of a run (run.go is what every build shares):
// compiling the program with ixgo, running it, and reading how it ended.

func (r *run) notePanic(info *ixgo.PanicInfo) {
	p := info.Position()
	if filepath.Base(p.Filename) != fileName || info.Error == nil {
		return
	}
	text := fmt.Sprint(asCompiled(info.Error))
	if pe, ok := info.Error.(ixgo.PanicError); ok {
		// As core's *PanicError prints the value it unwrapped (%v), which
		// the interpreter's own text does not for named types.
		text = fmt.Sprint(pe.Value)
	}
	r.mu.Lock()
	if len(r.panics) < 100 {
		r.panics = append(r.panics, seenPanic{text: text, line: p.Line, col: p.Column})
	}
	r.mu.Unlock()
}

// noteNative is notePanic for a runtime error Go raised inside the
// interpreter, which ixgo's hook does not see (rootframe.go).
func (r *run) noteNative(text string, line int) {
	r.mu.Lock()
	if len(r.panics) < 100 {
		r.panics = append(r.panics, seenPanic{text: text, line: line})
	}
	r.mu.Unlock()
}

// unwrapInterpPanic gives core the value the program panicked with, which
// ixgo raises wrapped in an ixgo.PanicError: so a *core.PanicError matches
// errors.Is / errors.As and prints as it does compiled.
func unwrapInterpPanic(r any) any {
	if pe, ok := r.(ixgo.PanicError); ok {
		return pe.Value
	}
	return asCompiled(r)
}

// unwrapPanic is unwrapInterpPanic for the loop, which calls it where it
// recovers, while the panicking frames are still linked: a runtime error
// Go raised in a callback is noted with its line (rootframe.go). A task's
// body has noted its own (rooted).
func (r *run) unwrapPanic(v any) any {
	if goRaised(v) {
		if line, ok := r.pos.callbackLine(); ok {
			r.noteNative(fmt.Sprint(asCompiled(v)), line)
		}
	}
	return unwrapInterpPanic(v)
}

// beforeCallback roots the callback the loop is about to run (r.mu held).
func (r *run) beforeCallback() { r.pos.enterCallback() }

// asCompiled is the runtime error compiled Go raises where ixgo's reflection
// panicked instead: storing through a nil pointer (`*p = 1`, where p.X = 1
// is caught by ixgo itself) reaches reflect with the zero Value of nothing,
// and "reflect: call of reflect.Value.Set on zero Value" is the
// interpreter's inside, not the program's error. Programs cannot import
// reflect, so such a panic is never their own.
func asCompiled(r any) any {
	if ve, ok := r.(*reflect.ValueError); ok && ve.Kind == reflect.Invalid && nilDeref != nil {
		return nilDeref
	}
	// A method called on a nil interface: ixgo's text already says
	// "runtime error: ", which its RuntimeError says again.
	if re, ok := r.(ixgo.RuntimeError); ok && nilDeref != nil && "runtime error: "+string(re) == "runtime error: "+nilDeref.Error() {
		return nilDeref
	}
	return r
}

// nilDeref is the runtime's own error for a nil pointer dereference.
var nilDeref = func() (err runtime.Error) {
	defer func() { err, _ = recover().(runtime.Error) }()
	nilIntSink = *nilInt
	return nil
}()

var nilInt, nilIntSink = (*int)(nil), 0

func (r *run) execute(ctx context.Context) {
	if r.compileCheck() {
		return
	}
	var printBuf bytes.Buffer
	ictx, interp, ok := r.compile(&printBuf)
	if !ok {
		return
	}
	runCtx, cancel := r.begin(ctx)
	defer cancel()
	ictx.RunContext = runCtx
	// The interpreter aborts the program itself when the context ends:
	// from then on, what the program does while unwinding is not its run.
	defer context.AfterFunc(runCtx, func() {
		r.mu.Lock()
		if !r.stopped {
			r.stopped = true
			r.cutAt = r.current()
		}
		r.mu.Unlock()
	})()

	core.DefaultOptions = r.loopOptions
	defer func() { core.DefaultOptions = nil }()

	r.mu.Lock()
	r.interp = interp
	r.mu.Unlock()
	_, err := ictx.RunInterp(interp, fileName, nil)
	// As in Go, the program ends when main returns: goroutines it left
	// running stop at their next instruction, before they could print into
	// the next run (which shares the interpreter context).
	interp.Abort()
	waitLeftovers(interp)
	r.flush()
	r.mu.Lock()
	if printBuf.Len() > 0 {
		for _, s := range strings.Split(strings.TrimSuffix(printBuf.String(), "\n"), "\n") {
			r.output = append(r.output, Line{Text: s})
		}
	}
	r.mu.Unlock()
	r.classify(ctx, err)
}

// compile makes the interpreter for the program on the shared context, with
// the run's hooks registered, from the program's last build if it is still
// there (compiled.go); false when it does not compile (the diagnostics are
// in r).
func (r *run) compile(printBuf *bytes.Buffer) (*ixgo.Context, *ixgo.Interp, bool) {
	ictx := interpContext()
	ictx.SetPrintOutput(printBuf)
	registerCoreWrappers(ictx, r.pos)
	ictx.RegisterExternal("main."+returnMarker, r.pos.returning)
	ictx.RegisterExternal("main."+enterMarker, r.pos.enterDefers)
	ictx.RegisterExternal("main."+leaveMarker, r.pos.leaveDefers)
	r.registerFmt(ictx)
	r.registerSleep(ictx)
	ictx.SetPanic(r.notePanic)
	ictx.RegisterExternal("main."+tickMarker, r.tick)
	b, ok := builtFor(ictx, r.req.Source)
	if !ok {
		var err error
		if b, err = r.build(ictx); err != nil {
			r.compileError(err)
			return nil, nil, false
		}
	}
	r.pos.deferred = b.deferred
	interp, err := b.interp()
	if err != nil {
		lastBuilt = built{}
		r.compileError(err)
		return nil, nil, false
	}
	r.pos.interp, r.pos.native = interp, r.noteNative
	return ictx, interp, true
}

// build parses the program, rewrites it (defer and go statements, loop
// ticks), type-checks it and builds its SSA package; it becomes lastBuilt.
func (r *run) build(ictx *ixgo.Context) (built, error) {
	f, err := parser.ParseFile(ictx.FileSet, fileName, r.req.Source, parser.ParseComments)
	if err != nil {
		return built{}, err
	}
	deferred := rewriteDeferGo(ictx.FileSet, f)
	insertTicks(f)
	lastBuilt = built{} // loading replaces the context's last main package
	pkg, err := ictx.LoadAstFile(f.Name.Name, f)
	if err != nil {
		return built{}, allTypeErrors(err, ictx.Importer, r.req.Source)
	}
	lastBuilt = built{
		ctx:      ictx,
		source:   r.req.Source,
		interp:   func() (*ixgo.Interp, error) { return ictx.NewInterp(pkg) },
		deferred: deferred,
	}
	return lastBuilt, nil
}

// compileCheck parses the program and checks its imports before the
// interpreter sees it, so errors read like the Go compiler's.
func (r *run) compileCheck() bool {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, fileName, r.req.Source, parser.ImportsOnly)
	if err != nil {
		r.compileError(err)
		return true
	}
	if f.Name.Name != "main" {
		p := fset.Position(f.Name.Pos())
		r.compileErrorAt(p.Line, p.Column, "the program must be package main, not "+f.Name.Name)
		return true
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if !slices.Contains(allowedImports, path) {
			p := fset.Position(imp.Pos())
			r.diags = append(r.diags, Diagnostic{Line: p.Line, Col: p.Column,
				Message: fmt.Sprintf("package %s is not available in the playground (available: %s)", path, strings.Join(allowedImports, ", "))})
		}
	}
	if len(r.diags) > 0 {
		r.outcome = OutcomeCompileError
		r.message = fmt.Sprintf("%s:%d:%d: %s", fileName, r.diags[0].Line, r.diags[0].Col, r.diags[0].Message)
		return true
	}
	return false
}

var errPos = regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(fileName) + `:(\d+):(\d+): (.*)$`)

// compileError turns parse and type errors into diagnostics.
func (r *run) compileError(err error) {
	var list scanner.ErrorList
	var te types.Error
	var all typeErrors
	switch {
	case errors.As(err, &all):
		for _, e := range all {
			p := e.Fset.Position(e.Pos)
			r.diags = append(r.diags, Diagnostic{Line: p.Line, Col: p.Column, Message: e.Msg})
		}
	case errors.As(err, &list):
		for _, e := range list {
			r.diags = append(r.diags, Diagnostic{Line: e.Pos.Line, Col: e.Pos.Column, Message: e.Msg})
		}
	case errors.As(err, &te):
		p := te.Fset.Position(te.Pos)
		r.diags = append(r.diags, Diagnostic{Line: p.Line, Col: p.Column, Message: te.Msg})
	default:
		for _, m := range errPos.FindAllStringSubmatch(err.Error(), -1) {
			line, _ := strconv.Atoi(m[1])
			col, _ := strconv.Atoi(m[2])
			r.diags = append(r.diags, Diagnostic{Line: line, Col: col, Message: m[3]})
		}
	}
	r.outcome = OutcomeCompileError
	if len(r.diags) == 0 {
		r.message = err.Error()
		return
	}
	r.message = fmt.Sprintf("%s:%d:%d: %s", fileName, r.diags[0].Line, r.diags[0].Col, r.diags[0].Message)
}

// engine is what an interpreted run keeps besides run's common state.
type engine struct {
	pos    *positions
	interp *ixgo.Interp
}

func newEngine() engine { return engine{pos: newPositions()} }

// engineOptions are the interpreter's loop options: positions from its
// frames, panics unwrapped from ixgo's wrapper, callback names from SSA.
func (r *run) engineOptions() []core.Option {
	return []core.Option{core.WithPosFunc(r.pos.pos), core.WithPanicUnwrap(r.unwrapPanic), core.WithBlockingSleep(r.sleep),
		core.WithFuncNames(r.funcName)}
}

// abortProgram stops the interpreted program at its next instruction.
func (r *run) abortProgram() {
	if r.interp != nil {
		r.interp.Abort()
	}
}

// classifyError reads the error the interpreter returned.
func (r *run) classifyError(err error) {
	var pe ixgo.PanicError
	if errors.As(err, &pe) {
		r.panicked(pe.Error(), string(pe.Stack()))
		return
	}
	var fe ixgo.FatalError
	if errors.As(err, &fe) {
		value := fe.Error()
		if v := asCompiled(fe.Value); v != fe.Value {
			value = fmt.Sprint(v)
		}
		r.panicked(value, string(fe.Stack()))
		return
	}
	if errors.Is(err, ixgo.ErrGoexitDeadlock) || strings.Contains(err.Error(), "deadlock") {
		r.outcome, r.message = OutcomeDeadlock, "fatal error: all goroutines are asleep - deadlock!"
		return
	}
	r.outcome, r.message = OutcomeError, err.Error()
}

// prepareEngine does the interpreter's one-time setup before a run.
func prepareEngine() { trimOnce.Do(trimSourceDeps) }
