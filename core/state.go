package core

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// LoopState is what a loop holds at one moment, read from its own data
// structures. The playground rebuilds the same state from the trace alone
// (web/src/timeline/loop-state.ts); tests take a LoopState at every event
// of a traced run (Snapshot, called from the tracer) and check the rebuilt
// one against it. It costs a walk of everything the loop holds: for tests
// and tools, not for a program's hot path.
type LoopState struct {
	Running uint64       `json:"running,omitempty"` // the task whose step runs
	Ready   []ReadyEntry `json:"ready"`             // in the order the loop will run them
	Timers  []TimerEntry `json:"timers"`            // pending, not cancelled, in the order they will fire
	Tasks   []TaskEntry  `json:"tasks"`             // unfinished tasks, by id
	Prims   []PrimState  `json:"prims"`             // primitives the loop's tasks used while traced, by id
}

// ReadyEntry is one entry of the ready queue.
type ReadyEntry struct {
	Kind      string `json:"kind"`          // "step" (ID: the task), "callback" (ID: the handle), "internal" (core's own done-callback)
	ID        uint64 `json:"id,omitempty"`  //
	Ref       uint64 `json:"ref,omitempty"` // internal: the future that is done
	Site      string `json:"site,omitempty"`
	Cancelled bool   `json:"cancelled,omitempty"` // a cancelled handle the loop will skip
}

// TimerEntry is a pending timer.
type TimerEntry struct {
	ID  uint64        `json:"id"`
	Due time.Duration `json:"due"`
}

// TaskEntry is an unfinished task and where it is.
type TaskEntry struct {
	ID        uint64 `json:"id"`
	State     string `json:"state"`               // "running", "ready", "waiting"
	WaitingOn uint64 `json:"waitingOn,omitempty"` // the future it awaits (waiting, or ready after a wake-up)
}

// PrimState is a lock, semaphore, event, condition or queue.
type PrimState struct {
	ID         uint64   `json:"id"`
	Kind       string   `json:"kind"`
	Name       string   `json:"name,omitempty"`
	Locked     bool     `json:"locked,omitempty"`     // lock
	Value      int      `json:"value,omitempty"`      // semaphore: units left
	Set        bool     `json:"set,omitempty"`        // event
	Waiters    []uint64 `json:"waiters,omitempty"`    // waiter futures in order (lock, semaphore, event, condition)
	Getters    []uint64 `json:"getters,omitempty"`    // queue
	Putters    []uint64 `json:"putters,omitempty"`    // queue
	Joiners    []uint64 `json:"joiners,omitempty"`    // queue: tasks in Join
	Items      []string `json:"items,omitempty"`      // queue: in the order they come out (a priority queue's as stored)
	Unfinished int      `json:"unfinished,omitempty"` // queue
}

// primSnapshotter is a primitive that can describe itself.
type primSnapshotter interface {
	primState() PrimState
}

// Snapshot is the loop's state now. Call it on the loop's goroutine: from
// a Tracer's Event, between events, or while the loop is not running.
func (l *Loop) Snapshot() LoopState {
	s := LoopState{Ready: []ReadyEntry{}, Timers: []TimerEntry{}, Tasks: []TaskEntry{}, Prims: []PrimState{}}
	if l.current != nil {
		s.Running = l.current.id
	}
	ready := map[*Task]bool{}
	queued := map[*Handle]bool{}
	add := func(h *Handle) {
		if h == nil {
			return
		}
		queued[h] = true
		e := ReadyEntry{Kind: "callback", ID: h.id, Cancelled: h.cancelled.Load()}
		switch h.kind {
		case kindStep:
			t := taskOfStep(h)
			e = ReadyEntry{Kind: "step", ID: t.id}
			ready[t] = true
		case kindInternal:
			e = ReadyEntry{Kind: "internal", Ref: h.fut.id, Site: siteNames[h.site], Cancelled: e.Cancelled}
		}
		s.Ready = append(s.Ready, e)
	}
	for _, h := range l.batch {
		add(h)
	}
	for _, h := range l.ready {
		add(h)
	}
	for _, e := range l.timers.heap {
		// Timers moving to the ready queue may still have an entry here.
		if t := l.timers.slots[e.slot()]; t != nil && !t.cancelled.Load() && !queued[&t.Handle] {
			s.Timers = append(s.Timers, TimerEntry{ID: t.id, Due: t.when})
		}
	}
	slices.SortStableFunc(s.Timers, func(a, b TimerEntry) int {
		return cmp.Or(cmp.Compare(a.Due, b.Due), cmp.Compare(a.ID, b.ID))
	})
	for _, t := range l.AllTasks() {
		e := TaskEntry{ID: t.id}
		if t.waitingOn != nil {
			e.WaitingOn = t.waitingOn.future().id
		}
		switch {
		case l.current == t:
			e.State, e.WaitingOn = "running", 0
		case ready[t]:
			e.State = "ready"
		case t.waitingOn != nil:
			e.State = "waiting"
		default:
			e.State = "unknown"
		}
		s.Tasks = append(s.Tasks, e)
	}
	seen := map[uint64]bool{}
	for _, p := range l.prims {
		ps := p.primState()
		if seen[ps.ID] {
			continue
		}
		seen[ps.ID] = true
		s.Prims = append(s.Prims, ps)
	}
	slices.SortFunc(s.Prims, func(a, b PrimState) int { return cmp.Compare(a.ID, b.ID) })
	return s
}

func waiterIDs(q *waiterList) []uint64 {
	var ids []uint64
	for _, w := range q.all() {
		ids = append(ids, w.id)
	}
	return ids
}

func (p *syncPrim) basicState() PrimState {
	return PrimState{ID: p.id, Kind: p.kind, Name: p.name}
}

func (lk *Lock) primState() PrimState {
	s := lk.basicState()
	s.Locked, s.Waiters = lk.locked, waiterIDs(&lk.waiters)
	return s
}

func (sem *Semaphore) primState() PrimState {
	s := sem.basicState()
	s.Value, s.Waiters = sem.value, waiterIDs(&sem.waiters)
	return s
}

func (e *AsyncEvent) primState() PrimState {
	s := e.basicState()
	s.Set, s.Waiters = e.value, waiterIDs(&e.waiters)
	return s
}

func (c *Condition) primState() PrimState {
	s := c.basicState()
	s.Waiters = waiterIDs(&c.waiters)
	return s
}

func (q *Queue) primState() PrimState {
	s := q.basicState()
	s.Getters, s.Putters, s.Joiners = waiterIDs(&q.getters), waiterIDs(&q.putters), waiterIDs(&q.finished.waiters)
	s.Unfinished = q.unfinished
	for _, it := range q.items.all() {
		s.Items = append(s.Items, clip(fmt.Sprint(it)))
	}
	return s
}

// all lists the items in the order they come out.
func (s *fifoStore) all() []any {
	out := make([]any, s.n)
	for i := range s.n {
		out[i] = s.buf[(s.head+i)%len(s.buf)]
	}
	return out
}

func (s *stackStore) all() []any {
	out := slices.Clone(s.items)
	slices.Reverse(out)
	return out
}

func (s *heapStore) all() []any { return slices.Clone(s.h) }
