//go:build !amd64

package core

import "unsafe"

// prefetch is a no-op where core has no assembly for it (wasm among them).
func prefetch(unsafe.Pointer) {}
