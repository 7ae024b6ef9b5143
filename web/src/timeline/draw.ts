// Draws the timeline on a canvas. Only what is in view is drawn, so a run of
// 10k events stays smooth.
import { MARK_KINDS, type Mark, type MarkKind, type Span, type TimelineModel, type Wait } from "./model";
import { WAIT_STYLE } from "./waits";
import { layoutLabels } from "./labels";
import { arrowCurve, curveBetween } from "./curve";
import type { Item } from "./tooltip";
import { MARK_STYLE, type Shape } from "./marks";
import {
  AXIS_H, LABEL_W, LANE_H, MARK_REACH, MIN_SPAN_PX, SPAN_H, arrowUnits, laneY, lanesInView, markColor, markUnit, tickLabelX,
  spanUnits, ticks, xOf, type Palette, type View,
} from "./geometry";

export type { Shape };

/** The glyph of each mark kind (marks.ts holds the whole style). */
export const SHAPES = Object.fromEntries(MARK_KINDS.map((k) => [k, MARK_STYLE[k].shape])) as Record<MarkKind, Shape>;

export interface Highlight {
  current?: Span; // playback step
  hover?: Item;
  lane?: number; // a lane chosen in the task table
}

export function spanRect(view: View, s: Span): { x: number; y: number; w: number; h: number } {
  const [u0, u1] = spanUnits(s, view.axis);
  const x0 = xOf(view, u0);
  const w = Math.max(MIN_SPAN_PX, (u1 - u0 + (view.axis === "step" ? 1 : 0)) * view.scale);
  return { x: x0, y: laneY(s.lane) + (LANE_H - SPAN_H) / 2, w, h: SPAN_H };
}

export const LABEL_FONT = "11px system-ui, sans-serif";
const RUNS_FONT = "10px system-ui, sans-serif";

/** Thickness of a wait band, px. */
export const WAIT_BAND = 4;

/** Where a wait is drawn: a band along the lane's middle from the step that began it to the one that ended it. */
export function waitRect(view: View, w: Wait): { x: number; y: number; w: number } {
  const half = view.axis === "step" ? view.scale : 0; // on the step axis a step's event takes one unit
  const x0 = xOf(view, view.axis === "step" ? w.o0 : w.t0) + half;
  const x1 = xOf(view, view.axis === "step" ? w.o1 : w.t1);
  return { x: x0, y: laneY(w.lane) + LANE_H / 2, w: x1 - x0 };
}

/** The few words beside a stuck task's mark: what it waits on. */
export function stuckTag(label: string): string {
  const m = / waits on (.*?)(?: \(line \d+\))?(?:,|$)/.exec(label);
  return m ? `stuck on ${m[1]}` : "stuck";
}

export function markPoint(view: View, m: Mark): { x: number; y: number } {
  const x = xOf(view, markUnit(m, view.axis)) + (view.axis === "step" ? view.scale / 2 : 0);
  const y = laneY(m.lane) + (m.kind === "output" ? LANE_H - 4 : LANE_H / 2);
  return { x, y };
}

