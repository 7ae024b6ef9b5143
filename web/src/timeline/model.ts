// The timeline model: turns a run's trace events into lanes, spans (task
// steps and callbacks), marks and arrows. Pure data, no drawing, so it can be
// tested in node and reused by the canvas, the SVG export and playback.
import { lineOfPos, type TraceEvent } from "../contract";
import { buildCatalog, type Catalog } from "./loop-state";
import { waitKind, type WaitKind } from "./waits";
import { stuckWords, waitForChain } from "./wait-for";
import { findWarnings, type Warning } from "./warnings";
import { taskRuns } from "./state-words";

export type LaneKind = "callbacks" | "task";

export interface Lane {
  index: number;
  kind: LaneKind;
  id: number; // the task id; 0 for the callbacks lane
  name: string;
  /** what the task runs, beside a name asyncio gave ("Task-2" runs "download()"): state-words taskRuns */
  runs?: string;
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

/**
 * Every kind of mark the model can produce. The legend, the shapes and the
 * tooltips are tables keyed by this list (marks.ts), so a new kind cannot be
 * drawn without a legend entry.
 */
export const MARK_KINDS = [
  "timer",
  "result",
  "exception",
  "cancelled",
  "cancel-request",
  "timer-cancelled",
  "panic",
  "diag",
  "block", // a blocking call on the loop (step.block): the loop could do nothing else
  "slow", // a step that took long in real time (diag "slow")
  "sync",
  "output",
  "timeout", // a timeout expired (timeout.expire): it cancels what it guarded
  "abort", // a TaskGroup aborts (group.abort), drawn on the task whose failure caused it
  "stuck", // after a deadlock: a task that waits on something nothing will complete
  "shutdown", // the loop stopped with tasks pending: they are cancelled (Run's end), one mark for all
  "shutdown-cancel", // a task cancelled by that shutdown, ended
  "warning", // a warning of the warnings panel (warnings.ts) that has no mark of its own kind
] as const;

export type MarkKind = (typeof MARK_KINDS)[number];

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
  /** wake: await → wake-up; cancel: who cancels whom; wait-for: after a deadlock, who waits on whom */
  kind: "wake" | "cancel" | "wait-for";
  fromLane: number;
  toLane: number;
  o0: number;
  t0: number;
  o1: number;
  t1: number;
  label: string;
}

/** A task waiting between two of its steps, on what. */
export interface Wait {
  kind: WaitKind;
  lane: number;
  /** the future awaited */
  ref: number;
  /** its name as the suspend event gave it ("sleep 100ms", `lock "account"`) */
  what: string;
  o0: number;
  o1: number;
  t0: number;
  t1: number;
  line: number; // the await's line
}

/** A warning placed on the timeline: its lane, the playback step to show, and its mark. */
export interface PlacedWarning extends Warning {
  lane: number;
  /** index into spans (-1: none) */
  step: number;
  mark?: Mark;
}

export interface TimelineModel {
  events: TraceEvent[];
  lanes: Lane[];
  spans: Span[]; // in begin order: the playback steps
  marks: Mark[];
  arrows: Arrow[];
  waits: Wait[];
  /** each step's first event (spans[k].o0): where the step axis puts step k+1 */
  stepStarts: number[];
  /** names, kinds and creation of every future, task and primitive (loop-state.ts) */
  catalog: Catalog;
  /** ordinals of iteration starts, for grid lines */
  iterations: { o: number; t: number }[];
  tMax: number;
  oMax: number;
  warnings: PlacedWarning[];
}

const CALLBACKS = 0;

/** Diagnostics the warnings panel tells with a warning mark: not drawn as plain diag marks too. */
const WARNED_DIAGS = new Set(["ignored-cancel", "never-awaited", "unretrieved", "await-cycle"]);

