package core

import "testing"

func otherCallback(*Future) {}

// TestRemoveDoneCallback: every registration of the callback goes, the
// count says how many, and a done future's callbacks are scheduled already.
func TestRemoveDoneCallback(t *testing.T) {
	var out lines
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	cb := func(*Future) { out.add("cb ran") }
	other := func(*Future) { out.add("other ran") }
	fut.AddDoneCallback(cb)
	fut.AddDoneCallback(other)
	fut.AddDoneCallback(cb)
	out.add("removed cb: %d", fut.RemoveDoneCallback(cb))
	out.add("removed cb again: %d", fut.RemoveDoneCallback(cb))
	fut.AddDoneCallback(cb)
	fut.SetResult(1)
	out.add("removed after done: %d", fut.RemoveDoneCallback(cb))
	l.CallSoon(l.Stop)
	mustRun(t, l)
	l.Close()
	pinned(t, "future_remove_done_callback", out)
}

// TestRemoveDoneCallbackIdentity: a callback matches by identity: a
// top-level function or the same closure value, not a look-alike closure;
// core's own callbacks (a task awaiting the future) are never removed.
func TestRemoveDoneCallbackIdentity(t *testing.T) {
	l := newTestLoop(t)
	fut := l.CreateFuture("")
	fut.AddDoneCallback(otherCallback)
	mk := func() func(*Future) { return func(*Future) {} }
	a, b := mk(), mk()
	fut.AddDoneCallback(a)
	internal := fut.addCallback(siteOther, func(*Future) {})
	if n := fut.RemoveDoneCallback(b); n != 0 {
		t.Errorf("a look-alike closure removed %d", n)
	}
	if n := fut.RemoveDoneCallback(otherCallback); n != 1 {
		t.Errorf("the top-level function removed %d", n)
	}
	if n := fut.RemoveDoneCallback(a); n != 1 {
		t.Errorf("the closure removed %d", n)
	}
	if len(fut.callbacks) != 1 || fut.callbacks[0] != internal {
		t.Errorf("left %d callbacks, want core's own one", len(fut.callbacks))
	}
	l.Close()
}

// TestExceptionHandlerGetter: ExceptionHandler gives back what was set,
// nil for the default.
func TestExceptionHandlerGetter(t *testing.T) {
	l := newTestLoop(t)
	if l.ExceptionHandler() != nil {
		t.Fatal("a new loop has a handler")
	}
	called := false
	l.SetExceptionHandler(func(*Loop, ExceptionContext) { called = true })
	l.ExceptionHandler()(l, ExceptionContext{})
	if !called {
		t.Fatal("ExceptionHandler did not give the handler set")
	}
	l.SetExceptionHandler(nil)
	if l.ExceptionHandler() != nil {
		t.Fatal("nil did not restore the default")
	}
	l.Close()
}
