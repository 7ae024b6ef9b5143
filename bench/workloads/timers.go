package workloads

import (
	"math/rand"
	"time"

	"github.com/loopscope/loopscope/core"
)

// Timers: 200k CallAt deadlines already in the past, in random order (up to
// 1 s back); the last to fire stops the loop. The deadlines are drawn before
// the clock starts, in every runtime. Same in Python (loop.call_at); Node
// has no call_at (setTimeout takes no absolute deadline and clamps to 1 ms).
func Timers() (Result, error) {
	const n = 200_000
	l := core.NewLoop()
	defer l.Close()
	r := rand.New(rand.NewSource(1))
	base := l.Time()
	when := make([]time.Duration, n)
	for i := range when {
		when[i] = base - time.Duration(r.Float64()*float64(time.Second))
	}
	fired := 0
	g := func() {
		fired++
		if fired == n {
			l.Stop()
		}
	}
	t0 := time.Now()
	for _, w := range when {
		l.CallAt(w, g)
	}
	if err := l.RunForever(); err != nil {
		return Result{}, err
	}
	el := time.Since(t0)
	return rate(n, el), check("timers fired", fired, n)
}
