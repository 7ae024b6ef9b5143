// Where timeline items go: lane rows, the two axes (loop time or step
// order), ticks. Shared by the canvas, the SVG export and hit testing.
import type { Axis } from "../contract";
import { formatNs, type Arrow, type Mark, type Span, type TimelineModel } from "./model";

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
  height: number;
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

/** Round tick positions for the visible range, with labels. */
export function ticks(view: View): { unit: number; label: string }[] {
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
}

export const FALLBACK_PALETTE: Palette = {
  bg: "#ffffff", laneAlt: "#f6f8fa", fg: "#1f2328", muted: "#656d76", grid: "#d8dee4",
  step: "#3b82f6", callback: "#8b5cf6", timer: "#d97706", result: "#16a34a", exception: "#dc2626",
  cancel: "#e11d48", arrow: "#64748b", output: "#0891b2", sync: "#a855f7", current: "#f59e0b",
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
  switch (m.kind) {
    case "timer":
    case "timer-cancelled":
      return p.timer;
    case "result":
      return p.result;
    case "exception":
    case "panic":
      return p.exception;
    case "cancelled":
    case "cancel-request":
      return p.cancel;
    case "output":
      return p.output;
    case "diag":
    case "block":
      return p.timer;
    case "slow":
      return p.exception;
    case "sync":
      return p.sync;
  }
}
