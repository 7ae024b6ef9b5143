package core

import (
	"io"
	"time"
)

// Kind names what happened in a trace event.
type Kind string

// The event kinds. The timeline, the golden files and the Chrome exporter all
// read these; add kinds, never rename them.
const (
	KindLoopRun   Kind = "loop.run"   // RunForever / RunUntilComplete began
	KindLoopStop  Kind = "loop.stop"  // Stop was called
	KindLoopExit  Kind = "loop.exit"  // the run returned (Detail: why, if not a stop)
	KindLoopClose Kind = "loop.close" // Close

	KindIterBegin Kind = "iter.begin" // one pass of the loop (Detail: how many callbacks are ready)
	KindIterEnd   Kind = "iter.end"

	KindCbSchedule Kind = "cb.schedule" // CallSoon/CallLater/CallAt/CallSoonThreadsafe (Detail: soon/later/at/threadsafe; Due: when)
	KindCbBegin    Kind = "cb.begin"    // a plain callback starts
	KindCbEnd      Kind = "cb.end"
	KindCbCancel   Kind = "cb.cancel"
	KindCbPanic    Kind = "cb.panic" // the callback panicked (Detail: the value)
	KindTimerDue   Kind = "timer.due"

	KindFutCreate Kind = "fut.create"
	KindFutDone   Kind = "fut.done" // Detail: result / exception / cancelled; Value: what

	KindTaskCreate  Kind = "task.create"
	KindTaskStep    Kind = "task.step"    // the task resumes (Ref: the future that woke it, if any)
	KindTaskSuspend Kind = "task.suspend" // the step ends in an await (Ref/Value: what it now waits on; Detail "yield" for Sleep(0))
	KindTaskCancel  Kind = "task.cancel"  // Cancel was requested (ID: the task, In: who asked, Value: message)
	KindTaskDone    Kind = "task.done"    // Detail: result / exception / cancelled

	// KindBlock: the running step blocked the loop's goroutine (time.Sleep
	// inside a callback or task step) for Dur, starting at Time; Pos is the
	// blocking call. Under the virtual clock the loop's time jumps by Dur at
	// once: nothing else could run meanwhile, exactly as with a real wait.
	KindBlock Kind = "step.block"
	// KindLoopFail: RunUntilComplete (and so Run) is returning the error of
	// the future it ran (ID, Name): Detail exception, or cancelled for a
	// cancellation (errors.Is ErrCancelled), Value the error.
	KindLoopFail Kind = "loop.fail"

	KindOutput Kind = "output" // a line the program printed, attributed to In
	// KindDiag is a diagnostic: Detail its kind, Value the words. Kinds:
	// stuck, pending, unretrieved, exception; slow (a step took Dur of real
	// time: ID the task or callback, Pos the line it was running, if known);
	// ignored-cancel (task ID was cancelled and went on running: Pos is the
	// await whose cancellation it ignored); never-awaited (at Close: task ID
	// lost its value, or Run's shutdown cancelled it unfinished, and nothing
	// ever awaited it); await-cycle (task ID awaited itself, at Pos).
	// pending and unretrieved carry the task's or future's ID.
	KindDiag Kind = "diag"

	// Primitives and combinators (sync.go, queue.go, combinators.go).
	KindWait    Kind = "sync.wait"    // a task starts waiting on a primitive
	KindAcquire Kind = "sync.acquire" // acquired / woken
	KindRelease Kind = "sync.release"
	KindPut     Kind = "queue.put"
	KindGet     Kind = "queue.get"
	KindExpire  Kind = "timeout.expire"
	KindAbort   Kind = "group.abort"

	// The ready queue, complete (round 2): with these, every entry of the
	// ready queue is in the trace, so the page can rebuild it at any step.
	KindTaskWake      Kind = "task.wake"         // the task's next step joins the ready queue: what it awaited is done (Ref: that future; In: who completed it); Detail "cancel": it was not, the task is woken by its own cancellation coming back round an await cycle (awaitcycle.go)
	KindInternalSched Kind = "internal.schedule" // core's own done-callback joins the ready queue (Name: what it serves, e.g. "gather"; Ref: the future that is done)
	KindInternalBegin Kind = "internal.begin"    // that callback runs (Name, Ref as above)
	KindInternalEnd   Kind = "internal.end"
)

// Event is one thing the loop did. IDs are per loop and shared by handles,
// futures and tasks, so an ID names exactly one object of a trace.
type Event struct {
	Seq    uint64        `json:"seq"`
	Time   time.Duration `json:"t"`              // loop time, ns
	Wall   time.Duration `json:"wall,omitempty"` // real time since the loop was created, ns (not deterministic)
	Kind   Kind          `json:"kind"`
	ID     uint64        `json:"id,omitempty"`     // the object the event is about
	Name   string        `json:"name,omitempty"`   // its name
	In     uint64        `json:"in,omitempty"`     // the task or callback running when it happened
	Ref    uint64        `json:"ref,omitempty"`    // a related object: awaited future, waker, target
	Detail string        `json:"detail,omitempty"` // a short tag (soon/later, result/exception, ...)
	Value  string        `json:"value,omitempty"`  // a result, error or message, as text
	Due    time.Duration `json:"due,omitempty"`    // loop time a timer is due
	Pos    string        `json:"pos,omitempty"`    // source position that caused it, "file.go:line"
	Dur    time.Duration `json:"dur,omitempty"`    // how long, ns: a block's loop time, a slow step's real time
}

// Tracer receives every event of a loop, on the loop's goroutine. The event
// is reused after the call returns: copy it to keep it.
type Tracer interface {
	Event(ev *Event)
}

// Recorder is a Tracer that keeps every event, optionally up to a limit.
type Recorder struct {
	Events []Event
	// Limit, when > 0, is the most events kept; OnLimit is called once when
	// one more arrives.
	Limit   int
	OnLimit func()
	hit     bool
}

// Event implements Tracer.
func (r *Recorder) Event(ev *Event) {
	if r.Limit > 0 && len(r.Events) >= r.Limit {
		if !r.hit {
			r.hit = true
			if r.OnLimit != nil {
				r.OnLimit()
			}
		}
		return
	}
	r.Events = append(r.Events, *ev)
}

// WriteJSON writes the events as one JSON array, one event a line.
// With deterministic set, wall times are left out (golden files).
func WriteJSON(w io.Writer, events []Event, deterministic bool) error {
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return err
	}
	var b []byte
	for i := range events {
		ev := events[i]
		if deterministic {
			ev.Wall = 0
		}
		b = ev.AppendJSON(b[:0])
		if i < len(events)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "]\n")
	return err
}
