//go:build amd64 && !loopscope_noprefetch

#include "textflag.h"

// func prefetch(p unsafe.Pointer)
TEXT ·prefetch(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	PREFETCHT0 (AX)
	RET

// func prefetchTask(p unsafe.Pointer)
TEXT ·prefetchTask(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	PREFETCHT0 (AX)
	PREFETCHT0 64(AX)
	PREFETCHT0 128(AX)
	RET

// func prefetchCoroutine(sp, gp uintptr)
TEXT ·prefetchCoroutine(SB), NOSPLIT, $0-16
	MOVQ sp+0(FP), AX
	PREFETCHT0 -128(AX)
	PREFETCHT0 -64(AX)
	PREFETCHT0 (AX)
	PREFETCHT0 64(AX)
	PREFETCHT0 128(AX)
	PREFETCHT0 192(AX)
	MOVQ gp+8(FP), AX
	PREFETCHT0 (AX)
	PREFETCHT0 64(AX)
	PREFETCHT0 128(AX)
	PREFETCHT0 192(AX)
	PREFETCHT0 384(AX)
	RET

// func currentG() uintptr
// Go code keeps the current goroutine's g in R14, and the call into an
// assembly function leaves it there.
TEXT ·currentG(SB), NOSPLIT, $0-8
	MOVQ R14, ret+0(FP)
	RET
