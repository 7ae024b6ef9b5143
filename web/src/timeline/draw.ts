// Draws the timeline on a canvas. Only what is in view is drawn, so a run of
// 10k events stays smooth.
import type { Mark, MarkKind, Span, TimelineModel } from "./model";
import {
  AXIS_H, LABEL_W, LANE_H, MIN_SPAN_PX, SPAN_H, arrowUnits, laneY, markColor, markUnit, tickLabelX,
  spanUnits, ticks, xOf, type Palette, type View,
} from "./geometry";

export type Shape = "diamond" | "circle" | "cross" | "triangle" | "square" | "tick" | "dot" | "ring";

export const SHAPES: Record<MarkKind, Shape> = {
  timer: "diamond",
  "timer-cancelled": "cross",
  result: "circle",
  exception: "square",
  cancelled: "cross",
  "cancel-request": "triangle",
  panic: "square",
  diag: "ring",
  block: "square",
  slow: "ring",
  sync: "dot",
  output: "tick",
};

export interface Highlight {
  current?: Span; // playback step
  hover?: Span | Mark;
  lane?: number; // a lane chosen in the task table
}

export function spanRect(view: View, s: Span): { x: number; y: number; w: number; h: number } {
  const [u0, u1] = spanUnits(s, view.axis);
  const x0 = xOf(view, u0);
  const w = Math.max(MIN_SPAN_PX, (u1 - u0 + (view.axis === "step" ? 1 : 0)) * view.scale);
  return { x: x0, y: laneY(s.lane) + (LANE_H - SPAN_H) / 2, w, h: SPAN_H };
}

export function markPoint(view: View, m: Mark): { x: number; y: number } {
  const x = xOf(view, markUnit(m, view.axis)) + (view.axis === "step" ? view.scale / 2 : 0);
  const y = laneY(m.lane) + (m.kind === "output" ? LANE_H - 4 : LANE_H / 2);
  return { x, y };
}

