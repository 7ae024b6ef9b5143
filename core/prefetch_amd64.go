package core

import "unsafe"

// prefetch asks the processor to bring p's cache line in without waiting
// for it (an ordinary read would stall once the miss blocks retirement).
//
//go:noescape
func prefetch(p unsafe.Pointer)
