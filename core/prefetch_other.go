//go:build !amd64 || loopscope_noprefetch

package core

import "unsafe"

// Where core has no assembly for prefetching (wasm among them), it does
// without.

func prefetch(unsafe.Pointer)        {}
func prefetchTask(unsafe.Pointer)    {}
func prefetchCoroutine(_, _ uintptr) {}

func currentG() uintptr { return 0 }
