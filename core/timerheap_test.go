package core

import (
	"math/rand"
	"slices"
	"testing"
	"time"
)

// checkQueue verifies the heap property and that the slot table and the
// entries agree.
func checkQueue(t *testing.T, q *timerQueue) {
	t.Helper()
	h := q.heap
	seen := map[uint32]bool{}
	for i := range h {
		tm := q.slots[h[i].slot()]
		if tm == nil || tm.slot != h[i].slot() || tm.when != h[i].when {
			t.Fatalf("entry %d: slot %d does not hold its timer", i, h[i].slot())
		}
		if seen[h[i].slot()] {
			t.Fatalf("slot %d used twice", h[i].slot())
		}
		seen[h[i].slot()] = true
		if i > 0 && h[i].before(&h[(i-1)/heapArity]) {
			t.Fatalf("entry %d is earlier than its parent", i)
		}
	}
	if live := len(q.slots) - len(q.freeSlots); live != len(h) {
		t.Fatalf("%d slots in use for %d entries", live, len(h))
	}
}

// liveTimers counts the loop's timers that are not cancelled (cancelled ones
// may wait in the queue until they reach its head).
func liveTimers(l *Loop) int {
	n := 0
	for _, e := range l.timers.heap {
		if !l.timers.slots[e.slot()].Cancelled() {
			n++
		}
	}
	return n
}

// TestTimerQueueOrder: pushes, cancellations (with compaction) and both ways
// of taking due timers (one pop at a time, or sorting when most are due)
// give deadline order, ties in scheduling order.
func TestTimerQueueOrder(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for _, n := range []int{1, 5, 100, 3000, 20000} {
		for _, bulk := range []bool{false, true} {
			var q timerQueue
			var all []*TimerHandle
			for range n {
				// Deadlines from -n/6 to n/6: negative ones, and many ties.
				tm := &TimerHandle{when: time.Duration(r.Intn(n/3+1) - n/6)}
				all = append(all, tm)
				q.push(tm)
			}
			checkQueue(t, &q)
			for i := 0; i < n; i += 2 { // half: enough to compact
				all[i].cancelled.Store(true)
				q.noteCancel(all[i])
			}
			checkQueue(t, &q)
			if n >= 2*compactMinCancelled && len(q.heap) != n/2 {
				t.Fatalf("n=%d: %d entries after cancelling half, want a compaction to %d", n, len(q.heap), n/2)
			}
			now := time.Duration(n / 12)
			var got []*TimerHandle
			if bulk {
				d := q.sortDue(now)
				for _, e := range q.heap[:d] {
					got = append(got, q.release(e.slot()))
				}
				q.dropFirst(d)
			} else {
				for len(q.heap) > 0 && q.heap[0].when <= now {
					got = append(got, q.pop())
				}
			}
			checkQueue(t, &q)
			got = slices.DeleteFunc(got, func(tm *TimerHandle) bool { return tm.cancelled.Load() })
			var want []*TimerHandle
			for i, tm := range all {
				if i%2 != 0 && tm.when <= now {
					want = append(want, tm)
				}
			}
			slices.SortStableFunc(want, func(a, b *TimerHandle) int { return int(a.when - b.when) })
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d bulk=%v: due timers out of order", n, bulk)
			}
			for _, tm := range got {
				if q.queued(tm) {
					t.Fatal("a taken timer is still queued")
				}
			}
		}
	}
}

// TestMostlyDue: the constant-time guess says yes when every timer is due
// and no when the latest ones are not.
func TestMostlyDue(t *testing.T) {
	var q timerQueue
	for i := range 5000 {
		q.push(&TimerHandle{when: time.Duration(i)})
	}
	if !q.mostlyDue(5000) {
		t.Fatal("all due, mostlyDue says no")
	}
	if q.mostlyDue(100) {
		t.Fatal("2% due, mostlyDue says yes")
	}
}

// TestRadixSortByWhen: the radix sort orders any deadlines, negative and
// huge ones included, like a comparison sort.
func TestRadixSortByWhen(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	for _, spread := range []int64{1, 1000, 1 << 40, 1<<62 - 1} {
		h := make([]timerEntry, 3000)
		for i := range h {
			h[i] = timerEntry{when: time.Duration(r.Int63n(spread) - spread/2), ord: uint64(i) << slotBits}
		}
		want := slices.Clone(h)
		slices.SortFunc(want, compareEntries)
		sortEntries(h, nil)
		if !slices.Equal(h, want) {
			t.Fatalf("spread %d: radix order differs from a comparison sort", spread)
		}
	}
}

