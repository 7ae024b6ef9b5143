package core

import (
	"cmp"
	"reflect"
)

// NewPriorityQueue makes a queue that hands out the smallest item first
// (asyncio.PriorityQueue). less orders items: less(a, b) reports whether a
// comes before b. Items are `any`, so the order is the program's to give;
// a struct with a priority field and a less func comparing it is the usual
// shape (like Python's (priority, data) tuples).
//
// With a nil less, items are ordered naturally when they are all numbers or
// all strings; putting an item that cannot be compared with the others
// fails with a *SyncError.
//
// The heap is heapq's algorithm, step for step, so items that compare equal
// come out in the same order as in asyncio.
func NewPriorityQueue(maxsize int, less func(a, b any) bool, name ...string) *Queue {
	return newQueue("priority queue", maxsize, &heapStore{less: less}, name)
}

// heapStore is a binary min-heap ported from Python's heapq.
type heapStore struct {
	h    []any
	less func(a, b any) bool
}

func (s *heapStore) len() int { return len(s.h) }

func (s *heapStore) put(item any) error {
	if s.less == nil {
		fam := naturalFamily(item)
		if fam == 0 || len(s.h) > 0 && fam != naturalFamily(s.h[0]) {
			return errPriorityNotComparable
		}
	}
	s.h = append(s.h, item)
	s.siftDown(0, len(s.h)-1)
	return nil
}

func (s *heapStore) get() any {
	last := s.h[len(s.h)-1]
	s.h[len(s.h)-1] = nil
	s.h = s.h[:len(s.h)-1]
	if len(s.h) == 0 {
		return last
	}
	top := s.h[0]
	s.h[0] = last
	s.siftUp(0)
	return top
}

func (s *heapStore) lt(a, b any) bool {
	if s.less != nil {
		return s.less(a, b)
	}
	return naturalLess(a, b)
}

// siftDown is heapq._siftdown: move the item at pos up towards start.
func (s *heapStore) siftDown(start, pos int) {
	item := s.h[pos]
	for pos > start {
		parent := (pos - 1) >> 1
		if !s.lt(item, s.h[parent]) {
			break
		}
		s.h[pos] = s.h[parent]
		pos = parent
	}
	s.h[pos] = item
}

// siftUp is heapq._siftup: sink the item at pos to a leaf along the smaller
// children, then sift it back into place.
func (s *heapStore) siftUp(pos int) {
	end := len(s.h)
	start := pos
	item := s.h[pos]
	child := 2*pos + 1
	for child < end {
		if right := child + 1; right < end && !s.lt(s.h[child], s.h[right]) {
			child = right
		}
		s.h[pos] = s.h[child]
		pos = child
		child = 2*pos + 1
	}
	s.h[pos] = item
	s.siftDown(start, pos)
}

// naturalFamily says how a value orders without a less func: 1 for
// numbers, 2 for strings, 0 for anything else.
func naturalFamily(v any) int {
	switch reflect.ValueOf(v).Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return 1
	case reflect.String:
		return 2
	}
	return 0
}

func naturalLess(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	switch {
	case va.Kind() == reflect.String:
		return va.String() < vb.String()
	case va.CanInt() && vb.CanInt():
		return va.Int() < vb.Int()
	case va.CanUint() && vb.CanUint():
		return va.Uint() < vb.Uint()
	}
	return cmp.Less(toFloat(va), toFloat(vb))
}

func toFloat(v reflect.Value) float64 {
	switch {
	case v.CanInt():
		return float64(v.Int())
	case v.CanUint():
		return float64(v.Uint())
	}
	return v.Float()
}