export function draw(ctx: CanvasRenderingContext2D, model: TimelineModel, view: View, p: Palette, hl: Highlight) {
  const { width, height } = view;
  // The lanes are drawn in their own coordinates (laneY), shifted up by the
  // part scrolled above the canvas; the axis row is drawn last, on top.
  const top = view.top ?? 0;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.font = LABEL_FONT;
  ctx.textBaseline = "middle";

  // Lanes out of the canvas are not drawn at all. What is drawn on a lane
  // stays within its row, give or take MARK_REACH px.
  const [laneStart, laneEnd] = lanesInView(view, model.lanes.length);
  const laneInView = (lane: number) => lane >= laneStart && lane < laneEnd;

  ctx.save();
  ctx.translate(0, -top);
  for (let i = laneStart | 1; i < laneEnd; i += 2) {
    ctx.fillStyle = p.laneAlt;
    ctx.fillRect(0, laneY(i), width, LANE_H);
  }
  if (hl.lane !== undefined && hl.lane < model.lanes.length) {
    ctx.fillStyle = p.current;
    ctx.globalAlpha = 0.18;
    ctx.fillRect(0, laneY(hl.lane), width, LANE_H);
    ctx.globalAlpha = 1;
  }
  ctx.restore();

  // Grid lines, the height of the canvas (their labels go in the axis row, last).
  const tickXs = ticks(view, model.stepStarts).map((t) => ({ ...t, x: Math.round(xOf(view, t.unit)) + 0.5 }));
  const gridPath = (bottom: number) => {
    ctx.strokeStyle = p.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const t of tickXs) {
      ctx.moveTo(t.x, AXIS_H - 4);
      ctx.lineTo(t.x, bottom);
    }
  };
  gridPath(height);
  ctx.stroke();
  ctx.textAlign = "center";
  ctx.save();
  ctx.translate(0, -top);

  const left = LABEL_W - 8;
  const right = width + 8;
  const visible = (x0: number, x1: number) => x1 >= left && x0 <= right;

  // Lifetimes: a thin line while a task exists.
  ctx.strokeStyle = p.grid;
  ctx.lineWidth = 2;
  for (const lane of model.lanes) {
    if (lane.kind !== "task" || lane.created === undefined || !laneInView(lane.index)) continue;
    const u0 = view.axis === "step" ? lane.created : lane.createdT ?? 0;
    const u1 = view.axis === "step" ? lane.done ?? model.oMax : lane.doneT ?? model.tMax;
    const y = laneY(lane.index) + LANE_H / 2;
    const x0 = Math.max(left, xOf(view, u0));
    const x1 = Math.min(right, xOf(view, u1));
    if (x1 > x0) {
      ctx.beginPath();
      ctx.moveTo(x0, y);
      ctx.lineTo(x1, y);
      ctx.stroke();
    }
  }

  // Waits: a band between a task's steps, coloured and patterned by what it awaits.
  ctx.lineWidth = WAIT_BAND;
  ctx.lineCap = "butt";
  for (const w of model.waits) {
    if (!laneInView(w.lane)) continue;
    const r = waitRect(view, w);
    if (!visible(r.x, r.x + r.w) || r.w <= 0) continue;
    const st = WAIT_STYLE[w.kind];
    ctx.strokeStyle = p[st.color];
    ctx.setLineDash(st.dash);
    ctx.beginPath();
    ctx.moveTo(Math.max(left, r.x), r.y);
    ctx.lineTo(Math.min(right, r.x + r.w), r.y);
    ctx.stroke();
  }
  ctx.setLineDash([]);

  // Spans.
  for (const s of model.spans) {
    if (!laneInView(s.lane)) continue;
    const r = spanRect(view, s);
    if (!visible(r.x, r.x + r.w)) continue;
    ctx.fillStyle = s.kind === "step" ? p.step : p.callback;
    ctx.globalAlpha = hl.current && hl.current !== s ? 0.55 : 1;
    roundRect(ctx, r.x, r.y, r.w, r.h, Math.min(4, r.w / 2));
    ctx.fill();
    ctx.globalAlpha = 1;
  }
  // Their labels, clear of the marks drawn on them.
  ctx.fillStyle = p.label;
  ctx.textAlign = "left";
  for (const l of layoutLabels(model, view, (t) => ctx.measureText(t).width, [laneStart, laneEnd])) ctx.fillText(l.text, l.x, l.y + 0.5);

  // Arrows under the marks. A run of thousands of tasks piles many on the
  // same pixels (6000 wake-ups from the callbacks lane): one arrow per kind,
  // pair of ends in whole px, and lanes, where an end out of view counts
  // only as above or below, is drawn; the others would cover it exactly.
  const drawnArrows = new Set<string>();
  const endKey = (lane: number) => (lane < laneStart ? "above" : lane >= laneEnd ? "below" : lane);
  for (const a of model.arrows) {
    // The curve stays between its ends' rows; its head and a same-instant bow stay within them too.
    if (Math.max(a.fromLane, a.toLane) < laneStart || Math.min(a.fromLane, a.toLane) >= laneEnd) continue;
    const [u0, u1] = arrowUnits(a, view.axis);
    const half = view.axis === "step" ? view.scale / 2 : 0;
    const x0 = xOf(view, u0) + half;
    const x1 = xOf(view, u1) + half;
    if (!visible(Math.min(x0, x1), Math.max(x0, x1))) continue;
    const key = `${a.kind} ${Math.round(x0)} ${Math.round(x1)} ${endKey(a.fromLane)} ${endKey(a.toLane)}`;
    if (drawnArrows.has(key)) continue;
    drawnArrows.add(key);
    const y0 = laneY(a.fromLane) + LANE_H / 2;
    const y1 = laneY(a.toLane) + LANE_H / 2 + (a.toLane > a.fromLane ? -SPAN_H / 2 : a.toLane < a.fromLane ? SPAN_H / 2 : 0);
    arrow(ctx, x0, y0, x1, y1, a.kind === "cancel" ? p.cancel : a.kind === "wait-for" ? p.exception : p.arrow, a.kind === "wake" ? [4, 3] : a.kind === "wait-for" ? [2, 2] : [], laneInView(a.toLane), top - MARK_REACH, top + height + MARK_REACH);
  }

  // Marks alike on the same pixel are drawn once, as arrows are.
  const drawnMarks = new Set<string>();
  for (const m of model.marks) {
    if (!laneInView(m.lane)) continue;
    const { x, y } = markPoint(view, m);
    if (x < left || x > right) continue;
    const color = markColor(p, m);
    const key = `${m.kind} ${m.lane} ${Math.round(x)} ${y} ${color}`;
    if (drawnMarks.has(key)) continue;
    drawnMarks.add(key);
    shape(ctx, SHAPES[m.kind], x, y, color, p.bg);
  }
  // After a deadlock, each stuck task says what it waits on, beside its mark.
  ctx.font = "600 11px system-ui, sans-serif";
  for (const m of model.marks) {
    if (m.kind !== "stuck" || !laneInView(m.lane)) continue;
    const { x, y } = markPoint(view, m);
    if (x < left || x > right) continue;
    const text = stuckTag(m.label);
    const w = ctx.measureText(text).width;
    // Right of the mark, or left of it where the plot ends first.
    const tx = x + 10 + w <= width - 4 ? x + 10 : Math.max(LABEL_W + 4, x - 10 - w);
    ctx.fillStyle = p.bg;
    ctx.globalAlpha = 0.85;
    ctx.fillRect(tx - 2, y - 8, w + 4, 16);
    ctx.globalAlpha = 1;
    ctx.fillStyle = p.exception;
    ctx.textAlign = "left";
    ctx.fillText(text, tx, y + 0.5);
  }
  ctx.font = LABEL_FONT;

  // Highlights on top.
  for (const item of [hl.current, hl.hover]) {
    if (!item) continue;
    ctx.strokeStyle = item === hl.current ? p.current : p.fg;
    ctx.lineWidth = 2;
    if ("index" in item) continue; // a lane's name: its tooltip is enough
    if ("seq0" in item) {
      const r = spanRect(view, item);
      roundRect(ctx, r.x - 2, r.y - 2, r.w + 4, r.h + 4, 5);
      ctx.stroke();
    } else if ("what" in item) {
      const r = waitRect(view, item);
      ctx.strokeRect(r.x - 1, r.y - WAIT_BAND, r.w + 2, WAIT_BAND * 2);
    } else {
      const { x, y } = markPoint(view, item);
      ctx.beginPath();
      ctx.arc(x, y, 8, 0, Math.PI * 2);
      ctx.stroke();
    }
  }

  // Lane labels in a fixed column.
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, top, LABEL_W, height);
  ctx.textAlign = "left";
  for (let i = laneStart; i < laneEnd; i++) {
    const lane = model.lanes[i];
    ctx.fillStyle = lane.kind === "task" ? p.step : p.callback;
    ctx.fillRect(8, laneY(i) + LANE_H / 2 - 4, 8, 8);
    ctx.fillStyle = p.fg;
    const mid = laneY(i) + LANE_H / 2;
    if (!lane.runs) {
      ctx.fillText(ellipsize(ctx, lane.name, LABEL_W - 30), 22, mid);
      continue;
    }
    // An unnamed task: its name, and under it what it runs.
    ctx.fillText(ellipsize(ctx, lane.name, LABEL_W - 30), 22, mid - 6);
    ctx.font = RUNS_FONT;
    ctx.fillStyle = p.muted;
    ctx.fillText(fitCall(ctx, lane.runs, LABEL_W - 26), 22, mid + 7);
    ctx.font = LABEL_FONT;
  }
  ctx.restore();

  // The axis row, over lanes scrolled under it: tick marks and labels.
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, width, AXIS_H);
  gridPath(AXIS_H);
  ctx.moveTo(LABEL_W - 0.5, 0);
  ctx.lineTo(LABEL_W - 0.5, height);
  ctx.moveTo(0, AXIS_H - 0.5);
  ctx.lineTo(width, AXIS_H - 0.5);
  ctx.stroke();
  ctx.fillStyle = p.muted;
  for (const t of tickXs) {
    const at = tickLabelX(t.x, ctx.measureText(t.label).width, width);
    ctx.textAlign = at.anchor === "start" ? "left" : at.anchor === "end" ? "right" : "center";
    ctx.fillText(t.label, at.x, AXIS_H / 2);
  }
  // The lane-name column's corner hides tick labels that reach into it.
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, LABEL_W - 1, AXIS_H - 1);
  ctx.textAlign = "left";
  ctx.fillStyle = p.muted;
  ctx.fillText(view.axis === "step" ? "step" : "loop time", 8, AXIS_H / 2);
}

