//go:build !loopscope_precompiled

package runner

import (
	"fmt"

	"github.com/goplus/ixgo"
)

// registerFmt sends the program's fmt.Print* to the run's output, with the
// line of the printing statement.
func (r *run) registerFmt(ctx *ixgo.Context) {
	ctx.RegisterExternal("fmt.Println", func(fr *ixgo.Frame, a ...any) (int, error) {
		s := fmt.Sprintln(a...)
		r.print(r.pos.framePos(fr), []byte(s))
		return len(s), nil
	})
	ctx.RegisterExternal("fmt.Print", func(fr *ixgo.Frame, a ...any) (int, error) {
		s := fmt.Sprint(a...)
		r.print(r.pos.framePos(fr), []byte(s))
		return len(s), nil
	})
	ctx.RegisterExternal("fmt.Printf", func(fr *ixgo.Frame, format string, a ...any) (int, error) {
		s := fmt.Sprintf(format, a...)
		r.print(r.pos.framePos(fr), []byte(s))
		return len(s), nil
	})
}
