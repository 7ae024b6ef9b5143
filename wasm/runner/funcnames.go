//go:build !loopscope_precompiled

package runner

import (
	"go/types"
	"reflect"
	"sync"
	"unsafe"

	"github.com/goplus/ixgo"
	"github.com/visualfc/funcval"
	"golang.org/x/tools/go/ssa"
)

// The trace names each scheduled callback by its function (core's
// WithFuncNames). A function of the interpreted program reaches core as a
// reflect.MakeFunc value that the Go runtime cannot name; ixgo keeps the
// SSA function behind it in that closure, laid out as ixgo's own
// makeFuncVal reads it (runtime_func.go: the closure captures the
// interpreter, the function, its type and its free variables, in that
// order). The name is then the one compiled Go's runtime gives, shortened
// as core shortens it: "handler", "(*T).m"; a function literal has none.

// interpClosure is the context of the closure ixgo's makeFunction builds.
type interpClosure struct {
	funcval.FuncVal
	interp *ixgo.Interp
	pfn    unsafe.Pointer // *ixgo.function
}

// fnField is the offset of ixgo's function.Fn (*ssa.Function), found by
// reflection like framesite.go's fields; ok false if ixgo changed it.
var fnField = func() (f struct {
	ok  bool
	off uintptr
}) {
	pfn, ok := reflect.TypeFor[ixgo.Frame]().FieldByName("pfn")
	if !ok || pfn.Type.Kind() != reflect.Pointer {
		return
	}
	fn, ok := pfn.Type.Elem().FieldByName("Fn")
	if !ok || fn.Type != reflect.TypeFor[*ssa.Function]() {
		return
	}
	f.ok, f.off = true, fn.Offset
	return
}()

// ssaFuncOf is the SSA function of an interpreted func value made by
// interp, or nil (a native function, or ixgo's layout is not the one read).
func ssaFuncOf(fn any, interp *ixgo.Interp) *ssa.Function {
	if !fnField.ok || interp == nil {
		return nil
	}
	fv, n := funcval.Get(fn)
	if n != 1 || fv == nil {
		return nil
	}
	c := (*interpClosure)(unsafe.Pointer(fv))
	if c.interp != interp || c.pfn == nil {
		return nil
	}
	return *(**ssa.Function)(unsafe.Add(c.pfn, fnField.off))
}

var goNames sync.Map // *ssa.Function -> string

// funcName names fn for the trace if it is the program's, else "".
func (r *run) funcName(fn func()) string {
	r.mu.Lock()
	interp := r.interp
	r.mu.Unlock()
	f := ssaFuncOf(fn, interp)
	if f == nil {
		return ""
	}
	if name, ok := goNames.Load(f); ok {
		return name.(string)
	}
	name := goName(f)
	goNames.Store(f, name)
	return name
}

// goName is the name the Go runtime gives f, without its package: a
// method value's wrapper "(*T).m$bound" is the method "(*T).m". A function
// literal gets "", as from core (its runtime name depends on inlining).
func goName(f *ssa.Function) string {
	if f.Parent() != nil {
		return ""
	}
	obj, _ := f.Object().(*types.Func)
	if obj == nil {
		return ""
	}
	sig, _ := obj.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return obj.Name()
	}
	recv := sig.Recv().Type()
	ptr := ""
	if p, ok := recv.(*types.Pointer); ok {
		recv, ptr = p.Elem(), "*"
	}
	named, _ := types.Unalias(recv).(*types.Named)
	if named == nil {
		return obj.Name()
	}
	if ptr != "" {
		return "(*" + named.Obj().Name() + ")." + obj.Name()
	}
	return named.Obj().Name() + "." + obj.Name()
}
