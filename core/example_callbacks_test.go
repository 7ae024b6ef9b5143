package core_test

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

// A done-callback removed before the future completes never runs.
func ExampleFuture_RemoveDoneCallback() {
	l := core.NewLoop(core.VirtualClock())
	f := l.CreateFuture("reply")
	log := func(f *core.Future) { fmt.Println("log:", f.Name(), "done") }
	notify := func(f *core.Future) { fmt.Println("notify:", f.Name(), "done") }
	f.AddDoneCallback(log)
	f.AddDoneCallback(notify)
	fmt.Println("removed", f.RemoveDoneCallback(log))
	f.SetResult("ok")
	l.CallSoon(l.Stop)
	l.RunForever()
	l.Close()
	// Output:
	// removed 1
	// notify: reply done
}

// A handler can wrap the one before it: ExceptionHandler gives it back
// (nil for the default).
func ExampleLoop_ExceptionHandler() {
	l := core.NewLoop(core.VirtualClock())
	fmt.Println("default:", l.ExceptionHandler() == nil)
	l.SetExceptionHandler(func(l *core.Loop, c core.ExceptionContext) {
		fmt.Println("handled:", c.Message, "-", c.Err)
	})
	previous := l.ExceptionHandler()
	l.SetExceptionHandler(func(l *core.Loop, c core.ExceptionContext) {
		fmt.Println("counting one")
		previous(l, c)
	})
	l.CallSoon(func() { panic("boom") })
	l.CallSoon(l.Stop)
	l.RunForever()
	l.Close()
	// Output:
	// default: true
	// counting one
	// handled: Exception in callback - panic: boom
}
