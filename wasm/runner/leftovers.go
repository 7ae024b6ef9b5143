//go:build !loopscope_precompiled

package runner

import (
	"reflect"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/goplus/ixgo"
)

// After main returns, the run aborts the interpreter so that goroutines the
// program left running stop at their next instruction. One may be in the
// middle of a print when that happens, writing the print buffer the run is
// about to read. ixgo counts the program's goroutines (main included) in an
// unexported field, decremented atomically as each one ends; waiting for
// that count to reach one orders the last write before the read.

// leftoverWait bounds the wait: a goroutine blocked for good (on a channel
// nobody will send to) never ends, and does not print either.
const leftoverWait = 20 * time.Millisecond

// waitLeftovers waits until only main is counted, or leftoverWait passes.
func waitLeftovers(interp *ixgo.Interp) {
	count := goroutineCount(interp)
	if count == nil {
		return
	}
	deadline := time.Now().Add(leftoverWait)
	for atomic.LoadInt32(count) > 1 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Microsecond)
	}
}

// goroutineCount is ixgo v1.1.1's Interp.goroutines, or nil if the field is
// not there (TestGoroutineCountFound keeps that from passing unnoticed).
func goroutineCount(interp *ixgo.Interp) *int32 {
	f := reflect.ValueOf(interp).Elem().FieldByName("goroutines")
	if !f.IsValid() || f.Kind() != reflect.Int32 {
		return nil
	}
	return (*int32)(unsafe.Pointer(f.UnsafeAddr()))
}
