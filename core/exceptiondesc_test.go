package core_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/loopscope/loopscope/core"
)

func boomCallback()                { panic("boom") }
func boomDone(*core.Future)        { panic("done") }
func boomLater()                   { panic("later") }
func stopLoop(l *core.Loop) func() { return l.Stop }

// TestExceptionContextCallback: the exception handler learns which callback
// failed: its function's name and, while tracing, the line that scheduled
// it (asyncio's handle repr and source traceback).
func TestExceptionContextCallback(t *testing.T) {
	for _, opt := range []struct {
		name   string
		opt    core.Option
		traced bool
	}{
		{"debug", core.WithDebug(time.Hour), false},
		{"traced", core.WithTracer(&core.Recorder{}), true},
	} {
		t.Run(opt.name, func(t *testing.T) {
			var got []string
			l := core.NewLoop(core.VirtualClock(), opt.opt, core.WithExceptionHandler(func(_ *core.Loop, c core.ExceptionContext) {
				got = append(got, c.Callback)
			}))
			l.CallSoon(boomCallback)
			l.CallLater(time.Second, boomLater)
			f := l.CreateFuture("")
			f.AddDoneCallback(boomDone)
			f.SetResult(nil)
			l.CallLater(2*time.Second, stopLoop(l))
			if err := l.RunForever(); err != nil {
				t.Fatal(err)
			}
			l.Close()
			// In run order: the soon callback, the done-callback (scheduled
			// by SetResult), then the timer.
			want := []string{`boomCallback scheduled at exceptiondesc_test.go:34`,
				`boomDone scheduled at exceptiondesc_test.go:38`, `boomLater scheduled at exceptiondesc_test.go:35`}
			if len(got) != len(want) {
				t.Fatalf("handler saw %q", got)
			}
			for i, w := range want {
				if !opt.traced {
					w, _, _ = strings.Cut(w, " ") // no positions are kept
				}
				if got[i] != "github.com/loopscope/loopscope/core_test."+w {
					t.Errorf("callback %d described as %q, want core_test.%s", i, got[i], w)
				}
			}
		})
	}
}

// TestExceptionContextCallbackPlain: without tracing or debug mode only
// the name is known (nothing is recorded per callback).
func TestExceptionContextCallbackPlain(t *testing.T) {
	var got string
	l := core.NewLoop(core.VirtualClock(), core.WithExceptionHandler(func(_ *core.Loop, c core.ExceptionContext) { got = c.Callback }))
	l.CallSoon(boomCallback)
	l.CallSoon(l.Stop)
	if err := l.RunForever(); err != nil {
		t.Fatal(err)
	}
	l.Close()
	if !regexp.MustCompile(`^github.com/loopscope/loopscope/core_test.boomCallback$`).MatchString(got) {
		t.Fatalf("described as %q", got)
	}
}
