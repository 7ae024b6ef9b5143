//go:build !loopscope_precompiled

package runner

import (
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/goplus/ixgo"
	"github.com/visualfc/gid"
)

// positions finds the program line behind a trace event in an interpreted
// program. Every call from the program into core goes through a generated
// wrapper that pushes the caller's interpreter frame on a stack of its
// goroutine (each task is a coroutine with its own goroutine, so the stacks
// nest properly even while tasks are suspended).
type positions struct {
	mu     sync.Mutex
	stacks map[uint64][]*ixgo.Frame
	// deferred are the lines of deferred calls moved into closures by
	// rewriteDeferGo. Compiled Go reports a deferred call at the line where
	// the function returns, so for those the closure's caller is used.
	deferred map[int]bool
	returns  map[uint64][]string // per goroutine: for each function with rewritten defers under way, the return running them ("" before it returns)
	sites    map[uintptr]site    // by framePC: the line a frame executes
	// interp runs the program; native hears of a runtime error Go raised
	// inside it, at a line (rootframe.go). Both set before the program runs.
	interp *ixgo.Interp
	native func(text string, line int)
	// unwinding: per goroutine, the panic leaving a nested body, noted.
	unwinding map[uint64]any
	// callbackRoots: per goroutine running a loop, its callbacks' root frame.
	callbackRoots map[uint64]*ixgo.Frame
}

type site struct {
	pos  string // "file.go:line"
	line int
}

func newPositions() *positions {
	return &positions{stacks: make(map[uint64][]*ixgo.Frame), returns: make(map[uint64][]string), sites: make(map[uintptr]site)}
}

// returning records that the function of fr is about to return (see
// rewriteDeferGo): its deferred calls are at this line.
func (p *positions) returning(fr *ixgo.Frame) {
	fs := fr.CallerFrames()
	if len(fs) == 0 || fs[0].File == "" {
		return
	}
	pos := filepath.Base(fs[0].File) + ":" + strconv.Itoa(fs[0].Line)
	id := gid.Get()
	p.mu.Lock()
	if s := p.returns[id]; len(s) > 0 {
		s[len(s)-1] = pos
	}
	p.mu.Unlock()
}

// enterDefers starts a function with rewritten defers (see enterMarker).
func (p *positions) enterDefers() {
	id := gid.Get()
	p.mu.Lock()
	p.returns[id] = append(p.returns[id], "")
	p.mu.Unlock()
}

// leaveDefers ends it, once its deferred calls have run.
func (p *positions) leaveDefers() {
	id := gid.Get()
	p.mu.Lock()
	if s := p.returns[id]; len(s) <= 1 {
		delete(p.returns, id)
	} else {
		p.returns[id] = s[:len(s)-1]
	}
	p.mu.Unlock()
}

// enter pushes fr for the current goroutine and returns the matching pop.
func (p *positions) enter(fr *ixgo.Frame) func() {
	id := gid.Get()
	p.mu.Lock()
	p.stacks[id] = append(p.stacks[id], fr)
	p.mu.Unlock()
	return func() {
		p.mu.Lock()
		s := p.stacks[id]
		if len(s) <= 1 {
			delete(p.stacks, id)
		} else {
			p.stacks[id] = s[:len(s)-1]
		}
		p.mu.Unlock()
	}
}

// pos is the loop's position function for interpreted programs. It walks
// the native stack the way core's own default does: if the loop's dispatch
// (runOnce) comes before any wrapper, core is acting on its own and no
// program line caused the event; otherwise the innermost wrapper's frame is
// the program's call. Reaching core some other way (a method called
// through an interface) means no wrapper saw the call: no line either.
func (p *positions) pos() string {
	if callerKind() == frameWrapper {
		return p.top()
	}
	return ""
}

const (
	wrapperPrefix = runnerPrefix + "registerCoreWrappers."
	fmtPrefix     = runnerPrefix + "(*run).registerFmt."
)

// frameKind is what a native frame says about who caused a trace event.
type frameKind uint8

const (
	frameSkip    frameKind = iota + 1 // core, the runtime, the runner's plumbing: look further up
	frameLoop                         // the loop's dispatch: core acted on its own
	frameWrapper                      // a wrapper of core or fmt: the program called
	frameOther                        // anything else
)

// callerKind is the kind of the innermost frame above core, the runtime
// and the runner's plumbing.
func callerKind() frameKind {
	// Most events are a few frames above their cause: unwind 16 frames
	// first, the whole 64 only if those were all plumbing.
	var pcs [64]uintptr
	for _, depth := range [...]int{16, 64} {
		n := runtime.Callers(3, pcs[:depth])
		for _, pc := range pcs[:n] {
			if k := pcKind(pc); k != frameSkip {
				return k
			}
		}
		if n < depth {
			break
		}
	}
	return frameSkip
}

// pcKind classifies a return address from runtime.Callers by the function
// it is in, or by the first telling one of the functions inlined there.
func pcKind(pc uintptr) frameKind {
	for _, fn := range funcsAt(pc) {
		if k := funcKind(fn); k != frameSkip {
			return k
		}
	}
	return frameSkip
}

func funcKind(fn string) frameKind {
	switch {
	case fn == corePrefix+"(*Loop).runOnce":
		return frameLoop
	case strings.HasPrefix(fn, wrapperPrefix), strings.HasPrefix(fn, fmtPrefix):
		return frameWrapper
	case strings.HasPrefix(fn, corePrefix), strings.HasPrefix(fn, runnerPrefix),
		strings.HasPrefix(fn, "runtime."), strings.HasPrefix(fn, "iter."):
		return frameSkip
	}
	return frameOther
}

func (p *positions) top() string {
	id := gid.Get()
	p.mu.Lock()
	s := p.stacks[id]
	var fr *ixgo.Frame
	if len(s) > 0 {
		fr = s[len(s)-1]
	}
	p.mu.Unlock()
	if fr == nil {
		return ""
	}
	return p.framePos(fr)
}

// framePos is "file.go:line" of the statement fr is executing.
func (p *positions) framePos(fr *ixgo.Frame) string {
	s, ok := p.site(fr)
	if !ok {
		return ""
	}
	if p.deferred[s.line] {
		id := gid.Get()
		p.mu.Lock()
		var pos string
		if s := p.returns[id]; len(s) > 0 {
			pos = s[len(s)-1]
		}
		p.mu.Unlock()
		if pos != "" {
			return pos
		}
	}
	return s.pos
}

// site is the line fr executes, cached by the frame's pc.
func (p *positions) site(fr *ixgo.Frame) (site, bool) {
	pc, known := framePC(fr)
	if known {
		p.mu.Lock()
		s, ok := p.sites[pc]
		p.mu.Unlock()
		if ok {
			return s, true
		}
	}
	fs := fr.CallerFrames()
	if len(fs) == 0 || fs[0].File == "" {
		return site{}, false
	}
	f := fs[0]
	s := site{pos: filepath.Base(f.File) + ":" + strconv.Itoa(f.Line), line: f.Line}
	// A wrapper function's frame is skipped by CallerFrames: its first
	// frame is then the caller's, which varies, so it is not cached.
	if known && f.PC == pc {
		p.mu.Lock()
		p.sites[pc] = s
		p.mu.Unlock()
	}
	return s, true
}