export function draw(ctx: CanvasRenderingContext2D, model: TimelineModel, view: View, p: Palette, hl: Highlight) {
  const { width, height } = view;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.font = "11px system-ui, sans-serif";
  ctx.textBaseline = "middle";

  model.lanes.forEach((lane, i) => {
    if (i % 2 === 1) {
      ctx.fillStyle = p.laneAlt;
      ctx.fillRect(0, laneY(i), width, LANE_H);
    }
  });
  if (hl.lane !== undefined && hl.lane < model.lanes.length) {
    ctx.fillStyle = p.current;
    ctx.globalAlpha = 0.18;
    ctx.fillRect(0, laneY(hl.lane), width, LANE_H);
    ctx.globalAlpha = 1;
  }

  // Grid and axis labels.
  ctx.strokeStyle = p.grid;
  ctx.lineWidth = 1;
  ctx.fillStyle = p.muted;
  for (const t of ticks(view)) {
    const x = Math.round(xOf(view, t.unit)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, AXIS_H - 4);
    ctx.lineTo(x, height);
    ctx.stroke();
    const at = tickLabelX(x, ctx.measureText(t.label).width, width);
    ctx.textAlign = at.anchor === "start" ? "left" : at.anchor === "end" ? "right" : "center";
    ctx.fillText(t.label, at.x, AXIS_H / 2);
  }
  ctx.textAlign = "center";

  const left = LABEL_W - 8;
  const right = width + 8;
  const visible = (x0: number, x1: number) => x1 >= left && x0 <= right;

  // Lifetimes: a thin line while a task exists.
  ctx.strokeStyle = p.grid;
  ctx.lineWidth = 2;
  for (const lane of model.lanes) {
    if (lane.kind !== "task" || lane.created === undefined) continue;
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

  // Spans.
  for (const s of model.spans) {
    const r = spanRect(view, s);
    if (!visible(r.x, r.x + r.w)) continue;
    ctx.fillStyle = s.kind === "step" ? p.step : p.callback;
    ctx.globalAlpha = hl.current && hl.current !== s ? 0.55 : 1;
    roundRect(ctx, r.x, r.y, r.w, r.h, Math.min(4, r.w / 2));
    ctx.fill();
    ctx.globalAlpha = 1;
    if (r.w > 40) {
      ctx.fillStyle = "#fff";
      ctx.textAlign = "left";
      ctx.save();
      ctx.beginPath();
      ctx.rect(r.x, r.y, r.w - 3, r.h);
      ctx.clip();
      ctx.fillText(s.output.length ? `${s.name} · ${s.output[0]}` : s.name, r.x + 4, r.y + r.h / 2 + 0.5);
      ctx.restore();
    }
  }

  // Arrows under the marks.
  for (const a of model.arrows) {
    const [u0, u1] = arrowUnits(a, view.axis);
    const half = view.axis === "step" ? view.scale / 2 : 0;
    const x0 = xOf(view, u0) + half;
    const x1 = xOf(view, u1) + half;
    if (!visible(Math.min(x0, x1), Math.max(x0, x1))) continue;
    const y0 = laneY(a.fromLane) + LANE_H / 2;
    const y1 = laneY(a.toLane) + LANE_H / 2 + (a.toLane > a.fromLane ? -SPAN_H / 2 : a.toLane < a.fromLane ? SPAN_H / 2 : 0);
    arrow(ctx, x0, y0, x1, y1, a.kind === "cancel" ? p.cancel : p.arrow, a.kind === "wake");
  }

  for (const m of model.marks) {
    const { x, y } = markPoint(view, m);
    if (x < left || x > right) continue;
    shape(ctx, SHAPES[m.kind], x, y, markColor(p, m), p.bg);
  }

  // Highlights on top.
  for (const item of [hl.current, hl.hover]) {
    if (!item) continue;
    ctx.strokeStyle = item === hl.current ? p.current : p.fg;
    ctx.lineWidth = 2;
    if ("seq0" in item) {
      const r = spanRect(view, item);
      roundRect(ctx, r.x - 2, r.y - 2, r.w + 4, r.h + 4, 5);
      ctx.stroke();
    } else {
      const { x, y } = markPoint(view, item);
      ctx.beginPath();
      ctx.arc(x, y, 8, 0, Math.PI * 2);
      ctx.stroke();
    }
  }

  // Lane labels in a fixed column.
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, LABEL_W, height);
  ctx.strokeStyle = p.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(LABEL_W - 0.5, 0);
  ctx.lineTo(LABEL_W - 0.5, height);
  ctx.moveTo(0, AXIS_H - 0.5);
  ctx.lineTo(width, AXIS_H - 0.5);
  ctx.stroke();
  ctx.textAlign = "left";
  ctx.fillStyle = p.muted;
  ctx.fillText(view.axis === "step" ? "step" : "loop time", 8, AXIS_H / 2);
  model.lanes.forEach((lane, i) => {
    ctx.fillStyle = lane.kind === "task" ? p.step : p.callback;
    ctx.fillRect(8, laneY(i) + LANE_H / 2 - 4, 8, 8);
    ctx.fillStyle = p.fg;
    ctx.fillText(ellipsize(ctx, lane.name, LABEL_W - 30), 22, laneY(i) + LANE_H / 2);
  });
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

function arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number, color: string, dashed: boolean) {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1.25;
  ctx.setLineDash(dashed ? [4, 3] : []);
  const mx = (x0 + x1) / 2;
  const bend = x1 - x0 < 6 ? 14 : 0; // a same-instant arrow bows out so it stays visible
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.bezierCurveTo(mx + bend, y0, mx + bend, y1, x1, y1);
  ctx.stroke();
  ctx.setLineDash([]);
  // The curve's last control point is level with its end: the head points along it.
  const a = Math.atan2(0, x1 - (mx + bend) || 1);
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
      ctx.moveTo(x, y - 6);
      ctx.lineTo(x + 6, y);
      ctx.lineTo(x, y + 6);
      ctx.lineTo(x - 6, y);
      ctx.closePath();
      ctx.fillStyle = bg;
      ctx.fill();
      ctx.stroke();
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
  }
}
