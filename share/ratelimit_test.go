package share

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLimiterConcurrentClients takes tokens from many goroutines at one
// instant: exactly Burst requests per client get through.
func TestLimiterConcurrentClients(t *testing.T) {
	clk := &clock{t: time.Unix(1e9, 0)}
	lm := newLimiter(Limit{Rate: 1, Burst: 25}, clk.now)
	var allowed [4]atomic.Int32
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				c := (g + i) % len(allowed)
				if ok, _ := lm.allow(fmt.Sprint("client", c)); ok {
					allowed[c].Add(1)
				}
			}
		}()
	}
	wg.Wait()
	for c := range allowed {
		if n := allowed[c].Load(); n != 25 {
			t.Errorf("client %d: %d requests allowed, want the burst of 25", c, n)
		}
	}
}

func TestLimiterWaitAndRefillCap(t *testing.T) {
	clk := &clock{t: time.Unix(1e9, 0)}
	lm := newLimiter(Limit{Rate: 4, Burst: 2}, clk.now)
	lm.allow("a")
	lm.allow("a")
	if ok, wait := lm.allow("a"); ok || wait != 250*time.Millisecond {
		t.Errorf("empty bucket: ok=%v wait=%v, want a 250ms wait", ok, wait)
	}
	clk.t = clk.t.Add(time.Hour) // refills to the burst, not beyond
	n := 0
	for {
		if ok, _ := lm.allow("a"); !ok {
			break
		}
		n++
	}
	if n != 2 {
		t.Errorf("after an hour idle %d requests passed, want the burst of 2", n)
	}
}

// TestLimiterForgetsIdleClients bounds memory: past maxClients, buckets
// that refilled completely are dropped, and buckets in use are kept.
func TestLimiterForgetsIdleClients(t *testing.T) {
	clk := &clock{t: time.Unix(1e9, 0)}
	lm := newLimiter(Limit{Rate: 1, Burst: 1}, clk.now)
	lm.allow("busy")
	clk.t = clk.t.Add(time.Second / 2)
	for i := 0; len(lm.buckets) < maxClients; i++ {
		lm.buckets[fmt.Sprint("idle", i)] = &bucket{tokens: 1, last: clk.t}
	}
	lm.allow("newcomer")
	if len(lm.buckets) != 2 {
		t.Fatalf("%d buckets after the sweep, want busy and newcomer", len(lm.buckets))
	}
	if ok, _ := lm.allow("busy"); ok {
		t.Error("the sweep forgot a client that had used its burst")
	}
}
