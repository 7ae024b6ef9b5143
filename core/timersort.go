package core

import "slices"

// sortEntries sorts timer entries by deadline, then scheduling order, and
// returns the scratch buffer for reuse. Large bursts are radix-sorted on the
// deadline (a pass per byte that differs between deadlines, about four for
// timers spread over a second), then runs of equal deadlines are put in
// scheduling order; a comparison sort made 200k timers twice as slow.
func sortEntries(h, scratch []timerEntry) []timerEntry {
	if len(h) < bulkMinTimers {
		slices.SortFunc(h, compareEntries)
		return scratch
	}
	scratch = radixSortByWhen(h, scratch)
	for i := 0; i < len(h); {
		j := i + 1
		for j < len(h) && h[j].when == h[i].when {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(h[i:j], compareEntries)
		}
		i = j
	}
	return scratch
}

func compareEntries(a, b timerEntry) int {
	if a.before(&b) {
		return -1
	}
	if b.before(&a) {
		return 1
	}
	return 0
}

// radixSortByWhen is an LSD radix sort on the deadline, treated as an
// unsigned key with the sign bit flipped so negative deadlines come first.
// Bytes that are the same in every key are skipped.
func radixSortByWhen(h, scratch []timerEntry) []timerEntry {
	n := len(h)
	if cap(scratch) < n {
		scratch = make([]timerEntry, n)
	}
	scratch = scratch[:n]
	var counts [8][256]int
	for i := range h {
		k := key(&h[i])
		for b := range 8 {
			counts[b][byte(k>>(8*b))]++
		}
	}
	src, dst := h, scratch
	for b := range 8 {
		c := &counts[b]
		if c[byte(key(&h[0])>>(8*b))] == n {
			continue // every key has this byte
		}
		sum := 0
		for i, v := range c {
			c[i] = sum
			sum += v
		}
		shift := 8 * b
		for i := range src {
			d := byte(key(&src[i]) >> shift)
			dst[c[d]] = src[i]
			c[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &h[0] {
		copy(h, src)
	}
	return scratch
}

func key(e *timerEntry) uint64 { return uint64(e.when) ^ 1<<63 }
