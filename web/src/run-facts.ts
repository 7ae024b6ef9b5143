// What a run's trace says a learner should see at a line of the program:
// the warnings panel's warnings (in the editor's gutter), and what was
// running when a run was cut short.
import { type Diagnostic, type StreamMessage, type TraceEvent } from "./contract";
import { findWarnings, type Warning } from "./timeline/warnings";

/** The slow-step threshold the playground asks the runner for, in ms. */
export const SLOW_MS = 50;

/**
 * The warnings panel's warnings (timeline/warnings.ts), in the editor's
 * gutter at their lines; found: those the timeline's model found already.
 */
export function traceWarnings(events: readonly TraceEvent[], found: readonly Warning[] = findWarnings(events)): Diagnostic[] {
  return found
    .filter((w) => w.line > 0)
    .map((w) => ({ line: w.line, col: 0, message: `${w.title}: ${w.text} Instead: ${w.advice}` }));
}

/**
 * What was running when a run was cut short, as the stream last said:
 * `task "spin" was still running at main.go:14`, or "".
 */
export function stillRunning(events: TraceEvent[], running: Extract<StreamMessage, { type: "running" }> | undefined): string {
  let current = 0; // the task or callback whose step began last and has not ended
  let began = 0;
  for (const ev of events) {
    if (ev.kind === "task.step" || ev.kind === "cb.begin") {
      current = ev.id ?? 0;
      began = ev.seq;
    } else if (ev.kind === "task.suspend" || ev.kind === "cb.end" || (ev.kind === "task.done" && ev.id === current)) {
      current = 0;
      began = ev.seq;
    }
  }
  const fresh = running && running.seq >= began && running.in === current;
  const who = current ? nameOf(events, current) : "main";
  if (fresh && running.pos) return `${who} was still running at ${running.pos}`;
  return current ? `${who} was still running` : "";
}

function nameOf(events: TraceEvent[], id: number): string {
  for (const ev of events) {
    if (ev.id !== id) continue;
    if (ev.kind === "task.create") return `task "${ev.name ?? ""}"`;
    if (ev.kind === "cb.schedule") return ev.pos ? `the callback scheduled at ${ev.pos}` : "a callback";
  }
  return "a callback";
}
