package core

import (
	"math/rand"
	"slices"
	"testing"
	"time"
)

// checkHeap verifies the heap property and that every timer knows its slot.
func checkHeap(t *testing.T, h timerHeap) {
	t.Helper()
	for i := range h {
		if h[i].t.index != i || h[i].when != h[i].t.when {
			t.Fatalf("entry %d: index %d, when %v/%v", i, h[i].t.index, h[i].when, h[i].t.when)
		}
		if i > 0 && h[i].before(&h[(i-1)/heapArity]) {
			t.Fatalf("entry %d is earlier than its parent", i)
		}
	}
}

// TestTimerHeapOrder: pushes, removals and both ways of taking due timers
// (one pop at a time, or sorting when most are due) give deadline order,
// ties in scheduling order.
func TestTimerHeapOrder(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for _, n := range []int{1, 5, 100, 3000} {
		for _, bulk := range []bool{false, true} {
			var h timerHeap
			var all []*TimerHandle
			for i := range n {
				tm := &TimerHandle{when: time.Duration(r.Intn(n/3 + 1)), seq: uint64(i)}
				all = append(all, tm)
				h.push(tm)
			}
			checkHeap(t, h)
			for i := 0; i < n; i += 5 {
				if all[i].index >= 0 {
					h.remove(all[i].index)
				}
			}
			checkHeap(t, h)
			now := time.Duration(n / 4)
			var got []*TimerHandle
			if bulk {
				if n >= bulkMinTimers && !h.mostlyDue(time.Duration(n)) {
					t.Fatalf("n=%d: all due but mostlyDue says no", n)
				}
				d := h.sortDue(now)
				got = append(got, func() (ts []*TimerHandle) {
					for _, e := range h[:d] {
						ts = append(ts, e.t)
					}
					return
				}()...)
				h.dropFirst(d)
			} else {
				for len(h) > 0 && h[0].when <= now {
					got = append(got, h.pop())
				}
			}
			checkHeap(t, h)
			var want []*TimerHandle
			for i, tm := range all {
				if i%5 != 0 && tm.when <= now {
					want = append(want, tm)
				}
			}
			slices.SortStableFunc(want, func(a, b *TimerHandle) int { return int(a.when - b.when) })
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d bulk=%v: due timers out of order", n, bulk)
			}
			for _, tm := range got {
				if tm.index != -1 {
					t.Fatal("a taken timer still has a heap slot")
				}
			}
			if len(h)+len(got) != n-(n+4)/5 {
				t.Fatalf("n=%d: %d left + %d taken", n, len(h), len(got))
			}
		}
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
	if len(got) != want || len(l.timers) != left {
		t.Fatalf("fired %d (want %d), %d left (want %d)", len(got), want, len(l.timers), left)
	}
	checkHeap(t, l.timers)
}
