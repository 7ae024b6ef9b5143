// Where the text inside step and callback bars goes. A label never runs
// over a mark drawn on its bar (it takes the widest stretch of the bar free
// of marks) and never past the bar's end: text that does not fit is cut with
// an ellipsis, and the tooltip has it whole.
import type { Span, TimelineModel } from "./model";
import { LABEL_W, type View } from "./geometry";
import { markPoint, spanRect } from "./draw";

/** Room kept on each side of a mark's centre (the largest glyph is 12 px wide) and inside the bar's ends. */
export const MARK_CLEARANCE = 8;
const PAD = 4;
/** Narrower stretches get no label: a letter and an ellipsis would say nothing. */
export const MIN_LABEL_PX = 26;

export interface PlacedLabel {
  span: Span;
  /** left edge of the text and the width it may take */
  x: number;
  y: number;
  maxW: number;
  text: string;
  /** the whole label (the tooltip shows it) */
  full: string;
  cut: boolean;
}

export function spanLabelText(s: Span): string {
  return s.output.length ? `${s.name} · ${s.output[0]}` : s.name;
}

/**
 * The labels of the spans in view. measure: the text's width in px at the
 * canvas's font. lanes: the lanes [start, end) in view (lanesInView).
 */
export function layoutLabels(model: TimelineModel, view: View, measure: (text: string) => number, lanes: [number, number] = [0, Infinity]): PlacedLabel[] {
  const [laneStart, laneEnd] = lanes;
  // Marks drawn across the bars' middle, by lane, as x positions (output ticks sit under the bars).
  const marksByLane = new Map<number, number[]>();
  for (const m of model.marks) {
    if (m.kind === "output" || m.lane < laneStart || m.lane >= laneEnd) continue;
    const { x } = markPoint(view, m);
    if (x < LABEL_W - MARK_CLEARANCE || x > view.width + MARK_CLEARANCE) continue;
    let xs = marksByLane.get(m.lane);
    if (!xs) marksByLane.set(m.lane, (xs = []));
    xs.push(x);
  }
  for (const xs of marksByLane.values()) xs.sort((a, b) => a - b);

  const out: PlacedLabel[] = [];
  for (const s of model.spans) {
    if (s.lane < laneStart || s.lane >= laneEnd) continue;
    const r = spanRect(view, s);
    if (r.w < MIN_LABEL_PX + 2 * PAD || r.x + r.w < LABEL_W || r.x > view.width) continue;
    // Free stretches of the bar's visible part, between the marks on it.
    const lo = Math.max(r.x, LABEL_W) + PAD;
    const hi = Math.min(r.x + r.w, view.width) - PAD;
    let best: [number, number] | undefined;
    let from = lo;
    const consider = (a: number, b: number) => {
      if (b - a >= MIN_LABEL_PX && (!best || b - a > best[1] - best[0])) best = [a, b];
    };
    const xs = marksByLane.get(s.lane) ?? [];
    // The first mark that can reach into the bar (binary search: a lane can hold thousands).
    let i = 0;
    for (let hiI = xs.length; i < hiI; ) {
      const mid = (i + hiI) >> 1;
      if (xs[mid] + MARK_CLEARANCE <= from) i = mid + 1;
      else hiI = mid;
    }
    for (; i < xs.length; i++) {
      const mx = xs[i];
      if (mx - MARK_CLEARANCE >= hi) break;
      consider(from, mx - MARK_CLEARANCE);
      from = mx + MARK_CLEARANCE;
    }
    consider(from, hi);
    if (!best) continue;
    const full = spanLabelText(s);
    const maxW = best[1] - best[0];
    const text = fit(full, maxW, measure);
    if (!text) continue;
    out.push({ span: s, x: best[0], y: r.y + r.h / 2, maxW, text, full, cut: text !== full });
  }
  return out;
}

/** The text, or its longest start that fits in w with an ellipsis; "" when not even that fits. */
export function fit(text: string, w: number, measure: (t: string) => number): string {
  if (measure(text) <= w) return text;
  // Binary search on the length: long outputs stay cheap to cut.
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(text.slice(0, mid).trimEnd() + "…") <= w) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? text.slice(0, lo).trimEnd() + "…" : "";
}
