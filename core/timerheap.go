package core

import (
	"slices"
	"time"
)

// timerHeap is a min-heap of timers ordered by deadline, then by scheduling
// order, so equal deadlines fire first-scheduled first.
//
// It is hand-written rather than container/heap to avoid interface calls on
// the loop's hottest path, and shaped for the cache: entries hold the sort
// key by value, so comparing never chases a pointer to a timer (with many
// timers each chase is a cache miss), and it is 4-ary, which halves the
// levels a pop walks. Each timer's position is still written back to it, so
// Cancel removes it at once; those writes do not stall the way reads do.
type timerHeap []timerEntry

type timerEntry struct {
	when time.Duration
	seq  uint64
	t    *TimerHandle
}

const heapArity = 4

func (a *timerEntry) before(b *timerEntry) bool {
	return a.when < b.when || (a.when == b.when && a.seq < b.seq)
}

func (h *timerHeap) push(t *TimerHandle) {
	*h = append(*h, timerEntry{when: t.when, seq: t.seq, t: t})
	h.up(len(*h) - 1)
}

func (h *timerHeap) pop() *TimerHandle {
	old := *h
	top := old[0].t
	n := len(old) - 1
	last := old[n]
	old[n] = timerEntry{}
	*h = old[:n]
	if n > 0 {
		old[0] = last
		old[:n].down(0)
	}
	top.index = -1
	return top
}

func (h *timerHeap) remove(i int) {
	old := *h
	n := len(old) - 1
	t := old[i].t
	last := old[n]
	old[n] = timerEntry{}
	*h = old[:n]
	if i != n {
		old[i] = last
		if !old[:n].down(i) {
			old[:n].up(i)
		}
	}
	t.index = -1
}

// up moves the entry at j towards the root until its parent is earlier.
func (h timerHeap) up(j int) {
	e := h[j]
	for j > 0 {
		i := (j - 1) / heapArity
		if !e.before(&h[i]) {
			break
		}
		h[j] = h[i]
		h[j].t.index = j
		j = i
	}
	h[j] = e
	e.t.index = j
}

// down moves the entry at i0 towards the leaves until no child is earlier,
// and reports whether it moved.
func (h timerHeap) down(i0 int) bool {
	n := len(h)
	e := h[i0]
	i := i0
	for {
		first := heapArity*i + 1
		if first >= n {
			break
		}
		m := first
		end := min(first+heapArity, n)
		for c := first + 1; c < end; c++ {
			if h[c].before(&h[m]) {
				m = c
			}
		}
		if !h[m].before(&e) {
			break
		}
		h[i] = h[m]
		h[i].t.index = i
		i = m
	}
	h[i] = e
	e.t.index = i
	return i > i0
}

// Bulk extraction: when most timers come due at once (a virtual-clock jump
// over many sleeps, a burst of timers set in the past) sorting the heap once
// beats popping each timer, which walks the heap's levels every time with a
// cache miss per level. A sorted array is itself a valid heap, so whatever
// is not due yet stays in place.
const (
	bulkMinTimers = 1024 // below this, popping is cheap enough
	bulkSamples   = 8    // leaves checked to guess that most timers are due
)

// mostlyDue guesses, in constant time, whether most timers are due by now:
// it checks leaves spread over the array (the leaves are the latest timers
// of their branches and make up three quarters of a 4-ary heap).
func (h timerHeap) mostlyDue(now time.Duration) bool {
	n := len(h)
	if n < bulkMinTimers {
		return false
	}
	firstLeaf := (n-2)/heapArity + 1
	step := (n - firstLeaf) / bulkSamples
	for i := n - 1; i >= firstLeaf; i -= step {
		if h[i].when > now {
			return false
		}
	}
	return true
}

// sortDue sorts the heap and returns how many timers are due by now: they
// are its first entries, to be taken off with dropFirst.
func (h timerHeap) sortDue(now time.Duration) int {
	slices.SortFunc(h, func(a, b timerEntry) int {
		if a.before(&b) {
			return -1
		}
		if b.before(&a) {
			return 1
		}
		return 0
	})
	d, _ := slices.BinarySearchFunc(h, now, func(e timerEntry, now time.Duration) int {
		if e.when <= now {
			return -1
		}
		return 1
	})
	return d
}

// dropFirst removes the first d entries of a sorted heap.
func (h *timerHeap) dropFirst(d int) {
	s := *h
	for i := range d {
		s[i].t.index = -1
	}
	rest := copy(s, s[d:])
	clear(s[rest:])
	s = s[:rest]
	for i := range s {
		s[i].t.index = i
	}
	*h = s
}
