// The timeline as a standalone SVG picture (export), drawn from the same
// geometry as the canvas.
import type { TimelineModel } from "./model";
import {
  AXIS_H, LABEL_W, LANE_H, arrowUnits, contentHeight, laneY, markColor, tickLabelX, ticks, xOf,
  type Palette, type View,
} from "./geometry";
import { SHAPES, WAIT_BAND, markPoint, spanRect, stuckTag, waitRect } from "./draw";
import { layoutLabels } from "./labels";
import { arrowCurve } from "./curve";

/** About how wide a character is at the export's 11 px (the SVG has no text measure). */
const CHAR_W = 6.2;
import { WAIT_STYLE } from "./waits";
import type { Shape } from "./marks";

export function toSVG(model: TimelineModel, view: View, p: Palette): string {
  const width = view.width;
  const height = contentHeight(model);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="${esc(p.bg)}"/>`,
  );
  model.lanes.forEach((_, i) => {
    if (i % 2) out.push(`<rect x="0" y="${laneY(i)}" width="${width}" height="${LANE_H}" fill="${esc(p.laneAlt)}"/>`);
  });
  for (const t of ticks(view, model.stepStarts)) {
    const ux = xOf(view, t.unit);
    const x = n(ux);
    out.push(`<line x1="${x}" y1="${AXIS_H - 4}" x2="${x}" y2="${height}" stroke="${esc(p.grid)}"/>`);
    const at = tickLabelX(ux, t.label.length * 6, width); // about 6 px a character at this size
    out.push(`<text x="${n(at.x)}" y="${AXIS_H / 2 + 4}" text-anchor="${at.anchor}" fill="${esc(p.muted)}">${esc(t.label)}</text>`);
  }
  out.push(`<g clip-path="url(#plot)">`);
  for (const w of model.waits) {
    const r = waitRect(view, w);
    if (r.w <= 0) continue;
    const st = WAIT_STYLE[w.kind];
    out.push(
      `<line x1="${n(r.x)}" y1="${n(r.y)}" x2="${n(r.x + r.w)}" y2="${n(r.y)}" stroke="${esc(p[st.color])}" stroke-width="${WAIT_BAND}"${st.dash.length ? ` stroke-dasharray="${st.dash.join(" ")}"` : ""}><title>${esc(`${model.lanes[w.lane]?.name ?? ""} waits on ${w.what}`)}</title></line>`,
    );
  }
  for (const s of model.spans) {
    const r = spanRect(view, s);
    const title = `${s.name}: ${s.cause}; ${s.outcome}`;
    out.push(
      `<rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${r.h}" rx="3" fill="${esc(s.kind === "step" ? p.step : p.callback)}"><title>${esc(title)}</title></rect>`,
    );
  }
  // The words on the bars, placed as on the canvas (clear of marks, cut with an ellipsis); the whole text in a title.
  for (const l of layoutLabels(model, view, (t) => t.length * CHAR_W)) {
    out.push(`<text x="${n(l.x)}" y="${n(l.y + 4)}" fill="${esc(p.label)}"><title>${esc(l.full)}</title>${esc(l.text)}</text>`);
  }
  for (const a of model.arrows) {
    const [u0, u1] = arrowUnits(a, view.axis);
    const half = view.axis === "step" ? view.scale / 2 : 0;
    const x0 = xOf(view, u0) + half;
    const x1 = xOf(view, u1) + half;
    const y0 = laneY(a.fromLane) + LANE_H / 2;
    const y1 = laneY(a.toLane) + LANE_H / 2;
    const [, c1, c2] = arrowCurve(x0, y0, x1, y1);
    const color = esc(a.kind === "cancel" ? p.cancel : a.kind === "wait-for" ? p.exception : p.arrow);
    const dash = a.kind === "wake" ? ' stroke-dasharray="4 3"' : a.kind === "wait-for" ? ' stroke-dasharray="2 2"' : "";
    out.push(
      `<path d="M${n(x0)},${n(y0)} C${n(c1.x)},${n(c1.y)} ${n(c2.x)},${n(c2.y)} ${n(x1)},${n(y1)}" fill="none" stroke="${color}" stroke-width="1.25"${dash} marker-end="url(#head-${a.kind})"><title>${esc(a.label)}</title></path>`,
    );
  }
  for (const m of model.marks) {
    const { x, y } = markPoint(view, m);
    out.push(shapeSVG(SHAPES[m.kind], x, y, esc(markColor(p, m)), esc(p.bg), m.label));
  }
  for (const m of model.marks) {
    if (m.kind !== "stuck") continue;
    const { x, y } = markPoint(view, m);
    out.push(`<text x="${n(x + 10)}" y="${n(y + 4)}" fill="${esc(p.exception)}" font-weight="600">${esc(stuckTag(m.label))}</text>`);
  }
  out.push(`</g>`);
  out.push(`<rect x="0" y="0" width="${LABEL_W}" height="${height}" fill="${esc(p.bg)}"/>`);
  out.push(`<line x1="${LABEL_W - 0.5}" y1="0" x2="${LABEL_W - 0.5}" y2="${height}" stroke="${esc(p.grid)}"/>`);
  out.push(`<text x="8" y="${AXIS_H / 2 + 4}" fill="${esc(p.muted)}">${view.axis === "step" ? "step" : "loop time"}</text>`);
  model.lanes.forEach((lane, i) => {
    const mid = laneY(i) + LANE_H / 2;
    if (!lane.runs) out.push(`<text x="12" y="${mid + 4}" fill="${esc(p.fg)}">${esc(lane.name)}</text>`);
    else {
      // As the canvas: an unnamed task's name, and under it what it runs.
      out.push(`<text x="12" y="${mid - 2}" fill="${esc(p.fg)}">${esc(lane.name)}</text>`);
      out.push(`<text x="12" y="${mid + 10}" fill="${esc(p.muted)}" font-size="10">${esc(lane.runs)}</text>`);
    }
  });
  out.push(
    `<defs><clipPath id="plot"><rect x="${LABEL_W}" y="0" width="${width - LABEL_W}" height="${height}"/></clipPath>`,
    marker("wake", esc(p.arrow)),
    marker("cancel", esc(p.cancel)),
    marker("wait-for", esc(p.exception)),
    `</defs></svg>`,
  );
  return out.join("\n");
}

