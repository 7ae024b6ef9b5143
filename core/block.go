package core

import "time"

// BlockFor is what a blocking call of duration d (time.Sleep, a blocking
// download) on the loop's goroutine means for the loop: nothing else runs
// meanwhile. Under the virtual clock the loop's time advances by d at once
// (the wait is skipped, its cost is not: timers due meanwhile fire late,
// exactly as after a real blocking call); under the real clock it sleeps.
// Either way the trace records a step.block event at the calling line.
// Call it only from the goroutine running the loop (a callback or a task's
// step); blocking elsewhere (ToThread work, another goroutine) is just
// time.Sleep.
func (l *Loop) BlockFor(d time.Duration) {
	if d <= 0 {
		return
	}
	if l.tracer != nil {
		l.emitFull(KindBlock, 0, "", "", "blocked the loop for "+d.String(), l.pos(), d)
	}
	if l.virtual {
		l.now += d
		return
	}
	if l.sleep != nil {
		l.sleep(d)
		return
	}
	time.Sleep(d)
}

// emitFull sends an event whose every field is known here: its position
// (even for kinds emit leaves without one) and its duration.
func (l *Loop) emitFull(kind Kind, id uint64, name, detail, value, pos string, dur time.Duration) {
	ev := l.event(kind, id, name, 0, detail, value, 0)
	ev.Pos, ev.Dur = pos, dur
	l.tracer.Event(ev)
}