/** Builds the model. Events must be in seq order (the runner sends them so). */
export function buildModel(input: readonly TraceEvent[]): TimelineModel {
  const events = input.slice();
  // The runner sends them in order: sorting is for a trace from elsewhere.
  if (!inSeqOrder(events)) events.sort((a, b) => a.seq - b.seq);
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
  const catalog = buildCatalog(events);
  const waits: Wait[] = [];
  const waiting = new Map<number, Wait>(); // task id → the wait it is in
  let running = false; // between loop.run and loop.exit
  // A TaskGroup abort under way: the cancellations it makes come from the failing task's lane.
  let abortLane: number | undefined;
  // The loop stopped with tasks pending (Run's end, or after a deadlock): their cancellation, as one mark.
  let shutdown: { mark: Mark; names: string[] } | undefined;
  const cancelledAtShutdown = new Set<number>();
  let tMax = 0;
  // Timers still set, by handle id → due: the axis reaches the last of them
  // that never fired nor was cancelled (a cancelled timeout's due time is not
  // part of the run, and stretched the gather example's axis threefold).
  const pendingDue = new Map<number, number>();

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

  const endWait = (id: number, o: number, t: number) => {
    const w = waiting.get(id);
    if (!w) return;
    w.o1 = o;
    w.t1 = t;
    waiting.delete(id);
  };

  events.forEach((ev, o) => {
    const t = ev.t || 0;
    if (t > tMax) tMax = t;
    const id = ev.id ?? 0;
    if (ev.kind === "cb.schedule" && ev.due) pendingDue.set(id, ev.due);
    else if (ev.kind === "timer.due" || ev.kind === "cb.cancel") pendingDue.delete(id);
    const line = lineOfPos(ev.pos);
    if ((ev.kind === "fut.create" || ev.kind === "task.create") && ev.name) names.set(id, ev.name);
    switch (ev.kind) {
      case "iter.begin":
        iterations.push({ o, t });
        break;
      case "loop.run":
        running = true;
        break;
      case "loop.exit":
        running = false;
        abortLane = undefined;
        break;
      case "internal.end":
      case "iter.end":
        abortLane = undefined;
        break;
      case "task.create": {
        const lane = lanes[taskLane(id, ev.name)];
        const runs = taskRuns(catalog, id);
        if (runs) lane.runs = runs;
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
        endWait(id, o, t);
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
              ? ev.detail === "exception" || ev.detail === "cancelled"
                ? outcomeWords(ev.detail, ev.value)
                : `done: result${ev.value ? " " + ev.value : ""}`
              : ev.detail === "yield"
                ? "yields (Sleep(0))"
                : `awaits ${ev.value || "#" + (ev.ref ?? "?")}`;
          if (line) span.line = line;
          open.delete(id);
        }
        if (ev.kind === "task.suspend" && ev.detail !== "yield" && ev.ref) {
          abortLane = undefined;
          const w: Wait = { kind: waitKind(catalog, ev.ref), lane, ref: ev.ref, what: ev.value || names.get(ev.ref) || `#${ev.ref}`, o0: o, o1: o, t0: t, t1: t, line };
          waits.push(w);
          waiting.set(id, w);
        }
        if (ev.kind === "task.done") {
          endWait(id, o, t);
          lanes[lane].done = o;
          lanes[lane].doneT = t;
          resolved.set(id, { lane, o, t });
          const name = lanes[lane].name;
          if (ev.detail === "cancelled" && cancelledAtShutdown.has(id)) {
            marks.push({ kind: "shutdown-cancel", lane, o, t, seq: ev.seq, label: `${name} cancelled: the loop had stopped while it was still pending`, line });
          } else {
            const kind: MarkKind = ev.detail === "exception" ? "exception" : ev.detail === "cancelled" ? "cancelled" : "result";
            marks.push({ kind, lane, o, t, seq: ev.seq, label: `${name} ${outcomeWords(ev.detail, ev.value)}`, line });
          }
        }
        break;
      }
      case "cb.schedule": {
        schedules.set(id, ev);
        if (ev.detail === "later" || ev.detail === "at" || ev.detail === "timer") {
          const due = ev.due ?? t;
          const mark: Mark = {
            kind: "timer", lane: laneOfRunner(ev.in), o, t: due, seq: ev.seq,
            // An unnamed timer says how it was set: "Timer" is the tooltip's title already.
            label: `${ev.name || `callback #${id} (${ev.detail === "at" ? "CallAt" : "CallLater"})`} due at ${formatNs(due)}`, line,
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
        abortLane = undefined;
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
        // What the shutdown's cancellations cancel is part of its one mark.
        if (shutdown && !running && !ev.in && ev.detail === "cancelled") break;
        const kind: MarkKind = ev.detail === "exception" ? "exception" : ev.detail === "cancelled" ? "cancelled" : "result";
        marks.push({ kind, lane, o, t, seq: ev.seq, label: `${ev.name || "future #" + id} ${outcomeWords(ev.detail, ev.value)}`, line });
        break;
      }
      case "task.cancel": {
        const to = taskLane(id, ev.name);
        if (!running && !ev.in) {
          // Cancelled while the loop is stopped: Run's end (asyncio.run's too)
          // cancels every task still pending. One quiet mark says so for all.
          if (!shutdown) {
            shutdown = { mark: { kind: "shutdown", lane: CALLBACKS, o, t, seq: ev.seq, label: "", line }, names: [] };
            marks.push(shutdown.mark);
          }
          // Cancelling a task that awaits another cancels that one too: name each once.
          if (!cancelledAtShutdown.has(id)) shutdown.names.push(lanes[to].name);
          cancelledAtShutdown.add(id);
          break;
        }
        const from = abortLane ?? laneOfRunner(ev.in);
        marks.push({ kind: "cancel-request", lane: to, o, t, seq: ev.seq, label: `cancel ${ev.name || "#" + id}${ev.value ? ": " + ev.value : ""}`, line });
        const who = abortLane !== undefined ? `${lanes[from].name} failed: its TaskGroup` : from === CALLBACKS ? "a callback" : lanes[from].name;
        arrows.push({ kind: "cancel", fromLane: from, toLane: to, o0: o, t0: t, o1: o, t1: t, label: `${who} cancels ${lanes[to].name}` });
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
        if (WARNED_DIAGS.has(ev.detail ?? "")) break;
        marks.push({ kind: "diag", lane: laneOfRunner(ev.in), o, t, seq: ev.seq, label: `${ev.detail || "diagnostic"}: ${ev.value ?? ""}`, line });
        if (ev.detail === "stuck") {
          // The wait-for chain: each stuck task, and the task that could wake it.
          const name = (tid: number) => lanes[taskLane(tid)].name;
          for (const w of waitForChain(events, catalog, o)) {
            const lane = taskLane(w.task);
            const words = stuckWords(w, name);
            marks.push({ kind: "stuck", lane, o, t, seq: ev.seq, label: words, line: lineOfPos(w.pos) });
            if (w.toTask !== undefined) arrows.push({ kind: "wait-for", fromLane: lane, toLane: taskLane(w.toTask), o0: o, t0: t, o1: o, t1: t, label: words });
          }
        }
        break;
      case "step.block":
        marks.push({ kind: "block", lane: laneOfRunner(ev.in), o, t, seq: ev.seq, label: `${ev.value ?? "blocked the loop"}${ev.pos ? " at " + ev.pos : ""}`, line });
        break;
      case "timeout.expire":
        marks.push({ kind: "timeout", lane: laneOfRunner(ev.in), o, t, seq: ev.seq, label: ev.value || `${ev.name ?? ""} timed out`, line });
        break;
      case "group.abort": {
        // Drawn on the task whose failure aborts the group; the cancellations that follow start there.
        const lane = ev.ref && laneOfTask.has(ev.ref) ? laneOfTask.get(ev.ref)! : laneOfRunner(ev.in);
        abortLane = lane;
        marks.push({ kind: "abort", lane, o, t, seq: ev.seq, label: `${ev.name || "TaskGroup"} aborts: ${ev.value ?? ""}`, line });
        break;
      }
      case "sync.wait":
      case "sync.acquire":
      case "sync.release":
      case "queue.put":
      case "queue.get":
        marks.push({ kind: "sync", lane: laneOfRunner(ev.in), o, t, seq: ev.seq, label: syncWords(ev), line });
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
  for (const w of waiting.values()) {
    w.o1 = Math.max(w.o0, last);
    w.t1 = Math.max(w.t0, events[last]?.t || 0);
  }
  if (shutdown) {
    shutdown.names.sort((a, b) => lanes.findIndex((l) => l.name === a) - lanes.findIndex((l) => l.name === b)); // creation order
    const n = shutdown.names.length;
    shutdown.mark.label = `The loop stopped with ${n === 1 ? "1 task" : `${n} tasks`} still pending (${shutdown.names.join(", ")}): ${n === 1 ? "it is" : "they are"} cancelled, and the loop runs once more for their cleanup.`;
  }
  for (const due of pendingDue.values()) if (due > tMax) tMax = due;
  const warnings = placeWarnings(findWarnings(events, catalog), events, spans, marks, (id) => laneOfTask.get(id) ?? CALLBACKS);
  return { events, lanes, spans, marks, arrows, waits, stepStarts: spans.map((x) => x.o0), catalog, iterations, tMax, oMax: Math.max(0, last), warnings };
}

function inSeqOrder(events: readonly TraceEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i - 1].seq > events[i].seq) return false;
  return true;
}

/**
 * Gives each warning its lane, step and mark: a new warning mark, or the
 * mark already drawn for it (a blocking or slow step's, a stuck task's).
 */
function placeWarnings(ws: Warning[], events: TraceEvent[], spans: Span[], marks: Mark[], laneOf: (task: number) => number): PlacedWarning[] {
  const bySeq = new Map<number, Mark>();
  const stuckOn = new Map<number, Mark>();
  for (const m of marks) {
    if (m.kind === "block" || m.kind === "slow") bySeq.set(m.seq, m);
    if (m.kind === "stuck" && !stuckOn.has(m.lane)) stuckOn.set(m.lane, m);
  }
  return ws.map((w) => {
    const lane = w.task ? laneOf(w.task) : CALLBACKS;
    // The step: the last one begun at or before the warning's event.
    let lo = 0;
    let hi = spans.length - 1;
    let step = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].o0 <= w.o) {
        step = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const seq = events[w.o]?.seq ?? 0;
    let mark = w.kind === "stuck" ? stuckOn.get(lane) : w.ownMark ? undefined : bySeq.get(seq);
    if (!mark) {
      mark = { kind: "warning", lane, o: w.o, t: w.t, seq, label: `${w.title}: ${w.text}`, line: w.line };
      marks.push(mark);
    }
    return { ...w, lane, step, mark };
  });
}

/** A lock, semaphore, event or queue operation in words: `puts job 1 into queue "jobs"`. */
function syncWords(ev: TraceEvent): string {
  const name = ev.name || `#${ev.id ?? "?"}`;
  const v = ev.value ?? "";
  switch (ev.kind) {
    case "sync.wait":
      return `waits for ${name}${v ? ` (${v})` : ""}`;
    case "sync.acquire":
      return `${name} acquired${v ? ` (${v})` : ""}`;
    case "sync.release":
      if (ev.detail === "event" && (v === "set" || v === "clear")) return `${name} ${v === "set" ? "set" : "cleared"}`;
      if (v.startsWith("TaskDone")) return `${name}: an item is marked done${/(\d+) unfinished/.test(v) ? ` (${/(\d+) unfinished/.exec(v)![1]} still unfinished)` : ""}`;
      return `${name} released${v ? ` (${v})` : ""}`;
    case "queue.put":
      return `puts ${v || "an item"} into ${name}`;
    default:
      return `gets ${v || "an item"} from ${name}`;
  }
}

/** How a task or future ended, in words that never say "cancelled" twice. */
export function outcomeWords(detail: string | undefined, value: string | undefined): string {
  switch (detail) {
    case "exception":
      return `failed${value ? `: ${value}` : ""}`;
    case "cancelled": {
      // The error's text starts with "cancelled" itself: "cancelled: enough".
      const why = (value ?? "").replace(/^cancelled\b:?\s*/i, "");
      return `cancelled${why ? `: ${why}` : ""}`;
    }
    default:
      return `done${value ? `: ${value}` : ""}`;
  }
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