function marker(kind: string, color: string): string {
  return `<marker id="head-${kind}" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="${color}"/></marker>`;
}

function shapeSVG(s: Shape, x: number, y: number, color: string, bg: string, label: string): string {
  const t = `<title>${esc(label)}</title>`;
  const X = n(x);
  const Y = n(y);
  switch (s) {
    case "diamond":
      return `<path d="M${X},${n(y - 6)} L${n(x + 6)},${Y} L${X},${n(y + 6)} L${n(x - 6)},${Y} Z" fill="${bg}" stroke="${color}" stroke-width="2">${t}</path>`;
    case "diamond-x":
      return `<g>${t}<path d="M${X},${n(y - 6)} L${n(x + 6)},${Y} L${X},${n(y + 6)} L${n(x - 6)},${Y} Z" fill="${bg}" stroke="${color}" stroke-width="2"/><path d="M${n(x - 6)},${n(y + 6)} L${n(x + 6)},${n(y - 6)}" stroke="${color}" stroke-width="2"/></g>`;
    case "bang":
      return `<g>${t}<rect x="${n(x - 5)}" y="${n(y - 5)}" width="10" height="10" fill="${color}"/><rect x="${n(x - 1)}" y="${n(y - 3.5)}" width="2" height="4.5" fill="${bg}"/><rect x="${n(x - 1)}" y="${n(y + 2)}" width="2" height="1.6" fill="${bg}"/></g>`;
    case "circle":
      return `<circle cx="${X}" cy="${Y}" r="4.5" fill="${color}" stroke="${bg}" stroke-width="1.5">${t}</circle>`;
    case "ring":
      return `<circle cx="${X}" cy="${Y}" r="5" fill="none" stroke="${color}" stroke-width="2">${t}</circle>`;
    case "square":
      return `<rect x="${n(x - 4.5)}" y="${n(y - 4.5)}" width="9" height="9" fill="${color}">${t}</rect>`;
    case "cross":
      return `<path d="M${n(x - 4)},${n(y - 4)} L${n(x + 4)},${n(y + 4)} M${n(x + 4)},${n(y - 4)} L${n(x - 4)},${n(y + 4)}" stroke="${color}" stroke-width="2">${t}</path>`;
    case "triangle":
      return `<path d="M${X},${n(y - 6)} L${n(x + 5.5)},${n(y + 4)} L${n(x - 5.5)},${n(y + 4)} Z" fill="${color}">${t}</path>`;
    case "tick":
      return `<rect x="${n(x - 1)}" y="${n(y - 3)}" width="2" height="5" fill="${color}">${t}</rect>`;
    case "dot":
      return `<circle cx="${X}" cy="${Y}" r="3" fill="${color}">${t}</circle>`;
    case "hourglass":
      return `<path d="M${n(x - 5)},${n(y - 6)} L${n(x + 5)},${n(y - 6)} L${n(x - 5)},${n(y + 6)} L${n(x + 5)},${n(y + 6)} Z" fill="${color}">${t}</path>`;
    case "star":
      return `<path d="${polygon(x, y, 8, (i) => (i % 2 ? 2.2 : 6.5), -Math.PI / 2)}" fill="${color}">${t}</path>`;
    case "octagon":
      return `<g>${t}<path d="${polygon(x, y, 8, () => 6, Math.PI / 8)}" fill="${color}"/><rect x="${n(x - 3.5)}" y="${n(y - 1)}" width="7" height="2" fill="${bg}"/></g>`;
    case "bar":
      return `<rect x="${n(x - 1.5)}" y="${n(y - 9)}" width="3" height="18" fill="${color}">${t}</rect>`;
    case "warn":
      return `<g>${t}<path d="M${X},${n(y - 7)} L${n(x + 7)},${n(y + 5.5)} L${n(x - 7)},${n(y + 5.5)} Z" fill="${bg}" stroke="${color}" stroke-width="2" stroke-linejoin="round"/><rect x="${n(x - 1)}" y="${n(y - 3)}" width="2" height="4.5" fill="${color}"/><rect x="${n(x - 1)}" y="${n(y + 2.5)}" width="2" height="1.6" fill="${color}"/></g>`;
  }
}

/** A closed polygon of k corners around (x, y), corner i at radius r(i). */
function polygon(x: number, y: number, k: number, r: (i: number) => number, start: number): string {
  const pts: string[] = [];
  for (let i = 0; i < k; i++) {
    const a = start + (i * 2 * Math.PI) / k;
    pts.push(`${n(x + r(i) * Math.cos(a))},${n(y + r(i) * Math.sin(a))}`);
  }
  return `M${pts.join(" L")} Z`;
}

function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Escapes text for XML: program output and names are never markup. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
