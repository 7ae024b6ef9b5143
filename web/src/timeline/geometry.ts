// Where timeline items go: lane rows, the two axes (loop time or step
// order), ticks. Shared by the canvas, the SVG export and hit testing.
import type { Axis } from "../contract";
import { formatNs, type Arrow, type Mark, type Span, type TimelineModel } from "./model";
import { MARK_STYLE } from "./marks";

export type { Axis };

export const LANE_H = 30;
export const AXIS_H = 24;
export const LABEL_W = 128;
export const SPAN_H = 16;
/** Spans never draw narrower than this, so zero-length steps stay visible. */
export const MIN_SPAN_PX = 4;

/** A horizontal mapping: unit (ordinal or ns) → px inside the plot area. */
export interface View {
  axis: Axis;
  scale: number; // px per unit
  offset: number; // unit at the plot's left edge
  width: number; // css px of the whole canvas
  height: number; // css px of the canvas: the part of the lanes in view
  /** css px of the lanes scrolled above the canvas's top edge (the axis row stays put) */
  top?: number;
}

/** How far a mark's glyph or a highlight reaches out of its lane's row, px (a "bar" glyph is 18 px tall, centred; a highlight ring 8 px). */
export const MARK_REACH = 12;

/**
 * The lanes [start, end) that reach into the canvas: the canvas shows the
 * lanes' rows from view.top down, under the axis row. Only these are drawn,
 * so a run of a thousand tasks costs what its twenty visible lanes do.
 */
export function lanesInView(view: View, lanes: number): [number, number] {
  const top = view.top ?? 0;
  const start = Math.max(0, Math.floor((top - MARK_REACH) / LANE_H));
  const end = Math.min(lanes, Math.max(0, Math.ceil((top + view.height - AXIS_H + MARK_REACH) / LANE_H)));
  return [Math.min(start, end), end];
}

export function laneY(lane: number): number {
  return AXIS_H + lane * LANE_H;
}

export function xOf(view: View, unit: number): number {
  return LABEL_W + (unit - view.offset) * view.scale;
}

/**
 * Where a tick's axis label goes: centred on its tick, except at the plot's
 * edges, where a centred label would be half under the lane names or cut
 * off by the right edge; there it starts just right of its tick, or ends
 * just left of it.
 */
export function tickLabelX(x: number, labelWidth: number, plotRight = Infinity): { x: number; anchor: "start" | "middle" | "end" } {
  if (x - labelWidth / 2 < LABEL_W + 2) return { x: x + 3, anchor: "start" };
  if (x + labelWidth / 2 > plotRight - 2) return { x: x - 3, anchor: "end" };
  return { x, anchor: "middle" };
}

export function unitOfX(view: View, x: number): number {
  return (x - LABEL_W) / view.scale + view.offset;
}

export function spanUnits(s: Span, axis: Axis): [number, number] {
  return axis === "step" ? [s.o0, s.o1] : [s.t0, s.t1];
}

export function markUnit(m: Mark, axis: Axis): number {
  return axis === "step" ? m.o : m.t;
}

export function arrowUnits(a: Arrow, axis: Axis): [number, number] {
  return axis === "step" ? [a.o0, a.o1] : [a.t0, a.t1];
}

export function extent(model: TimelineModel, axis: Axis): number {
  return Math.max(1, axis === "step" ? model.oMax + 1 : model.tMax);
}

/** A view showing the whole run in the given width. */
export function fitView(model: TimelineModel, axis: Axis, width: number, height: number): View {
  const plot = Math.max(50, width - LABEL_W - 16);
  return { axis, scale: plot / extent(model, axis), offset: 0, width, height };
}

export function contentHeight(model: TimelineModel): number {
  return AXIS_H + model.lanes.length * LANE_H + 4;
}

/**
 * Ticks for the visible range, with labels. On the step axis a tick labelled
 * k sits where step k begins (the k-th task step or callback, as the step
 * counter counts them), not at the k-th trace event: stepStarts gives each
 * step's first event (its span's o0), in order.
 */
export function ticks(view: View, stepStarts?: readonly number[]): { unit: number; label: string }[] {
  if (view.axis === "step" && stepStarts) return stepTicks(view, stepStarts);
  const from = unitOfX(view, LABEL_W);
  const to = unitOfX(view, view.width);
  const span = to - from;
  if (!(span > 0)) return [];
  const target = Math.max(2, Math.floor((view.width - LABEL_W) / 90));
  const raw = span / target;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const unitStep = view.axis === "step" ? Math.max(1, Math.round(step)) : step;
  const out: { unit: number; label: string }[] = [];
  for (let u = Math.ceil(from / unitStep) * unitStep; u <= to && out.length < 200; u += unitStep) {
    out.push({ unit: u, label: view.axis === "step" ? String(Math.round(u)) : formatNs(Math.round(u)) });
  }
  return out;
}

/** Least room between two step ticks, px: a label of five digits and a gap. */
export const STEP_TICK_GAP = 40;

function stepTicks(view: View, starts: readonly number[]): { unit: number; label: string }[] {
  const from = unitOfX(view, LABEL_W);
  const to = unitOfX(view, view.width);
  // Steps whose start is in view: [first, last) (indexes into starts).
  const first = lowerBound(starts, from);
  const last = lowerBound(starts, to + 1e-9);
  if (last <= first) return [];
  for (const every of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000]) {
    const out: { unit: number; label: string }[] = [];
    let prevX = -Infinity;
    let ok = true;
    for (let k = Math.ceil((first + 1) / every) * every; k <= last; k += every) {
      const u = starts[k - 1];
      const x = xOf(view, u);
      if (x - prevX < STEP_TICK_GAP) {
        ok = false;
        break;
      }
      prevX = x;
      out.push({ unit: u, label: String(k) });
    }
    if (ok) return out;
  }
  return [];
}

/** The first index i with xs[i] >= v (xs ascending). */
function lowerBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Colours read from the page's CSS variables, so the theme follows the page. */
export interface Palette {
  bg: string;
  laneAlt: string;
  fg: string;
  muted: string;
  grid: string;
  step: string;
  callback: string;
  timer: string;
  result: string;
  exception: string;
  cancel: string;
  arrow: string;
  output: string;
  sync: string;
  current: string;
  /** text on a step's or a callback's bar */
  label: string;
}

export const FALLBACK_PALETTE: Palette = {
  bg: "#ffffff", laneAlt: "#f6f8fa", fg: "#1f2328", muted: "#656d76", grid: "#d8dee4",
  step: "#3b82f6", callback: "#8b5cf6", timer: "#d97706", result: "#16a34a", exception: "#dc2626",
  cancel: "#e11d48", arrow: "#64748b", output: "#0891b2", sync: "#a855f7", current: "#f59e0b", label: "#ffffff",
};

export function readPalette(el: Element): Palette {
  const cs = getComputedStyle(el);
  const p = { ...FALLBACK_PALETTE };
  for (const k of Object.keys(p) as (keyof Palette)[]) {
    const v = cs.getPropertyValue(`--tl-${k}`).trim();
    if (v) p[k] = v;
  }
  return p;
}

export function markColor(p: Palette, m: Mark): string {
  return p[MARK_STYLE[m.kind].color];
}
