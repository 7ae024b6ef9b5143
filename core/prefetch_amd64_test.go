// The race detector's pointer checks would reject reading the runtime's g
// through an address made from an integer, which this test must do.

//go:build !race && !loopscope_noprefetch

package core

import (
	"testing"
	"unsafe"
)

// TestCurrentG: currentG gives the running goroutine's descriptor, whose
// first two words are its stack bounds (runtime.g's stack field), which
// must contain a local variable. Only prefetching uses the address, so a
// wrong one would cost speed, not correctness; this keeps it right.
func TestCurrentG(t *testing.T) {
	var local int
	g := currentG()
	if g == 0 {
		t.Fatal("no g")
	}
	bounds := (*[2]uintptr)(unsafe.Add(nil, g))
	at := uintptr(unsafe.Pointer(&local))
	if at < bounds[0] || at >= bounds[1] {
		t.Fatalf("local at %#x outside [%#x, %#x): currentG is not the g", at, bounds[0], bounds[1])
	}
}
