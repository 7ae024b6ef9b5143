package core

import (
	"encoding/json"
	"io"
	"strconv"
)

// ChromeAxis chooses the time axis of a Chrome trace.
type ChromeAxis int

const (
	// ChromeWall places events at the real time they happened, so a slice is
	// as long as the step or callback really took. A trace recorded without
	// wall times (a golden file) falls back to ChromeSeq.
	ChromeWall ChromeAxis = iota
	// ChromeSeq places event n at n microseconds: every event gets its own
	// spot and the file is deterministic.
	ChromeSeq
)

// Track ids of the exported trace: the loop itself, plain callbacks, then
// one per task in creation order.
const (
	chromePid         = 1
	chromeLoopTrack   = 1
	chromeCbTrack     = 2
	chromeFirstTaskID = 3
)

// chromeEvent is one entry of the Chrome trace-event format
// (https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU).
type chromeEvent struct {
	Name  string         `json:"name"`
	Cat   string         `json:"cat,omitempty"`
	Ph    string         `json:"ph"`
	Ts    float64        `json:"ts"`
	Dur   *float64       `json:"dur,omitempty"`
	Pid   int            `json:"pid"`
	Tid   int            `json:"tid"`
	ID    string         `json:"id,omitempty"`
	Scope string         `json:"s,omitempty"`
	Bp    string         `json:"bp,omitempty"`
	Args  map[string]any `json:"args,omitempty"`
}

type chromeTrace struct {
	TraceEvents     []chromeEvent `json:"traceEvents"`
	DisplayTimeUnit string        `json:"displayTimeUnit"`
}

