//go:build !loopscope_precompiled

package runner

import (
	"time"

	"github.com/goplus/ixgo"
)

// registerSleep gives the interpreted program the time.Sleep blocking.go
// describes, at the line of its call.
func (r *run) registerSleep(ctx *ixgo.Context) {
	ctx.RegisterExternal("time.Sleep", func(fr *ixgo.Frame, d time.Duration) {
		r.blockingSleep(r.pos.framePos(fr), d)
	})
}