/** A call (job('slow', 2)) in w, or its function alone (download_coroutine(…)) when the arguments do not fit: the tooltip has all of it. */
function fitCall(ctx: CanvasRenderingContext2D, s: string, w: number): string {
  const i = s.indexOf("(");
  if (ctx.measureText(s).width <= w || i < 0) return ellipsize(ctx, s, w);
  return ellipsize(ctx, s.slice(0, i) + "(…)", w);
}

function ellipsize(ctx: CanvasRenderingContext2D, s: string, w: number): string {
  if (ctx.measureText(s).width <= w) return s;
  while (s.length > 1 && ctx.measureText(s + "…").width > w) s = s.slice(0, -1);
  return s + "…";
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/**
 * head: whether to draw the head, false where it would fall out of the
 * canvas (it stays within 3 px of y1). Only the part of the curve between
 * yMin and yMax is stroked (curve.ts says why).
 */
function arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number, color: string, dash: number[], head: boolean, yMin: number, yMax: number) {
  const whole = arrowCurve(x0, y0, x1, y1);
  const c = curveBetween(whole, yMin, yMax);
  if (!c) return;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1.25;
  ctx.setLineDash(dash);
  ctx.beginPath();
  ctx.moveTo(c[0].x, c[0].y);
  ctx.bezierCurveTo(c[1].x, c[1].y, c[2].x, c[2].y, c[3].x, c[3].y);
  ctx.stroke();
  ctx.setLineDash([]);
  if (!head) return;
  // The curve's last control point is level with its end: the head points along it.
  const a = Math.atan2(0, x1 - whole[2].x || 1);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 6 * Math.cos(a - 0.45), y1 - 6 * Math.sin(a - 0.45));
  ctx.lineTo(x1 - 6 * Math.cos(a + 0.45), y1 - 6 * Math.sin(a + 0.45));
  ctx.closePath();
  ctx.fill();
}

