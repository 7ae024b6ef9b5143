// The timeline's legend. One line names what this run's drawing uses (its
// kinds of bar, wait, mark and arrow); "All symbols" opens the whole list:
// the two kinds of bar, every kind of wait, every mark kind the model can
// produce (MARK_KINDS and its style table) and the arrows. Glyphs are drawn
// with the canvas's own code in the page's colours.
import { h } from "../dom";
import { MARK_KINDS, type MarkKind, type TimelineModel } from "./model";
import { FALLBACK_PALETTE, type Palette } from "./geometry";
import { MARK_STYLE } from "./marks";
import { WAIT_KINDS, WAIT_STYLE, type WaitKind } from "./waits";
import { shape, WAIT_BAND } from "./draw";

export const ARROW_KINDS = ["wake", "cancel", "wait-for"] as const;

const ARROW_WORDS: Record<(typeof ARROW_KINDS)[number], [string, string]> = {
  wake: ["sw-wake", "await → wake-up"],
  cancel: ["sw-cancel", "cancels"],
  "wait-for": ["sw-waitfor", "stuck: waits on"],
};

/** The legend keys ("mark:timer", "wait:sleep", ...) of what a run's drawing uses. */
export function usedKeys(m: TimelineModel): Set<string> {
  const used = new Set<string>();
  for (const s of m.spans) used.add(`span:${s.kind}`);
  for (const w of m.waits) used.add(`wait:${w.kind}`);
  for (const k of m.marks) used.add(`mark:${k.kind}`);
  for (const a of m.arrows) used.add(`arrow:${a.kind}`);
  return used;
}

/** The colours glyphs are drawn in: the timeline's, and the one behind the legend (hollow glyphs are filled with it). */
export interface LegendColours {
  p: Palette;
  bg: string;
}

/**
 * colours: read when the first glyph is drawn (reading them makes the
 * browser compute styles); used: the keys this run draws.
 * Glyphs are drawn when they can first be seen: those of the line in view
 * at once, those behind the closed "All symbols" when it opens. A page
 * starting up draws none (an empty run uses no symbols), which kept about
 * twenty canvases off its main thread while the runner was loading.
 */
export function legend(colours: () => LegendColours = () => ({ p: FALLBACK_PALETTE, bg: FALLBACK_PALETTE.bg }), used: Set<string> = new Set(), narrow = false): HTMLElement {
  let read: LegendColours | undefined;
  const c = () => (read ??= colours());
  // When a glyph is painted: at once (in view), or when "All symbols" opens.
  const hidden: (() => void)[] = [];
  const now: When = (paint) => paint();
  const onOpen: When = (paint) => hidden.push(paint);
  const swatch = (cls: string) => h("span", { class: `sw ${cls}`, "aria-hidden": "true" });
  const glyph = (kind: MarkKind, when: When) =>
    drawn(14, 14, when, (ctx) => shape(ctx, MARK_STYLE[kind].shape, 7, 7, c().p[MARK_STYLE[kind].color], c().bg));
  const band = (kind: WaitKind, when: When) =>
    drawn(22, 14, when, (ctx) => {
      ctx.strokeStyle = c().p[WAIT_STYLE[kind].color];
      ctx.lineWidth = WAIT_BAND;
      ctx.setLineDash(WAIT_STYLE[kind].dash);
      ctx.beginPath();
      ctx.moveTo(0, 7);
      ctx.lineTo(22, 7);
      ctx.stroke();
    });
  // Every entry, in reading order: [key, glyph, words].
  type Entry = [string, (when: When) => HTMLElement, string];
  const entries: Entry[] = [
    ["span:step", () => swatch("sw-step"), "task step"],
    ["span:callback", () => swatch("sw-callback"), "callback"],
    ...WAIT_KINDS.map((k): Entry => [`wait:${k}`, (when) => band(k, when), `waits on ${WAIT_STYLE[k].legend}`]),
    ...MARK_KINDS.map((k): Entry => [`mark:${k}`, (when) => glyph(k, when), MARK_STYLE[k].legend]),
    ...ARROW_KINDS.map((k): Entry => [`arrow:${k}`, () => swatch(ARROW_WORDS[k][0]), ARROW_WORDS[k][1]]),
  ];
  const item = ([key, g, words]: Entry, when: When) => h("li", { "data-legend": key }, g(when), words);
  const group = (title: string, prefix: string) =>
    h("div", { class: "tl-legend-group" }, h("span", { class: "tl-legend-title" }, title), h("ul", { "aria-label": title }, ...entries.filter((e) => e[0].startsWith(prefix)).map((e) => item(e, onOpen))));
  const inRun = entries.filter((e) => used.has(e[0]));
  // On a phone the used line is behind "Legend" too.
  const usedList = inRun.length ? h("ul", { class: "tl-legend-used", "aria-label": "What this run's timeline shows" }, ...inRun.map((e) => item(e, narrow ? onOpen : now))) : null;
  const all = h(
    "details",
    { class: "tl-legend-all" },
    h("summary", {}, narrow ? "Legend" : inRun.length ? "All symbols" : "Legend: every symbol"),
    h(
      "div",
      { class: "tl-legend-body" },
      narrow ? usedList : null,
      group("Bars", "span:"),
      group("Waits", "wait:"),
      group("Marks", "mark:"),
      group("Arrows", "arrow:"),
    ),
  );
  const paintHidden = () => {
    for (const paint of hidden.splice(0)) paint();
  };
  // Also fired when code opens it (the view keeps it open across runs).
  all.addEventListener("toggle", () => all.open && paintHidden());
  // On a phone the lanes need the room: everything is behind one "Legend" line.
  return h("div", { class: "tl-legend" + (narrow ? " narrow" : ""), "data-testid": "tl-legend" }, narrow ? null : usedList, all);
}

/** When a glyph's paint runs: now, or once it can be seen. */
type When = (paint: () => void) => void;

function drawn(w: number, hgt: number, when: When, paint: (ctx: CanvasRenderingContext2D) => void): HTMLCanvasElement {
  const c = h("canvas", { width: w * 2, height: hgt * 2, class: "glyph", style: `width:${w}px;height:${hgt}px`, "aria-hidden": "true" });
  when(() => {
    const ctx = c.getContext("2d");
    if (!ctx) return;
    ctx.scale(2, 2);
    paint(ctx);
  });
  return c;
}
