// The timeline model: turns a run's trace events into lanes, spans (task
// steps and callbacks), marks and arrows. Pure data, no drawing, so it can be
// tested in node and reused by the canvas, the SVG export and playback.
import { lineOfPos, type TraceEvent } from "../contract";

export type LaneKind = "callbacks" | "task";

export interface Lane {
  index: number;
  kind: LaneKind;
  id: number; // the task id; 0 for the callbacks lane
  name: string;
  created?: number; // ordinal of task.create
  createdT?: number;
  done?: number; // ordinal of task.done
  doneT?: number;
}

export interface Span {
  kind: "step" | "callback";
  lane: number;
  id: number;
  name: string;
  /** seq of the first and last event of the span; ordinals are indexes into events. */
  seq0: number;
  seq1: number;
  o0: number;
  o1: number;
  t0: number;
  t1: number;
  /** what woke a task step (the future's name), or how a callback was scheduled */
  cause: string;
  /** what the step now waits on / how it ended */
  outcome: string;
  line: number; // the program line to highlight for this span, 0 if unknown
  output: string[];
}

export type MarkKind =
  | "timer"
  | "result"
  | "exception"
  | "cancelled"
  | "cancel-request"
  | "timer-cancelled"
  | "panic"
  | "diag"
  | "block" // a blocking call on the loop (step.block): the loop could do nothing else
  | "slow" // a step that took long in real time (diag "slow")
  | "sync"
  | "output";

export interface Mark {
  kind: MarkKind;
  lane: number;
  o: number; // ordinal position (step axis)
  t: number; // loop time (time axis)
  seq: number;
  label: string;
  line: number;
}

export interface Arrow {
  kind: "wake" | "cancel";
  fromLane: number;
  toLane: number;
  o0: number;
  t0: number;
  o1: number;
  t1: number;
  label: string;
}

export interface TimelineModel {
  events: TraceEvent[];
  lanes: Lane[];
  spans: Span[]; // in begin order: the playback steps
  marks: Mark[];
  arrows: Arrow[];
  /** ordinals of iteration starts, for grid lines */
  iterations: { o: number; t: number }[];
  tMax: number;
  oMax: number;
}

const CALLBACKS = 0;

