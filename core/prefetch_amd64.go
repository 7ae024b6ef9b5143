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

// prefetchStack fetches the lines around a suspended task's stack pointer:
// the frames a resume returns through.
func prefetchStack(sp uintptr)

// currentG is the address of the running goroutine's descriptor (the
// runtime's g), only ever used as a prefetch address.
func currentG() uintptr

// prefetchG fetches the lines of a goroutine descriptor that a coroutine
// switch reads and writes (its status, saved registers, stack bounds).
func prefetchG(gp uintptr)
