// The shapes the runner (wasm/runner) hands the page, as its JSON marshals
// them. Kept in one file so a contract change is one edit here.
import type { Lang } from "./language";

/**
 * One event of the loop's trace, exactly as core/trace.go marshals it (its
 * Kind constants list every kind). Round 2 made the ready queue complete in
 * the trace, so the page can rebuild the loop's state at any step
 * (timeline/loop-state.ts):
 * - "task.wake": a task's next step joins the ready queue because what it
 *   awaited is done (id: the task, ref: that future, in: who completed it);
 * - "internal.schedule" / "internal.begin" / "internal.end": one of core's
 *   own done-callbacks joins the ready queue / runs (name: what it serves,
 *   "gather", "wait", "wait_for", "shield", "task group", ...; ref: the
 *   future that is done);
 * - every event that puts something on the ready queue, the timer queue or
 *   a primitive's line comes after the change, so the state "after event n"
 *   is well defined;
 * - "sync.release" with value "clear" on an event: Clear.
 * For the warnings panel (timeline/warnings.ts): diag "never-awaited" (id:
 * the task), diag "await-cycle" (id, pos: a task awaiting itself), diag
 * "pending"/"unretrieved" carry the id of what they are about, and a
 * "task.wake" with detail "cancel" wakes a task whose cancellation came back
 * round an await cycle (core/awaitcycle.go).
 */
export interface TraceEvent {
  seq: number;
  t: number; // loop time, ns
  wall?: number; // real time since loop creation, ns
  kind: string;
  id?: number;
  name?: string;
  in?: number;
  ref?: number;
  detail?: string;
  value?: string;
  due?: number;
  pos?: string; // "file.go:line"
  /** How long, ns: a step.block's loop time, a slow step's real time (diag "slow"). */
  dur?: number;
}

export interface OutputLine {
  text: string;
  in?: number;
  seq?: number;
}

export interface Diagnostic {
  line: number;
  col: number;
  message: string;
}

export type Outcome =
  | "ok"
  | "compile-error"
  | "panic"
  | "error"
  | "deadlock"
  | "failed" // it ran to its end, but a task's error ended it (returned by Run, or never retrieved)
  | "limit"
  | "crash";

export interface RunResult {
  outcome: Outcome;
  message: string;
  output: OutputLine[];
  diagnostics: Diagnostic[];
  events: TraceEvent[];
  limit?: "wall" | "virtual" | "events" | "output";
  /** Set by the page (runner-client.ts), never the runner: the run was stopped, or its runner could not load or died. */
  byPage?: boolean;
}

/** A message streamed while a program runs (real-time mode). */
export type StreamMessage =
  | ({ type: "output" } & OutputLine)
  | { type: "event"; event: TraceEvent }
  // Where a long step is (sent while it runs, at most every few ms): the
  // task or callback `in` is executing `pos`. What Stop names.
  | { type: "running"; in: number; pos: string; seq: number };

export type Clock = "virtual" | "real";

export interface RunRequest {
  source: string;
  clock: Clock;
  /** Report steps taking longer than this many ms of real time (diag "slow"). */
  slowMs?: number;
  limits?: Record<string, number>;
}

/** What wasm's format returns, parsed. */
export type FormatResult =
  | { source: string }
  | { error: string; line?: number; col?: number };

/** The timeline's horizontal axis: event order, or the loop's clock. */
export type Axis = "step" | "time";

/** A program's language (the runner that runs it): language.ts. */
export type { Lang };

/**
 * An entry of dist/examples.json, in the guide's order. The build reads it
 * from web/examples/NAME/README.md: front matter (summary, guide, clock,
 * axis, timeline, lang; see build/frontmatter.go), a # title, the
 * explanation.
 */
export interface Example {
  name: string;
  title: string;
  /** The explanation as written (Markdown). */
  description: string;
  /**
   * The explanation rendered by the build (goldmark) from the site's own
   * README: trusted like a docs page, never user text.
   */
  html: string;
  /** One plain line for the picker. */
  summary: string;
  lang: Lang;
  /** What the example opens with: its clock, its timeline axis, and whether embeds show the timeline. */
  clock: Clock;
  axis: Axis;
  timeline: "shown" | "hidden";
  /** The part of the guide whose lesson it shows. */
  guide?: { chapter: number; page: string; section?: string; url: string };
  source: string;
  /** The same program in the other language (its twin), by name. */
  twin?: string;
}

/**
 * The line number of a "file.go:line" (or "file:line:col") position, or 0.
 * What /:(\d+)(?::\d+)?$/ would capture, read without a regexp: the timeline
 * model asks for every event's line, and a first run matched 10k of them
 * before its JIT warmed up.
 */
export function lineOfPos(pos: string | undefined): number {
  if (!pos) return 0;
  const i = pos.lastIndexOf(":");
  if (i < 0 || !allDigits(pos, i + 1, pos.length)) return 0;
  const j = i > 0 ? pos.lastIndexOf(":", i - 1) : -1;
  return j >= 0 && allDigits(pos, j + 1, i) ? digitsValue(pos, j + 1, i) : digitsValue(pos, i + 1, pos.length);
}

/** The number s[from, to) spells, all digits: read in place, as slicing it out allocated a string per event. */
function digitsValue(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) n = n * 10 + (s.charCodeAt(k) - 48);
  return n;
}

/** Whether "file.py:line" (/\.py:\d+$/): a Python program's position. */
export function isPythonPos(pos: string): boolean {
  const i = pos.lastIndexOf(":");
  return i >= 3 && pos.startsWith(".py", i - 3) && allDigits(pos, i + 1, pos.length);
}

/** Whether s[from, to) is one or more ASCII digits. */
function allDigits(s: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Makes whatever the worker returned into a RunResult the page can rely on:
 * missing arrays become empty, an unknown outcome becomes "error".
 */
export function normalizeResult(raw: unknown): RunResult {
  const r = (raw && typeof raw === "object" ? raw : {}) as Partial<RunResult>;
  const outcomes: Outcome[] = ["ok", "compile-error", "panic", "error", "deadlock", "failed", "limit", "crash"];
  const outcome = outcomes.includes(r.outcome as Outcome) ? (r.outcome as Outcome) : "error";
  return {
    outcome,
    message: typeof r.message === "string" ? r.message : "",
    output: Array.isArray(r.output) ? r.output : [],
    diagnostics: Array.isArray(r.diagnostics) ? r.diagnostics : [],
    events: Array.isArray(r.events) ? r.events : [],
    limit: r.limit,
  };
}
