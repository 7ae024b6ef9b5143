//go:build !loopscope_precompiled

package runner

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/goplus/ixgo"
	"github.com/visualfc/gid"
)

// A runtime error that Go itself raises inside an interpreted instruction
// (assignment to a nil map, a call of a nil func, division by zero, closing
// a closed channel) unwinds straight through ixgo: its panic hook
// (notePanic) never sees it, so nothing said where it happened. For main,
// ixgo walks down from main's root frame to the frame that was executing
// (RunFunc); a task's body is entered from native code (core calls it) with
// a root frame only ixgo holds (tryDeferFrame's &frame{}). rooted gives the
// body a root the runner holds instead, registered where ixgo looks for the
// caller of a native-to-interpreted call on this goroutine (the frame of a
// deferred call: Interp.deferMap by goroutine, consulted while
// Interp.deferCount > 0), and when the body panics, reads the line from the
// frames below that root. The unexported fields are found by reflection,
// as framesite.go does: if a future ixgo renames them, rooted does nothing
// (and TestTruthPanicPositions fails, to say so).
var rootFields = func() (f struct {
	ok                   bool
	deferMap, deferCount uintptr
	caller, callee, ipc  uintptr
}) {
	in := reflect.TypeFor[ixgo.Interp]()
	dm, ok1 := in.FieldByName("deferMap")
	dc, ok2 := in.FieldByName("deferCount")
	fr := reflect.TypeFor[ixgo.Frame]()
	caller, ok3 := fr.FieldByName("caller")
	callee, ok4 := fr.FieldByName("callee")
	ipc, ok5 := fr.FieldByName("ipc")
	frPtr := reflect.PointerTo(fr)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || dm.Type != reflect.TypeFor[sync.Map]() || dc.Type.Kind() != reflect.Int32 ||
		caller.Type != frPtr || callee.Type != frPtr || ipc.Type.Kind() != reflect.Int {
		return
	}
	f.ok, f.deferMap, f.deferCount = true, dm.Offset, dc.Offset
	f.caller, f.callee, f.ipc = caller.Offset, callee.Offset, ipc.Offset
	return
}()

func frameLink(fr *ixgo.Frame, off uintptr) *ixgo.Frame {
	return *(**ixgo.Frame)(unsafe.Add(unsafe.Pointer(fr), off))
}

// rooted is body, entered from a root frame the runner holds; a native
// runtime error in it is noted with its line before it goes on to core.
func (p *positions) rooted(body func(context.Context) (any, error)) func(context.Context) (any, error) {
	in := p.interp
	if body == nil || in == nil || !rootFields.ok {
		return body
	}
	return func(ctx context.Context) (any, error) {
		root := new(ixgo.Frame)
		defers := (*sync.Map)(unsafe.Add(unsafe.Pointer(in), rootFields.deferMap))
		count := (*int32)(unsafe.Add(unsafe.Pointer(in), rootFields.deferCount))
		id := gid.Get()
		// A body may run another inside it (Timeout's): the outer root
		// comes back when the inner body ends.
		prev, had := defers.Load(id)
		defers.Store(id, root)
		atomic.AddInt32(count, 1)
		defer func() {
			if had {
				defers.Store(id, prev)
			} else {
				defers.Delete(id)
			}
			atomic.AddInt32(count, -1)
			if v := recover(); v != nil {
				// The inner of two bodies has said where; the outer
				// would name the call that ran it.
				if !had || !p.sameNative(id, v) {
					p.noteNative(root, v)
				}
				p.markNative(id, v, had)
				panic(v)
			}
		}()
		return body(ctx)
	}
}

// markNative remembers v, the panic leaving a body nested in another on
// goroutine id, until the outer body ends.
func (p *positions) markNative(id uint64, v any, nested bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !nested {
		delete(p.unwinding, id)
		return
	}
	if p.unwinding == nil {
		p.unwinding = make(map[uint64]any)
	}
	p.unwinding[id] = v
}

func (p *positions) sameNative(id uint64, v any) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	u, ok := p.unwinding[id]
	return ok && reflect.TypeOf(u) == reflect.TypeOf(v) && reflect.TypeOf(v).Comparable() && u == v
}

// noteNative reports the line of a panic raised by Go itself, below root.
func (p *positions) noteNative(root *ixgo.Frame, v any) {
	if !goRaised(v) || p.native == nil {
		return
	}
	if line, ok := lineBelow(root); ok {
		p.native(fmt.Sprint(asCompiled(v)), line)
	}
}

// goRaised tells a runtime error Go raised from the rest: panics ixgo
// raised went through its hook already; anything else (core ending a
// coroutine, a value a deferred call panicked with) is no runtime error.
func goRaised(v any) bool {
	switch v.(type) {
	case ixgo.PanicError, ixgo.RuntimeError, ixgo.PlainError, ixgo.FatalError:
		return false
	case runtime.Error, *reflect.ValueError:
		return true
	}
	return false
}

// lineBelow is the program line the frames below root were executing.
func lineBelow(root *ixgo.Frame) (int, bool) {
	// The frames the panic went through stay linked from the root down
	// (ixgo unlinks a callee only when it returns); a frame that ran
	// deferred calls while unwinding has relinked its callee to them, but
	// kept where its callees were in its own panic record, which
	// CallerFrames reads first.
	// A frame that has returned (a callback run before this one) says
	// nothing of this panic.
	live := func(fr, caller *ixgo.Frame) bool {
		return fr != nil && frameLink(fr, rootFields.caller) == caller && *(*int)(unsafe.Add(unsafe.Pointer(fr), rootFields.ipc)) != -1
	}
	fr := frameLink(root, rootFields.callee)
	if !live(fr, root) {
		return 0, false
	}
	for next := frameLink(fr, rootFields.callee); live(next, fr); next = frameLink(fr, rootFields.callee) {
		fr = next
	}
	for _, f := range fr.CallerFrames() {
		if filepath.Base(f.File) == fileName {
			return f.Line, true
		}
	}
	return 0, false
}

// Callbacks are called by the loop, on the goroutine running it, one after
// another: that goroutine gets one root for all of them, registered when a
// callback begins (and again after ixgo's runDefers, which a function with
// deferred calls ends with, removed it), read when one panics.

// enterCallback roots the callback about to run on this goroutine.
func (p *positions) enterCallback() {
	in := p.interp
	if in == nil || !rootFields.ok {
		return
	}
	id := gid.Get()
	p.mu.Lock()
	root := p.callbackRoots[id]
	if root == nil {
		if p.callbackRoots == nil {
			p.callbackRoots = make(map[uint64]*ixgo.Frame)
		}
		root = new(ixgo.Frame)
		p.callbackRoots[id] = root
		// Counted once: the root stays this goroutine's for the run.
		atomic.AddInt32((*int32)(unsafe.Add(unsafe.Pointer(in), rootFields.deferCount)), 1)
	}
	p.mu.Unlock()
	defers := (*sync.Map)(unsafe.Add(unsafe.Pointer(in), rootFields.deferMap))
	// Taken (a task's body running a loop of its own, a deferred call
	// running one): that frame is the callbacks' caller, as ixgo would have it.
	if _, taken := defers.Load(id); !taken {
		defers.Store(id, root)
	}
}

// callbackLine is the line of the callback panicking on this goroutine,
// read from its root.
func (p *positions) callbackLine() (int, bool) {
	id := gid.Get()
	p.mu.Lock()
	root := p.callbackRoots[id]
	p.mu.Unlock()
	if root == nil {
		return 0, false
	}
	return lineBelow(root)
}
