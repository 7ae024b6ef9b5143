//go:build !amd64

package core

import "unsafe"

// Where core has no assembly for prefetching (wasm among them), it does
// without.

func prefetch(unsafe.Pointer)     {}
func prefetchTask(unsafe.Pointer) {}
func prefetchStack(uintptr)       {}

func currentG() uintptr { return 0 }
func prefetchG(uintptr) {}