// TestCancelledTimersAreReleased: a program that schedules and cancels many
// timers does not keep them in the loop.
func TestCancelledTimersAreReleased(t *testing.T) {
	l := newTestLoop(t)
	for range 100 {
		for range 1000 {
			l.CallLater(time.Hour, func() {}).Cancel()
		}
	}
	if n := l.timers.len(); n > 2*compactMinCancelled {
		t.Fatalf("%d cancelled timers kept", n)
	}
	l.CallLater(time.Hour, func() {})
	l.CallSoon(l.Stop)
	mustRun(t, l)
	if n := liveTimers(l); n != 1 || l.timers.len() > compactMinCancelled {
		t.Fatalf("%d live timers (want 1) among %d kept", n, l.timers.len())
	}
}

// TestManyTimersInThePast: thousands of timers already due, in random order,
// with ties and cancellations, fire in deadline order through the loop (the
// path that sorts instead of popping), and later ones still wait.
func TestManyTimersInThePast(t *testing.T) {
	l := newTestLoop(t)
	r := rand.New(rand.NewSource(3))
	type fired struct {
		when time.Duration
		i    int
	}
	var got []fired
	var hs []*TimerHandle
	for i := range 5000 {
		when := -time.Duration(r.Intn(1000)) * time.Millisecond
		if i%500 == 0 {
			when = time.Hour // a few not due: they must stay
		}
		hs = append(hs, l.CallAt(when, func() { got = append(got, fired{when, i}) }))
	}
	for i := 3; i < len(hs); i += 11 {
		hs[i].Cancel()
	}
	l.Stop()
	mustRun(t, l)
	if !slices.IsSortedFunc(got, func(a, b fired) int {
		if a.when != b.when {
			return int(a.when - b.when)
		}
		return a.i - b.i
	}) {
		t.Fatal("timers in the past fired out of deadline/scheduling order")
	}
	want, left := 0, 0
	for i := range 5000 {
		switch {
		case i >= 3 && (i-3)%11 == 0: // cancelled
		case i%500 == 0:
			left++
		default:
			want++
		}
	}
	if len(got) != want || liveTimers(l) != left {
		t.Fatalf("fired %d (want %d), %d left (want %d)", len(got), want, liveTimers(l), left)
	}
	checkQueue(t, &l.timers)
}

// TestTimerSeqRenumber: when scheduling numbers run out they are given
// again from 1 in the same order, so equal deadlines still fire first
// scheduled first.
func TestTimerSeqRenumber(t *testing.T) {
	var q timerQueue
	q.seq = maxSeq - 3
	var all []*TimerHandle
	for i := range 10 {
		tm := &TimerHandle{when: time.Duration(i % 2)}
		all = append(all, tm)
		q.push(tm)
	}
	if q.seq > 20 {
		t.Fatalf("seq %d: not renumbered", q.seq)
	}
	var got []*TimerHandle
	for q.len() > 0 {
		got = append(got, q.pop())
	}
	var want []*TimerHandle
	for _, when := range []time.Duration{0, 1} {
		for _, tm := range all {
			if tm.when == when {
				want = append(want, tm)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Fatal("equal deadlines out of scheduling order after renumbering")
	}
}

// TestBurstEmptiesQueue: a burst where every timer is due fires in order,
// leaves the queue empty, and timers scheduled afterwards still keep
// scheduling order on ties.
func TestBurstEmptiesQueue(t *testing.T) {
	l := newTestLoop(t)
	r := rand.New(rand.NewSource(5))
	var got []time.Duration
	for range 3000 {
		when := -time.Duration(r.Intn(100)) * time.Millisecond
		l.CallAt(when, func() { got = append(got, when) })
	}
	l.Stop()
	mustRun(t, l)
	if len(got) != 3000 || !slices.IsSorted(got) || l.timers.len() != 0 || len(l.timers.slots) != 0 {
		t.Fatalf("%d fired (sorted: %v), %d queued, %d slots", len(got), slices.IsSorted(got), l.timers.len(), len(l.timers.slots))
	}
	var order []int
	for i := range 3 {
		l.CallLater(time.Millisecond, func() { order = append(order, i) })
	}
	l.CallLater(2*time.Millisecond, l.Stop)
	mustRun(t, l)
	if !slices.Equal(order, []int{0, 1, 2}) {
		t.Fatalf("ties after a burst fired in order %v", order)
	}
}
