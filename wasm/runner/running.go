package runner

import (
	"strconv"
	"time"

	"github.com/loopscope/loopscope/core"
)

// Where the program is: the task or callback running (from the trace) and
// the last line seen executing (sampled by the loop ticks every 1024
// iterations, and by a blocking sleep). A run cut short (a limit, or Stop,
// which terminates the worker) names them; the page hears them as
// "running" messages, at most one every runningEvery unless they change.
// Those messages also keep the stream's batches flowing while a step spins
// (the batcher's timer cannot fire then: Go's wasm port cannot preempt).

const runningEvery = 16 * time.Millisecond

type where struct {
	pos  string
	in   uint64 // the task or callback running then, 0 for none
	step uint64 // run.steps then: which step it was seen in
}

// track follows which step runs, from the events (r.mu held).
func (r *run) track(ev *core.Event) {
	switch ev.Kind {
	case core.KindTaskStep, core.KindCbBegin:
		r.runningID = ev.ID
		r.steps++
	case core.KindTaskSuspend, core.KindCbEnd:
		r.runningID = 0
	case core.KindTaskDone:
		if ev.ID == r.runningID {
			r.runningID = 0
		}
	}
}

// note records that the program is executing pos, on the loop's side
// unless offLoop says otherwise (then it is not where the loop is).
func (r *run) note(pos string, checkSide bool) {
	if pos == "" || (checkSide && offLoop()) {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.noteLocked(pos)
}

func (r *run) noteLocked(pos string) {
	if r.stopped {
		return
	}
	w := where{pos: pos, in: r.runningID, step: r.steps}
	changed := w != r.at
	r.at = w
	if r.req.OnMessage == nil {
		return
	}
	now := time.Now()
	if !changed && now.Sub(r.atSent) < runningEvery {
		return
	}
	r.atSent = now
	var seq uint64
	if n := len(r.events); n > 0 {
		seq = r.events[n-1].Seq
	}
	r.req.OnMessage(Message{Type: "running", In: w.in, Pos: w.pos, Seq: seq})
}

// current is where the program is now, as well as known: the line only if
// it was seen in the step still running.
func (r *run) current() where {
	w := where{in: r.runningID, step: r.steps}
	if r.at.in == w.in && r.at.step == w.step {
		w.pos = r.at.pos
	}
	return w
}

// describe says what was running (r.mu held): `task "spin" was still
// running at main.go:14`, or "" when nothing is known.
func (r *run) describe(w where) string {
	who := "main"
	if w.in != 0 {
		who = r.stepName(w.in)
	}
	switch {
	case w.pos != "":
		return who + " was still running at " + w.pos
	case w.in != 0:
		return who + " was still running"
	}
	return ""
}

// stepName names the task or callback with id in the trace.
func (r *run) stepName(id uint64) string {
	for i := range r.events {
		ev := &r.events[i]
		if ev.ID != id {
			continue
		}
		switch ev.Kind {
		case core.KindTaskCreate:
			return "task " + strconv.Quote(ev.Name)
		case core.KindCbSchedule:
			if ev.Pos != "" {
				return "the callback scheduled at " + ev.Pos
			}
			return "a callback"
		}
	}
	return "a callback"
}