// WriteChromeTrace writes events in the Chrome trace-event JSON format, which
// Perfetto and chrome://tracing open: the loop's iterations on one track,
// plain callbacks on another, one track per task with a slice for each step;
// timers, futures, output lines and diagnostics as instant events on the
// track of whoever was running; a cancellation as an instant on the
// cancelled task plus a flow arrow from whoever asked for it to the step
// where the task receives it.
func WriteChromeTrace(w io.Writer, events []Event, axis ChromeAxis) error {
	x := newChromeExport(events, axis)
	x.convert()
	b, err := json.Marshal(chromeTrace{TraceEvents: x.out, DisplayTimeUnit: "ns"})
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

type chromeExport struct {
	events  []Event
	seqAxis bool
	out     []chromeEvent

	taskTrack map[uint64]int    // task id -> track
	cbNames   map[uint64]string // handle id -> name for its slice
	open      map[int]openSlice // track -> the slice not yet closed
	cancels   map[uint64][]int  // task id -> indexes in out of cancel flows awaiting their end
}

type openSlice struct {
	at   int // index in out
	ts   float64
	live bool
}

func newChromeExport(events []Event, axis ChromeAxis) *chromeExport {
	seqAxis := axis == ChromeSeq
	if !seqAxis {
		seqAxis = true
		for i := range events {
			if events[i].Wall != 0 {
				seqAxis = false
				break
			}
		}
	}
	return &chromeExport{
		events:    events,
		seqAxis:   seqAxis,
		taskTrack: make(map[uint64]int),
		cbNames:   make(map[uint64]string),
		open:      make(map[int]openSlice),
		cancels:   make(map[uint64][]int),
	}
}

func (x *chromeExport) ts(ev *Event) float64 {
	if x.seqAxis {
		return float64(ev.Seq)
	}
	return float64(ev.Wall) / 1e3
}

// trackOf is the track of the task or callback with this id (an event's In).
func (x *chromeExport) trackOf(id uint64) int {
	if id == 0 {
		return chromeLoopTrack
	}
	if tr, ok := x.taskTrack[id]; ok {
		return tr
	}
	return chromeCbTrack
}

func (x *chromeExport) meta(tid int, name string, sort int) {
	x.out = append(x.out,
		chromeEvent{Name: "thread_name", Ph: "M", Pid: chromePid, Tid: tid, Args: map[string]any{"name": name}},
		chromeEvent{Name: "thread_sort_index", Ph: "M", Pid: chromePid, Tid: tid, Args: map[string]any{"sort_index": sort}})
}

func (x *chromeExport) convert() {
	x.out = append(x.out, chromeEvent{Name: "process_name", Ph: "M", Pid: chromePid, Args: map[string]any{"name": "event loop"}})
	x.meta(chromeLoopTrack, "loop", 0)
	x.meta(chromeCbTrack, "callbacks", 1)
	var last float64
	for i := range x.events {
		ev := &x.events[i]
		ts := x.ts(ev)
		last = max(last, ts)
		switch ev.Kind {
		case KindTaskCreate:
			tr := chromeFirstTaskID + len(x.taskTrack)
			x.taskTrack[ev.ID] = tr
			x.meta(tr, ev.Name, tr)
			x.instant(ev, x.trackOf(ev.In), "create "+ev.Name)
		case KindTaskStep:
			tr := x.taskTrack[ev.ID]
			x.begin(tr, ev, "step "+ev.Name, "task")
			x.endCancelFlows(ev.ID, tr, ts)
		case KindTaskSuspend:
			what := "yield"
			if ev.Detail != "yield" {
				what = "await " + ev.Detail + " " + ev.Value
			}
			x.end(x.taskTrack[ev.ID], ts, map[string]any{"then": what})
		case KindTaskDone:
			tr := x.taskTrack[ev.ID]
			x.instant(ev, tr, "done: "+ev.Detail)
			x.endCancelFlows(ev.ID, tr, ts)
			x.end(tr, ts, map[string]any{"then": "done: " + ev.Detail})
		case KindTaskCancel:
			x.cancel(ev, ts)
		case KindCbSchedule:
			x.cbNames[ev.ID] = callbackName(ev)
			x.instant(ev, x.trackOf(ev.In), "schedule "+ev.Detail)
		case KindCbBegin:
			name, ok := x.cbNames[ev.ID]
			if !ok {
				name = "callback " + ev.Detail
			}
			x.begin(chromeCbTrack, ev, name, "callback")
		case KindCbEnd:
			x.end(chromeCbTrack, ts, nil)
		case KindInternalBegin:
			x.begin(chromeCbTrack, ev, "core's "+ev.Name+" callback", "internal")
		case KindInternalEnd:
			x.end(chromeCbTrack, ts, nil)
		case KindIterBegin:
			x.begin(chromeLoopTrack, ev, "iteration", "loop")
		case KindIterEnd:
			x.end(chromeLoopTrack, ts, nil)
		case KindTimerDue:
			name, ok := x.cbNames[ev.ID]
			if !ok {
				name = "#" + strconv.FormatUint(ev.ID, 10)
			}
			x.instant(ev, chromeLoopTrack, "timer due: "+name)
		default:
			x.instant(ev, x.trackOf(ev.In), instantName(ev))
		}
	}
	// A trace cut short (an event limit) leaves slices open: close them at
	// the last event so the viewer still shows them.
	for tr, s := range x.open {
		if s.live {
			x.end(tr, last, map[string]any{"then": "trace ends"})
		}
	}
	// Cancellations never delivered within the trace keep no dangling arrow.
	for _, idx := range x.cancels {
		for _, i := range idx {
			x.out[i].Ph = "i"
			x.out[i].Scope = "t"
			x.out[i].ID = ""
		}
	}
}

func callbackName(ev *Event) string {
	name := ev.Detail
	if ev.Name != "" {
		name += " " + ev.Name
	}
	if ev.Pos != "" {
		name += " (" + ev.Pos + ")"
	}
	return name
}

func instantName(ev *Event) string {
	switch ev.Kind {
	case KindOutput:
		return "print: " + ev.Value
	case KindDiag:
		return ev.Detail + ": " + ev.Value
	}
	if ev.Name != "" {
		return string(ev.Kind) + " " + ev.Name
	}
	return string(ev.Kind)
}

func (x *chromeExport) args(ev *Event) map[string]any {
	a := map[string]any{"seq": ev.Seq, "loop_time_ns": int64(ev.Time)}
	if ev.ID != 0 {
		a["id"] = ev.ID
	}
	if ev.Ref != 0 {
		a["ref"] = ev.Ref
	}
	if ev.Detail != "" {
		a["detail"] = ev.Detail
	}
	if ev.Value != "" {
		a["value"] = ev.Value
	}
	if ev.Due != 0 {
		a["due_ns"] = int64(ev.Due)
	}
	if ev.Pos != "" {
		a["pos"] = ev.Pos
	}
	return a
}

func (x *chromeExport) instant(ev *Event, tid int, name string) {
	scope := "t"
	if ev.Kind == KindDiag {
		scope = "p" // a diagnostic concerns the whole loop
	}
	x.out = append(x.out, chromeEvent{Name: name, Cat: string(ev.Kind), Ph: "i", Scope: scope,
		Ts: x.ts(ev), Pid: chromePid, Tid: tid, Args: x.args(ev)})
}

// begin opens a complete ("X") slice on a track; end gives it its duration.
func (x *chromeExport) begin(tid int, ev *Event, name, cat string) {
	if s := x.open[tid]; s.live {
		x.end(tid, x.ts(ev), nil) // never nest on one track
	}
	ts := x.ts(ev)
	zero := 0.0
	x.out = append(x.out, chromeEvent{Name: name, Cat: cat, Ph: "X", Ts: ts, Dur: &zero,
		Pid: chromePid, Tid: tid, Args: x.args(ev)})
	x.open[tid] = openSlice{at: len(x.out) - 1, ts: ts, live: true}
}

func (x *chromeExport) end(tid int, ts float64, extra map[string]any) {
	s := x.open[tid]
	if !s.live {
		return
	}
	d := ts - s.ts
	x.out[s.at].Dur = &d
	for k, v := range extra {
		x.out[s.at].Args[k] = v
	}
	delete(x.open, tid)
}

// cancel marks the request on the cancelled task's track and starts a flow
// arrow at whoever asked; the arrow ends where the task next runs.
func (x *chromeExport) cancel(ev *Event, ts float64) {
	target, ok := x.taskTrack[ev.ID]
	if !ok {
		target = x.trackOf(ev.ID)
	}
	label := "cancel requested"
	if ev.Value != "" {
		label += ": " + ev.Value
	}
	x.instant(ev, target, label)
	id := "cancel-" + strconv.FormatUint(ev.Seq, 10)
	x.out = append(x.out, chromeEvent{Name: "cancel", Cat: "cancel", Ph: "s", ID: id, Ts: ts,
		Pid: chromePid, Tid: x.trackOf(ev.In), Args: map[string]any{"task": ev.Name}})
	x.cancels[ev.ID] = append(x.cancels[ev.ID], len(x.out)-1)
}

func (x *chromeExport) endCancelFlows(task uint64, tid int, ts float64) {
	for _, i := range x.cancels[task] {
		x.out = append(x.out, chromeEvent{Name: "cancel", Cat: "cancel", Ph: "f", Bp: "e", ID: x.out[i].ID,
			Ts: ts, Pid: chromePid, Tid: tid})
	}
	delete(x.cancels, task)
}
