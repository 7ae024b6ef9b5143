//go:build !loopscope_precompiled

package runner

import (
	"reflect"
	"unsafe"

	"github.com/goplus/ixgo"
)

// ixgo's exported way to a frame's line, Frame.CallerFrames, symbolizes
// every caller of the frame, each by a scan of all the program's
// functions: a sixth of a run's time in wasm for a program making many
// events. What identifies the line is the frame's own pc, the function's
// base plus the instruction index; framePC reads it so positions can cache
// lines by it. The field offsets come from reflection on ixgo's types, not
// from a copy of their layout: if a future ixgo renames them, framePC
// reports !ok and every lookup takes the slow way (and
// TestFramePCMatchesCallerFrames fails, to say so). `make bench` measures
// it against a build with -tags loopscope_noframesite in every run
// ("tricks", runner_events): on 2026-12-02, +58% events/s natively and
// +75% in wasm; that evening, quiet, +100% and +76%; that night, each run
// lasting 1 s, +71% and +59%; on 2026-12-03, +68% and +67%.
var frameFields = func() (f struct {
	ok             bool
	pfn, ipc, base uintptr
}) {
	fr := reflect.TypeFor[ixgo.Frame]()
	pfn, ok1 := fr.FieldByName("pfn")
	ipc, ok2 := fr.FieldByName("ipc")
	if !ok1 || !ok2 || pfn.Type.Kind() != reflect.Pointer || ipc.Type.Kind() != reflect.Int {
		return
	}
	base, ok3 := pfn.Type.Elem().FieldByName("base")
	if !ok3 || base.Type.Kind() != reflect.Int {
		return
	}
	f.ok, f.pfn, f.ipc, f.base = true, pfn.Offset, ipc.Offset, base.Offset
	return
}()

// framePC is the pc ixgo gives fr's current instruction (what
// CallerFrames reports as the PC of fr's own frame).
func framePC(fr *ixgo.Frame) (uintptr, bool) {
	if !frameFields.ok || fr == nil {
		return 0, false
	}
	p := unsafe.Pointer(fr)
	fn := *(*unsafe.Pointer)(unsafe.Add(p, frameFields.pfn))
	if fn == nil {
		return 0, false
	}
	ipc := *(*int)(unsafe.Add(p, frameFields.ipc))
	base := *(*int)(unsafe.Add(fn, frameFields.base))
	return uintptr(base + ipc), true
}
