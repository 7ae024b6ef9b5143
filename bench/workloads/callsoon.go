package workloads

import (
	"time"

	"github.com/loopscope/loopscope/core"
)

// CallSoonChain: 1M callbacks, each scheduling the next with CallSoon; the
// last one stops the loop. Same in Python (loop.call_soon) and Node
// (setImmediate, which is a macrotask queue like the ready queue).
func CallSoonChain() (Result, error) {
	const n = 1_000_000
	l := core.NewLoop()
	defer l.Close()
	count := 0
	var f func()
	f = func() {
		count++
		if count < n {
			l.CallSoon(f)
		} else {
			l.Stop()
		}
	}
	t0 := time.Now()
	l.CallSoon(f)
	if err := l.RunForever(); err != nil {
		return Result{}, err
	}
	el := time.Since(t0)
	return rate(n, el), check("callbacks run", count, n)
}