/** Builds the model. Events must be in seq order (the runner sends them so). */
export function buildModel(input: readonly TraceEvent[]): TimelineModel {
  const events = [...input].sort((a, b) => a.seq - b.seq);
  const lanes: Lane[] = [{ index: CALLBACKS, kind: "callbacks", id: 0, name: "callbacks" }];
  const laneOfTask = new Map<number, number>();
  const spans: Span[] = [];
  const marks: Mark[] = [];
  const arrows: Arrow[] = [];
  const iterations: { o: number; t: number }[] = [];
  const open = new Map<number, Span>(); // id of running task / callback → its open span
  const schedules = new Map<number, TraceEvent>(); // handle id → cb.schedule
  const timerMarks = new Map<number, Mark>(); // timer handle id → its mark
  const resolved = new Map<number, { lane: number; o: number; t: number }>(); // future/task id → where it was settled
  const names = new Map<number, string>(); // future / task id → its name
  let tMax = 0;

  const taskLane = (id: number, name?: string): number => {
    let i = laneOfTask.get(id);
    if (i === undefined) {
      i = lanes.length;
      lanes.push({ index: i, kind: "task", id, name: name || `task ${id}` });
      laneOfTask.set(id, i);
    }
    return i;
  };
  // The lane of whoever was running: a task's own lane, else the callbacks lane.
  const laneOfRunner = (id: number | undefined): number =>
    id && laneOfTask.has(id) ? laneOfTask.get(id)! : CALLBACKS;

  events.forEach((ev, o) => {
    const t = ev.t || 0;
    if (t > tMax) tMax = t;
    if (ev.due && ev.due > tMax) tMax = ev.due;
    const id = ev.id ?? 0;
    const line = lineOfPos(ev.pos);
    if ((ev.kind === "fut.create" || ev.kind === "task.create") && ev.name) names.set(id, ev.name);
    switch (ev.kind) {
      case "iter.begin":
        iterations.push({ o, t });
        break;
      case "task.create": {
        const lane = lanes[taskLane(id, ev.name)];
        lane.created = o;
        lane.createdT = t;
        break;
      }
      case "task.step": {
        const lane = taskLane(id, ev.name);
        const woke = ev.ref ? resolved.get(ev.ref) : undefined;
        const span: Span = {
          kind: "step", lane, id, name: ev.name || lanes[lane].name,
          seq0: ev.seq, seq1: ev.seq, o0: o, o1: o, t0: t, t1: t,
          cause: ev.ref ? `woken by ${names.get(ev.ref) ?? "#" + ev.ref}` : "first step",
          outcome: "", line: 0, output: [],
        };
        spans.push(span);
        open.set(id, span);
        if (ev.ref && woke) {
          arrows.push({ kind: "wake", fromLane: woke.lane, toLane: lane, o0: woke.o, t0: woke.t, o1: o, t1: t, label: `${names.get(ev.ref) ?? "#" + ev.ref} done → ${span.name} resumes` });
        }
        break;
      }
      case "task.suspend":
      case "task.done": {
        const span = open.get(id);
        const lane = taskLane(id, ev.name);
        if (span) {
          closeSpan(span, ev, o, t);
          span.outcome =
            ev.kind === "task.done"
              ? `done: ${ev.detail || "result"}${ev.value ? " " + ev.value : ""}`
              : ev.detail === "yield"
                ? "yields (Sleep(0))"
                : `awaits ${ev.value || "#" + (ev.ref ?? "?")}`;
          if (line) span.line = line;
          open.delete(id);
        }
        if (ev.kind === "task.done") {
          lanes[lane].done = o;
          lanes[lane].doneT = t;
          resolved.set(id, { lane, o, t });
          const kind: MarkKind = ev.detail === "exception" ? "exception" : ev.detail === "cancelled" ? "cancelled" : "result";
          marks.push({ kind, lane, o, t, seq: ev.seq, label: `${lanes[lane].name} ${ev.detail || "done"}${ev.value ? ": " + ev.value : ""}`, line });
        }
        break;
      }
      case "cb.schedule": {
        schedules.set(id, ev);
        if (ev.detail === "later" || ev.detail === "at" || ev.detail === "timer") {
          const due = ev.due ?? t;
          const mark: Mark = {
            kind: "timer", lane: laneOfRunner(ev.in), o, t: due, seq: ev.seq,
            label: `${ev.name || "timer #" + id} due at ${formatNs(due)}`, line,
          };
          marks.push(mark);
          timerMarks.set(id, mark);
        }
        break;
      }
      case "timer.due": {
        // On the step axis the timer mark sits where the timer fired.
        const m = timerMarks.get(id);
        if (m) m.o = o;
        break;
      }
      case "cb.begin": {
        const sched = schedules.get(id);
        const name = sched?.name || `callback #${id}`;
        const span: Span = {
          kind: "callback", lane: CALLBACKS, id, name,
          seq0: ev.seq, seq1: ev.seq, o0: o, o1: o, t0: t, t1: t,
          cause: `scheduled ${ev.detail || sched?.detail || ""}`.trim(),
          outcome: "", line: 0, output: [],
        };
        spans.push(span);
        open.set(id, span);
        break;
      }
      case "cb.end": {
        const span = open.get(id);
        if (span) {
          closeSpan(span, ev, o, t);
          span.outcome = span.outcome || "returned";
          if (!span.line) span.line = lineOfPos(schedules.get(id)?.pos);
          open.delete(id);
        }
        break;
      }
      case "cb.panic": {
        const span = open.get(id);
        if (span) span.outcome = `panicked: ${ev.value ?? ""}`;
        marks.push({ kind: "panic", lane: CALLBACKS, o, t, seq: ev.seq, label: `panic: ${ev.value ?? ""}`, line: span?.line || line });
        break;
      }
      case "cb.cancel": {
        const sched = schedules.get(id);
        marks.push({ kind: "timer-cancelled", lane: laneOfRunner(ev.in), o, t, seq: ev.seq, label: `${sched?.name || "callback #" + id} cancelled`, line });
        break;
      }
      case "fut.done": {
        const lane = laneOfRunner(ev.in);
        resolved.set(id, { lane, o, t });
        const kind: MarkKind = ev.detail === "exception" ? "exception" : ev.detail === "cancelled" ? "cancelled" : "result";
        marks.push({ kind, lane, o, t, seq: ev.seq, label: `${ev.name || "future #" + id}: ${ev.detail || "done"}${ev.value ? " " + ev.value : ""}`, line });
        break;
      }
      case "task.cancel": {
        const from = laneOfRunner(ev.in);
        const to = taskLane(id, ev.name);
        marks.push({ kind: "cancel-request", lane: to, o, t, seq: ev.seq, label: `cancel ${ev.name || "#" + id}${ev.value ? ": " + ev.value : ""}`, line });
        arrows.push({ kind: "cancel", fromLane: from, toLane: to, o0: o, t0: t, o1: o, t1: t, label: `${from === CALLBACKS ? "a callback" : lanes[from].name} cancels ${lanes[to].name}` });
        break;
      }
      case "output": {
        const span = ev.in ? open.get(ev.in) : undefined;
        if (span) {
          span.output.push(ev.value ?? "");
          if (line) span.line = span.line || line;
        }
        marks.push({ kind: "output", lane: span ? span.lane : laneOfRunner(ev.in), o, t, seq: ev.seq, label: ev.value ?? "", line });
        break;
      }
      case "diag":
        if (ev.detail === "slow") {
          marks.push({ kind: "slow", lane: laneOfRunner(ev.id || ev.in), o, t, seq: ev.seq, label: ev.value ?? "slow step", line });
          break;
        }
        marks.push({ kind: "diag", lane: laneOfRunner(ev.in), o, t, seq: ev.seq, label: `${ev.detail || "diagnostic"}: ${ev.value ?? ""}`, line });
        break;
      case "step.block":
        marks.push({ kind: "block", lane: laneOfRunner(ev.in), o, t, seq: ev.seq, label: `${ev.value ?? "blocked the loop"}${ev.pos ? " at " + ev.pos : ""}`, line });
        break;
      case "sync.wait":
      case "sync.acquire":
      case "sync.release":
      case "queue.put":
      case "queue.get":
      case "timeout.expire":
      case "group.abort":
        marks.push({ kind: "sync", lane: laneOfRunner(ev.in), o, t, seq: ev.seq, label: `${ev.kind} ${ev.name || ""}${ev.value ? " " + ev.value : ""}`.trim(), line });
        break;
    }
  });

  // Spans still open (a run cut short) end at the last event.
  const last = events.length - 1;
  for (const span of open.values()) {
    const ev = events[last];
    closeSpan(span, ev, last, ev.t || 0);
    span.outcome = "still running when the run ended";
  }
  return { events, lanes, spans, marks, arrows, iterations, tMax, oMax: Math.max(0, last) };
}

function closeSpan(span: Span, ev: TraceEvent, o: number, t: number) {
  span.seq1 = ev.seq;
  span.o1 = o;
  span.t1 = t;
}

/** Loop time for people: 0, 1.5ms, 2s. */
export function formatNs(ns: number): string {
  if (ns === 0) return "0";
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trim(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trim(ns / 1e6)}ms`;
  return `${trim(ns / 1e9)}s`;
}

function trim(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/** The output printed up to and including a step (playback). */
export function outputUpTo(model: TimelineModel, seq: number): string[] {
  const lines: string[] = [];
  for (const ev of model.events) {
    if (ev.seq > seq) break;
    if (ev.kind === "output") lines.push(ev.value ?? "");
  }
  return lines;
}
