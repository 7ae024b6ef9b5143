package core

import (
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// emit sends one event to the tracer. Callers check l.tracer != nil first so
// an untraced loop pays nothing.
func (l *Loop) emit(kind Kind, id uint64, name string, ref uint64, detail, value string, due time.Duration) {
	ev := l.event(kind, id, name, ref, detail, value, due)
	if causedByProgram(kind) {
		ev.Pos = l.pos()
	}
	l.tracer.Event(ev)
}

// event fills the loop's one reused Event with the next sequence number,
// the clocks and what is running now, plus the given fields.
func (l *Loop) event(kind Kind, id uint64, name string, ref uint64, detail, value string, due time.Duration) *Event {
	l.traceSeq++
	ev := &l.ev
	*ev = Event{
		Seq:    l.traceSeq,
		Time:   l.Time(),
		Wall:   time.Since(l.start),
		Kind:   kind,
		ID:     id,
		Name:   name,
		In:     l.running_(),
		Ref:    ref,
		Detail: detail,
		Value:  value,
		Due:    due,
	}
	return ev
}

// emitAt is emit with a source position captured earlier (an await's line,
// recorded on the task's own stack before it suspended).
func (l *Loop) emitAt(pos string, kind Kind, id uint64, name string, ref uint64, detail, value string) {
	l.nextPos = pos
	l.emit(kind, id, name, ref, detail, value, 0)
	l.nextPos = ""
}

// running_ is the id of the task or callback that is running now.
func (l *Loop) running_() uint64 {
	if l.current != nil {
		return l.current.id
	}
	return l.currentCb
}

// causedByProgram says which events carry the program line that caused them.
func causedByProgram(k Kind) bool {
	switch k {
	case KindCbSchedule, KindCbCancel, KindFutCreate, KindFutDone, KindTaskCreate,
		KindTaskSuspend, KindTaskCancel, KindOutput, KindLoopStop,
		KindWait, KindAcquire, KindRelease, KindPut, KindGet:
		return true
	}
	return false
}

// SetNextPos gives the source position of the next event that records one.
// An interpreter calls it right before it calls into core on behalf of a
// program line.
func (l *Loop) SetNextPos(pos string) { l.nextPos = pos }

func (l *Loop) pos() string {
	if p := l.nextPos; p != "" {
		l.nextPos = ""
		return p
	}
	if l.posFunc == nil {
		return ""
	}
	return l.posFunc()
}

const corePrefix = "github.com/loopscope/loopscope/core."

// callerPos finds the first frame outside core and the runtime: the program
// line that called into core. If the loop's dispatch comes first, core is
// acting on its own (a timer firing, a wake-up) and no program line caused it.
func callerPos() string {
	var pcs [24]uintptr
	n := runtime.Callers(3, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		fn := f.Function
		if fn == corePrefix+"(*Loop).runOnce" {
			return ""
		}
		if !strings.HasPrefix(fn, corePrefix) && !strings.HasPrefix(fn, "runtime.") &&
			!strings.HasPrefix(fn, "iter.") && f.File != "" {
			return filepath.Base(f.File) + ":" + strconv.Itoa(f.Line)
		}
		if !more {
			return ""
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Output records a line the program printed, attributed to the running task
// or callback. The runner calls it for each line of standard output.
func (l *Loop) Output(line string) {
	if l.tracer != nil {
		l.emit(KindOutput, 0, "", 0, "", line, 0)
	}
}
