package core

// Shield protects aw from cancellation (asyncio.shield). It returns a new
// future that follows aw's outcome; cancelling that future — for instance
// because the task awaiting it is cancelled — leaves aw running. If aw is
// cancelled by other means the returned future is cancelled too. An aw that
// is already done is returned as it is, as asyncio does.
//
// Like CreateTask with a nil function, Shield(nil) panics with
// ErrNilCallback: it is a bug in the program, not a runtime condition.
func Shield(aw Awaitable) Awaitable {
	if aw == nil || isNilAwaitable(aw) {
		panic(ErrNilCallback)
	}
	inner := aw.future()
	if inner.Done() {
		return aw
	}
	l := inner.loop
	outer := l.newFuture("shield(" + inner.Name() + ")")
	innerCb := inner.addCallback(siteShield, func(*Future) {
		if outer.state == stateCancelled {
			inner.retrieved()
			return
		}
		switch inner.state {
		case stateCancelled:
			outer.Cancel("")
		case stateException:
			inner.retrieved()
			outer.fail(inner.errValue())
		default:
			outer.SetResult(inner.value)
		}
	})
	outer.addCallback(siteShield, func(*Future) {
		if inner.state == statePending {
			inner.removeCallback(innerCb)
		}
	})
	return outer
}
