package runner

import (
	"testing"

	"github.com/goplus/ixgo"
)

// TestGoroutineCountFound: the field waitLeftovers reads is in the pinned
// ixgo; without it the wait would silently do nothing.
func TestGoroutineCountFound(t *testing.T) {
	if goroutineCount(&ixgo.Interp{}) == nil {
		t.Fatal("ixgo.Interp has no int32 field goroutines: waitLeftovers cannot wait")
	}
}
