package share

import (
	"math"
	"sync"
	"time"
)

// Limit is a per-client token bucket: Burst requests at once, refilled at
// Rate per second. The zero Limit means the handler's default.
type Limit struct {
	Rate  float64
	Burst int
}

// NoLimit turns a bucket off, e.g. on Cloudflare, where each request runs a
// fresh instance and the edge's own rate limiting applies.
var NoLimit = Limit{Rate: math.Inf(1), Burst: 1}

func (l Limit) off() bool { return math.IsInf(l.Rate, 1) }

// maxClients bounds the limiter's memory; past it, buckets that have
// refilled completely are dropped, which changes nothing for their clients.
const maxClients = 1 << 16

type bucket struct {
	tokens float64
	last   time.Time
}

// limiter holds one token bucket per client key.
type limiter struct {
	limit Limit
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

func newLimiter(l Limit, now func() time.Time) *limiter {
	return &limiter{limit: l, now: now, buckets: make(map[string]*bucket)}
}

// allow takes a token from client's bucket; when none is left it returns
// false and how long until one is.
func (lm *limiter) allow(client string) (bool, time.Duration) {
	if lm.limit.off() {
		return true, 0
	}
	now := lm.now()
	lm.mu.Lock()
	defer lm.mu.Unlock()
	b := lm.buckets[client]
	if b == nil {
		if len(lm.buckets) >= maxClients {
			lm.dropFull(now)
		}
		b = &bucket{tokens: float64(lm.limit.Burst), last: now}
		lm.buckets[client] = b
	}
	lm.refill(b, now)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / lm.limit.Rate * float64(time.Second))
	return false, wait
}

func (lm *limiter) refill(b *bucket, now time.Time) {
	if dt := now.Sub(b.last); dt > 0 {
		b.tokens = math.Min(float64(lm.limit.Burst), b.tokens+dt.Seconds()*lm.limit.Rate)
		b.last = now
	}
}

func (lm *limiter) dropFull(now time.Time) {
	for k, b := range lm.buckets {
		lm.refill(b, now)
		if b.tokens >= float64(lm.limit.Burst) {
			delete(lm.buckets, k)
		}
	}
}
