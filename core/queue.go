package core

import (
	"context"
	"fmt"
)

// Queue is asyncio.Queue: a FIFO of items for producer and consumer tasks.
// With maxsize > 0, Put waits while the queue is full; Get waits while it is
// empty. Every item put counts as unfinished until a consumer calls TaskDone
// for it; Join waits until none is left. NewPriorityQueue and NewLifoQueue
// make queues that hand items out in another order, with the same methods.
//
// Waiting producers and consumers are woken first come, first served. As in
// asyncio, a woken task still has to find room (or an item) when it runs: a
// PutNowait / GetNowait made in between takes it first, and the woken task
// then waits again, at the back of the line.
type Queue struct {
	syncPrim
	maxsize    int
	items      itemStore
	getters    waiterList
	putters    waiterList
	unfinished int
	finished   *AsyncEvent
}

// itemStore is the order a queue hands items out in.
type itemStore interface {
	put(item any) error
	get() any
	len() int
	all() []any // the items in the order they come out (Snapshot)
}

// NewQueue makes a FIFO queue holding at most maxsize items (no limit when
// maxsize <= 0). The optional name labels it in the timeline and in
// diagnostics (`queue "jobs"`).
func NewQueue(maxsize int, name ...string) *Queue {
	return newQueue("queue", maxsize, &fifoStore{}, name)
}

func newQueue(kind string, maxsize int, items itemStore, name []string) *Queue {
	q := &Queue{maxsize: maxsize, items: items}
	q.init(kind, name)
	// Join waits on this event; it carries the queue's label so a stuck
	// Join reads as stuck on the queue.
	q.finished = &AsyncEvent{value: true, why: "Join: waiting for TaskDone on every item"}
	q.finished.init(kind, name)
	return q
}

// Qsize is the number of items in the queue.
func (q *Queue) Qsize() int { return q.items.len() }

// Maxsize is the most items the queue holds (<= 0: no limit).
func (q *Queue) Maxsize() int { return q.maxsize }

// Empty reports whether the queue has no items.
func (q *Queue) Empty() bool { return q.items.len() == 0 }

// Full reports whether the queue holds maxsize items; never for an
// unbounded queue.
func (q *Queue) Full() bool { return q.maxsize > 0 && q.items.len() >= q.maxsize }

// Unfinished is the number of items put but not yet marked done with TaskDone.
func (q *Queue) Unfinished() int { return q.unfinished }

// Put adds item, first waiting for room while the queue is full.
func (q *Queue) Put(ctx context.Context, item any) error {
	t, err := q.use(ctx, q)
	if err != nil {
		return err
	}
	for q.Full() {
		w, err := q.newWaiter(t, "full: waiting for room to put")
		if err != nil {
			return err
		}
		q.enqueue(&q.putters, w)
		if _, err := Await(ctx, w); err != nil {
			w.Cancel("")
			q.putters.remove(w)
			if !q.Full() && !w.Cancelled() {
				// Woken for a free slot we will not use: pass it on.
				q.wakeUpNext(&q.putters)
			}
			return err
		}
	}
	return q.PutNowait(item)
}

// PutNowait adds item if there is room, or fails with ErrQueueFull.
func (q *Queue) PutNowait(item any) error {
	if q.Full() {
		return q.misuse(ErrQueueFull)
	}
	if err := q.items.put(item); err != nil {
		return q.misuse(err)
	}
	q.unfinished++
	q.finished.value = false // untraced: the put event says it
	if q.tracing() {
		q.trace(KindPut, 0, clip(fmt.Sprint(item)))
	}
	q.wakeUpNext(&q.getters)
	return nil
}

// Get removes and returns the next item, first waiting while the queue is
// empty.
func (q *Queue) Get(ctx context.Context) (any, error) {
	t, err := q.use(ctx, q)
	if err != nil {
		return nil, err
	}
	for q.Empty() {
		w, err := q.newWaiter(t, "empty: waiting for an item to get")
		if err != nil {
			return nil, err
		}
		q.enqueue(&q.getters, w)
		if _, err := Await(ctx, w); err != nil {
			w.Cancel("")
			q.getters.remove(w)
			if !q.Empty() && !w.Cancelled() {
				// Woken for an item we will not take: pass it on.
				q.wakeUpNext(&q.getters)
			}
			return nil, err
		}
	}
	return q.GetNowait()
}

// GetNowait removes and returns the next item, or fails with ErrQueueEmpty.
func (q *Queue) GetNowait() (any, error) {
	if q.Empty() {
		return nil, q.misuse(ErrQueueEmpty)
	}
	item := q.items.get()
	if q.tracing() {
		q.trace(KindGet, 0, clip(fmt.Sprint(item)))
	}
	q.wakeUpNext(&q.putters)
	return item, nil
}

// TaskDone marks one item taken with Get as processed. Calling it more often
// than items were put fails with ErrTaskDoneTooMany.
func (q *Queue) TaskDone() error {
	if q.unfinished <= 0 {
		return q.misuse(ErrTaskDoneTooMany)
	}
	q.unfinished--
	if q.tracing() {
		q.trace(KindRelease, 0, "TaskDone: "+itoa(q.unfinished)+" unfinished")
	}
	if q.unfinished == 0 {
		q.finished.Set()
	}
	return nil
}

// Join waits until every item put has been marked done with TaskDone.
func (q *Queue) Join(ctx context.Context) error {
	if _, err := q.use(ctx, q); err != nil {
		return err
	}
	if q.unfinished > 0 {
		// The event stands for the queue in the trace.
		q.finished.seen, q.finished.id = q.seen, q.id
		return q.finished.Wait(ctx)
	}
	return nil
}

// wakeUpNext wakes the first waiter of ws that is not done yet, dropping
// the ones before it.
func (q *Queue) wakeUpNext(ws *waiterList) {
	for {
		w := ws.popFront()
		if w == nil {
			return
		}
		if !w.Done() {
			w.SetResult(nil)
			return
		}
	}
}

// fifoStore is a ring buffer: first in, first out.
type fifoStore struct {
	buf  []any
	head int
	n    int
}

func (s *fifoStore) put(item any) error {
	if s.n == len(s.buf) {
		grown := make([]any, max(8, 2*len(s.buf)))
		for i := 0; i < s.n; i++ {
			grown[i] = s.buf[(s.head+i)%len(s.buf)]
		}
		s.buf, s.head = grown, 0
	}
	s.buf[(s.head+s.n)%len(s.buf)] = item
	s.n++
	return nil
}

func (s *fifoStore) get() any {
	item := s.buf[s.head]
	s.buf[s.head] = nil
	s.head = (s.head + 1) % len(s.buf)
	s.n--
	return item
}

func (s *fifoStore) len() int { return s.n }

// String describes the queue like asyncio's str():
// <Queue "jobs" maxsize=1 qsize=1 getters[0] putters[1] tasks=2>.
func (q *Queue) String() string {
	typ := map[string]string{"queue": "Queue", "priority queue": "PriorityQueue", "lifo queue": "LifoQueue"}[q.kind]
	s := "<" + typ
	if q.name != "" {
		s += " " + quote(q.name)
	}
	s += " maxsize=" + itoa(q.maxsize) + " qsize=" + itoa(q.items.len())
	if n := q.getters.len(); n > 0 {
		s += " getters[" + itoa(n) + "]"
	}
	if n := q.putters.len(); n > 0 {
		s += " putters[" + itoa(n) + "]"
	}
	if q.unfinished > 0 {
		s += " tasks=" + itoa(q.unfinished)
	}
	return s + ">"
}
