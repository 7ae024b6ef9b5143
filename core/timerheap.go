package core

import (
	"slices"
	"time"
)

// timerQueue holds a loop's timers: a min-heap ordered by deadline, then by
// scheduling order, so equal deadlines fire first-scheduled first.
//
// It is shaped for hundreds of thousands of timers:
//   - heap entries are plain values holding the sort key and a slot number,
//     no pointer: sifting and sorting never chase a pointer to a timer (each
//     chase is a cache miss), never pay the garbage collector's write
//     barriers, and the collector never scans the heap;
//   - the slot table maps slots to timers and is the only place that points
//     at them;
//   - it is 4-ary, which halves the levels a pop walks;
//   - Cancel does not remove a timer at once (that needs every timer to
//     track its position, a write per move); like asyncio it counts
//     cancelled timers, drops them when they reach the head, and rebuilds
//     the heap without them once they are half of it, so a program that
//     cancels many timers still does not keep them alive.
type timerQueue struct {
	heap      []timerEntry
	slots     []*TimerHandle
	freeSlots []uint32
	seq       uint64 // scheduling order of the latest timer
	cancelled int    // cancelled timers still in the heap, at most
	scratch   []timerEntry
}

// timerEntry is 16 bytes: the deadline, then the scheduling order and the
// slot packed in one word, seq above slot, so comparing the word compares
// scheduling order.
type timerEntry struct {
	when time.Duration
	ord  uint64
}

const (
	slotBits = 28 // up to 268M timers pending at once
	slotMask = 1<<slotBits - 1
	maxSeq   = 1<<(64-slotBits) - 1 // then renumber: see push
)

func (e *timerEntry) slot() uint32 { return uint32(e.ord & slotMask) }

const heapArity = 4

// Compaction waits for this many cancelled timers, and for them to be half
// of the heap (asyncio: 100 and 50%).
const compactMinCancelled = 256

func (a *timerEntry) before(b *timerEntry) bool {
	return a.when < b.when || (a.when == b.when && a.ord < b.ord)
}

func (q *timerQueue) len() int { return len(q.heap) }

func (q *timerQueue) push(t *TimerHandle) {
	var s uint32
	if n := len(q.freeSlots); n > 0 {
		s = q.freeSlots[n-1]
		q.freeSlots = q.freeSlots[:n-1]
		q.slots[s] = t
	} else {
		s = uint32(len(q.slots))
		q.slots = append(doubled(q.slots), t)
	}
	if s > slotMask {
		panic("core: more than 268M timers pending on one loop")
	}
	t.slot = s
	if q.seq == maxSeq {
		q.renumber()
	}
	q.seq++
	q.heap = append(doubled(q.heap), timerEntry{when: t.when, ord: q.seq<<slotBits | uint64(s)})
	up(q.heap, len(q.heap)-1)
}

// renumber gives the pending timers scheduling numbers from 1 up, in their
// order, once the numbers run out (after 68 billion timers).
func (q *timerQueue) renumber() {
	q.scratch = sortEntries(q.heap, q.scratch) // sorted is a valid heap
	for i := range q.heap {
		e := &q.heap[i]
		e.ord = uint64(i+1)<<slotBits | uint64(e.slot())
	}
	q.seq = uint64(len(q.heap))
}

// release frees the slot of a timer leaving the queue and returns the timer.
func (q *timerQueue) release(s uint32) *TimerHandle {
	t := q.slots[s]
	q.slots[s] = nil
	q.freeSlots = append(q.freeSlots, s)
	return t
}

// queued reports whether t is still in the queue: its slot is its own only
// until it leaves (a slot is reused afterwards).
func (q *timerQueue) queued(t *TimerHandle) bool {
	return int(t.slot) < len(q.slots) && q.slots[t.slot] == t
}

func (q *timerQueue) pop() *TimerHandle {
	h := q.heap
	top := h[0].slot()
	n := len(h) - 1
	h[0] = h[n]
	q.heap = h[:n]
	if n > 0 {
		down(q.heap, 0)
	}
	return q.release(top)
}

// head is the earliest timer that is not cancelled, or nil; cancelled
// timers in front of it are dropped.
func (q *timerQueue) head() *TimerHandle {
	for len(q.heap) > 0 {
		t := q.slots[q.heap[0].slot()]
		if !t.cancelled.Load() {
			return t
		}
		q.pop()
		if q.cancelled > 0 {
			q.cancelled--
		}
	}
	return nil
}

// noteCancel counts a cancelled timer and compacts the heap when cancelled
// timers have become half of it.
func (q *timerQueue) noteCancel(t *TimerHandle) {
	if !q.queued(t) {
		return
	}
	q.cancelled++
	if q.cancelled >= compactMinCancelled && 2*q.cancelled >= len(q.heap) {
		q.compact()
	}
}

// compact drops every cancelled timer and restores the heap order.
func (q *timerQueue) compact() {
	kept := q.heap[:0]
	for _, e := range q.heap {
		if q.slots[e.slot()].cancelled.Load() {
			q.release(e.slot())
			continue
		}
		kept = append(kept, e)
	}
	q.heap = kept
	q.cancelled = 0
	if len(kept) > 1 {
		for i := (len(kept) - 2) / heapArity; i >= 0; i-- {
			down(kept, i)
		}
	}
}

// up moves the entry at j towards the root until its parent is earlier.
func up(h []timerEntry, j int) {
	e := h[j]
	for j > 0 {
		i := (j - 1) / heapArity
		if !e.before(&h[i]) {
			break
		}
		h[j] = h[i]
		j = i
	}
	h[j] = e
}

// down moves the entry at i towards the leaves until no child is earlier.
func down(h []timerEntry, i int) {
	n := len(h)
	e := h[i]
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
		i = m
	}
	h[i] = e
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
func (q *timerQueue) mostlyDue(now time.Duration) bool {
	h := q.heap
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
func (q *timerQueue) sortDue(now time.Duration) int {
	q.scratch = sortEntries(q.heap, q.scratch)
	d, _ := slices.BinarySearchFunc(q.heap, now, func(e timerEntry, now time.Duration) int {
		if e.when <= now {
			return -1
		}
		return 1
	})
	return d
}

// dropFirst removes the first d entries of a sorted heap, whose slots the
// caller has released.
func (q *timerQueue) dropFirst(d int) {
	q.heap = q.heap[:copy(q.heap, q.heap[d:])]
}

// empty drops every timer, and the memory a burst of them needed: the
// caller has taken them all.
func (q *timerQueue) empty() { *q = timerQueue{seq: q.seq} }