export function shape(ctx: CanvasRenderingContext2D, s: Shape, x: number, y: number, color: string, bg: string) {
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  switch (s) {
    case "diamond":
    case "diamond-x":
      ctx.moveTo(x, y - 6);
      ctx.lineTo(x + 6, y);
      ctx.lineTo(x, y + 6);
      ctx.lineTo(x - 6, y);
      ctx.closePath();
      ctx.fillStyle = bg;
      ctx.fill();
      ctx.stroke();
      if (s === "diamond-x") {
        // a timer's diamond, struck through
        ctx.beginPath();
        ctx.moveTo(x - 6, y + 6);
        ctx.lineTo(x + 6, y - 6);
        ctx.stroke();
      }
      return;
    case "circle":
      ctx.arc(x, y, 4.5, 0, Math.PI * 2);
      ctx.fill();
      ctx.strokeStyle = bg;
      ctx.lineWidth = 1.5;
      ctx.stroke();
      return;
    case "ring":
      ctx.arc(x, y, 5, 0, Math.PI * 2);
      ctx.stroke();
      return;
    case "square":
      ctx.rect(x - 4.5, y - 4.5, 9, 9);
      ctx.fill();
      return;
    case "warn":
      // a warning sign: an outlined triangle with "!" inside
      ctx.moveTo(x, y - 7);
      ctx.lineTo(x + 7, y + 5.5);
      ctx.lineTo(x - 7, y + 5.5);
      ctx.closePath();
      ctx.fillStyle = bg;
      ctx.fill();
      ctx.lineJoin = "round";
      ctx.stroke();
      ctx.fillStyle = color;
      ctx.fillRect(x - 1, y - 3, 2, 4.5);
      ctx.fillRect(x - 1, y + 2.5, 2, 1.6);
      return;
    case "bang":
      // an error's square with an exclamation mark cut out of it
      ctx.rect(x - 5, y - 5, 10, 10);
      ctx.fill();
      ctx.fillStyle = bg;
      ctx.fillRect(x - 1, y - 3.5, 2, 4.5);
      ctx.fillRect(x - 1, y + 2, 2, 1.6);
      return;
    case "cross":
      ctx.moveTo(x - 4, y - 4);
      ctx.lineTo(x + 4, y + 4);
      ctx.moveTo(x + 4, y - 4);
      ctx.lineTo(x - 4, y + 4);
      ctx.stroke();
      return;
    case "triangle":
      ctx.moveTo(x, y - 6);
      ctx.lineTo(x + 5.5, y + 4);
      ctx.lineTo(x - 5.5, y + 4);
      ctx.closePath();
      ctx.fill();
      return;
    case "tick":
      ctx.rect(x - 1, y - 3, 2, 5);
      ctx.fill();
      return;
    case "dot":
      ctx.arc(x, y, 3, 0, Math.PI * 2);
      ctx.fill();
      return;
    case "hourglass":
      ctx.moveTo(x - 5, y - 6);
      ctx.lineTo(x + 5, y - 6);
      ctx.lineTo(x - 5, y + 6);
      ctx.lineTo(x + 5, y + 6);
      ctx.closePath();
      ctx.fill();
      return;
    case "star": {
      // four points: something broke and spreads
      for (let i = 0; i < 8; i++) {
        const r = i % 2 ? 2.2 : 6.5;
        const a = (i * Math.PI) / 4 - Math.PI / 2;
        if (i) ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
        else ctx.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
      }
      ctx.closePath();
      ctx.fill();
      return;
    }
    case "octagon":
      // a stop sign: this task will never go on
      for (let i = 0; i < 8; i++) {
        const a = (i * Math.PI) / 4 + Math.PI / 8;
        if (i) ctx.lineTo(x + 6 * Math.cos(a), y + 6 * Math.sin(a));
        else ctx.moveTo(x + 6 * Math.cos(a), y + 6 * Math.sin(a));
      }
      ctx.closePath();
      ctx.fill();
      ctx.fillStyle = bg;
      ctx.fillRect(x - 3.5, y - 1, 7, 2);
      return;
    case "bar":
      ctx.rect(x - 1.5, y - 9, 3, 18);
      ctx.fill();
      return;
  }
}
