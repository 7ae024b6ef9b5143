package runner

import (
	"runtime"
	"sync"
)

// funcsAtPC caches funcsAt. Symbolizing a return address
// (runtime.CallersFrames) is slow, in wasm most of all, and the runner asks
// about the same few dozen call sites for every event and every printed
// line (positions.go, offloop.go).
var funcsAtPC sync.Map // uintptr -> []string

// funcsAt is the names of the functions at a return address from
// runtime.Callers: innermost first, several where calls were inlined.
func funcsAt(pc uintptr) []string {
	if fs, ok := funcsAtPC.Load(pc); ok {
		return fs.([]string)
	}
	var fs []string
	frames := runtime.CallersFrames([]uintptr{pc})
	for more := true; more; {
		var f runtime.Frame
		f, more = frames.Next()
		fs = append(fs, f.Function)
	}
	funcsAtPC.Store(pc, fs)
	return fs
}
