//go:build js && wasm

package main

import (
	"sync"
	"syscall/js"
	"time"

	"github.com/loopscope/loopscope/wasm/runner"
)

// A run's messages go to JS in batches: a JSON array per call. One call,
// one JSON encoding pass and one postMessage per event made every event
// cost about as much as running the program's callback; the page shows at
// most a frame's worth later what arrives in a batch.
const (
	batchMax   = 512                   // messages in one call
	batchDelay = 16 * time.Millisecond // longest a message waits for company
)

type batcher struct {
	mu    sync.Mutex
	send  js.Value // the page's onMessage: func(batchJSON string)
	buf   []byte   // "[m1,m2" without the closing bracket
	n     int
	since time.Time // when the first message of buf came
	timer *time.Timer
}

func newBatcher(send js.Value) *batcher {
	b := &batcher{send: send}
	// A program waiting on the real clock sends nothing for a while: the
	// timer flushes what came before the wait. (wasm runs timers when the
	// program's goroutines block, which is exactly then.)
	b.timer = time.AfterFunc(time.Hour, b.flush)
	b.timer.Stop()
	return b
}

// add queues m, sending the batch when it is full or old enough.
func (b *batcher) add(m runner.Message) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.n == 0 {
		b.buf = append(b.buf[:0], '[')
		b.since = time.Now()
		b.timer.Reset(batchDelay)
	} else {
		b.buf = append(b.buf, ',')
	}
	b.buf = m.AppendJSON(b.buf) // straight into the batch: no copy, no reflection
	b.n++
	if b.n >= batchMax || time.Since(b.since) >= batchDelay {
		b.flushLocked()
	}
}

// flush sends what is queued; the run's result must not overtake it.
func (b *batcher) flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked()
}

func (b *batcher) flushLocked() {
	if b.n == 0 {
		return
	}
	b.timer.Stop()
	b.buf = append(b.buf, ']')
	b.send.Invoke(string(b.buf))
	b.n = 0
}
