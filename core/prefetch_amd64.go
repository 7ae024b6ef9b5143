//go:build amd64 && !loopscope_noprefetch

package core

import "unsafe"

// Prefetches ask the processor to bring cache lines in without waiting for
// them (an ordinary read would stall once its miss blocks retirement). A
// prefetch of a stale address is harmless: it never faults.

// prefetch fetches p's line.
//
//go:noescape
func prefetch(p unsafe.Pointer)

// prefetchTask fetches the first three lines of a task: its step handle and
// the fields a switch touches.
//
//go:noescape
func prefetchTask(p unsafe.Pointer)

// prefetchCoroutine fetches what resuming a suspended coroutine touches:
// the lines around its stack pointer sp (the frames the resume returns
// through) and those of its goroutine descriptor gp that a coroutine switch
// reads and writes: in Go 1.26's runtime.g, bytes 0-255 (stack bounds, m,
// saved registers, status, lockedm) and 384-447 (coroarg, bubble). Were the
// layout to change in a later Go, the wrong lines would be fetched and only
// speed would suffer (make bench's prefetch figure would drop).
func prefetchCoroutine(sp, gp uintptr)

// currentG is the address of the running goroutine's descriptor (the
// runtime's g), only ever used as a prefetch address. It relies on Go's
// amd64 register ABI keeping g in R14; TestCurrentG fails if that changes.
func currentG() uintptr
