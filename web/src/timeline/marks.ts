// How each kind of timeline mark looks and what it is called: its glyph,
// its colour, the title its tooltip starts with and its words in the
// legend. One table keyed by MARK_KINDS, so the canvas, the SVG export, the
// tooltips and the legend cannot disagree, and a new kind does not compile
// until it has all four.
import type { MarkKind } from "./model";
import type { Palette } from "./geometry";

export type Shape =
  | "diamond" | "diamond-x" | "circle" | "cross" | "triangle" | "square" | "bang" | "tick" | "dot" | "ring"
  | "hourglass" | "star" | "octagon" | "bar" | "warn";

export interface MarkStyle {
  shape: Shape;
  color: keyof Palette;
  /** the first line of the mark's tooltip */
  title: string;
  /** what the legend calls it */
  legend: string;
}

export const MARK_STYLE: Record<MarkKind, MarkStyle> = {
  timer: { shape: "diamond", color: "timer", title: "Timer", legend: "timer due" },
  "timer-cancelled": { shape: "diamond-x", color: "timer", title: "Timer cancelled", legend: "timer cancelled" },
  result: { shape: "circle", color: "result", title: "Result", legend: "result" },
  exception: { shape: "square", color: "exception", title: "Error", legend: "error" },
  panic: { shape: "bang", color: "exception", title: "Panic", legend: "panic" },
  cancelled: { shape: "cross", color: "cancel", title: "Cancelled", legend: "cancelled" },
  "cancel-request": { shape: "triangle", color: "cancel", title: "Cancel requested", legend: "cancel asked" },
  diag: { shape: "ring", color: "timer", title: "Diagnostic", legend: "diagnostic" },
  block: { shape: "square", color: "timer", title: "Blocked the loop", legend: "blocked the loop" },
  slow: { shape: "ring", color: "exception", title: "Slow step", legend: "slow step" },
  sync: { shape: "dot", color: "sync", title: "Lock / queue operation", legend: "lock / queue" },
  output: { shape: "tick", color: "output", title: "Output", legend: "output" },
  timeout: { shape: "hourglass", color: "timer", title: "Timeout expired", legend: "timeout expired" },
  abort: { shape: "star", color: "exception", title: "TaskGroup abort", legend: "task group aborts" },
  stuck: { shape: "octagon", color: "exception", title: "Stuck", legend: "stuck for good" },
  shutdown: { shape: "bar", color: "muted", title: "Shutdown", legend: "loop stopped: the rest is cancelled" },
  "shutdown-cancel": { shape: "cross", color: "muted", title: "Cancelled at the end", legend: "cancelled at the end" },
  warning: { shape: "warn", color: "timer", title: "Warning", legend: "warning (listed above the lanes)" },
};
