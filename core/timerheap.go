package core

// timerHeap is a binary min-heap of timers ordered by deadline, then by
// scheduling order, so equal deadlines fire first-scheduled first.
// Hand-written rather than container/heap to avoid interface calls on the
// loop's hottest path.
type timerHeap []*TimerHandle

func (h timerHeap) less(i, j int) bool {
	a, b := h[i], h[j]
	return a.when < b.when || (a.when == b.when && a.seq < b.seq)
}

func (h timerHeap) swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}

func (h *timerHeap) push(t *TimerHandle) {
	t.index = len(*h)
	*h = append(*h, t)
	h.up(t.index)
}

func (h *timerHeap) pop() *TimerHandle {
	old := *h
	n := len(old) - 1
	old.swap(0, n)
	old[:n].down(0)
	t := old[n]
	old[n] = nil
	*h = old[:n]
	t.index = -1
	return t
}

func (h *timerHeap) remove(i int) {
	old := *h
	n := len(old) - 1
	if i != n {
		old.swap(i, n)
		if !old[:n].down(i) {
			old[:n].up(i)
		}
	}
	t := old[n]
	old[n] = nil
	*h = old[:n]
	t.index = -1
}

func (h timerHeap) up(j int) {
	for j > 0 {
		i := (j - 1) / 2
		if !h.less(j, i) {
			break
		}
		h.swap(i, j)
		j = i
	}
}

// down sifts element i down and reports whether it moved.
func (h timerHeap) down(i0 int) bool {
	i, n := i0, len(h)
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		j := l
		if r := l + 1; r < n && h.less(r, l) {
			j = r
		}
		if !h.less(j, i) {
			break
		}
		h.swap(i, j)
		i = j
	}
	return i > i0
}
