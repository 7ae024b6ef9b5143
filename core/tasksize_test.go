package core

import (
	"testing"
	"unsafe"
)

// TestTaskSizeClass: a suspended task's memory is its goroutine's stack
// and g, plus the Task; the Task is allocated from the 256-byte size
// class, and one byte more would put every task in the 288-byte class
// (make bench's mem_per_task, issue 16's 3 KB target).
func TestTaskSizeClass(t *testing.T) {
	if s := unsafe.Sizeof(Task{}); s > 256 {
		t.Fatalf("Task is %d bytes: more than the 256-byte size class", s)
	}
	if s := unsafe.Sizeof(doneCallback{}); s != 24 {
		t.Fatalf("doneCallback is %d bytes, was 24", s)
	}
}
