// The timeline pane: toolbar (axis, zoom, playback, export), the canvas with
// hover details and click-to-source, and a legend.
import type { TraceEvent } from "../contract";
import { h, download, icon } from "../dom";
import { buildModel, formatNs, MARK_KINDS, type Mark, type Span, type TimelineModel } from "./model";
import {
  AXIS_H, LABEL_W, LANE_H, contentHeight, extent, fitView, laneY, readPalette, ticks, unitOfX, xOf, type Axis, type View,
} from "./geometry";
import { draw, markPoint, spanRect, waitRect, WAIT_BAND, LABEL_FONT, type Highlight } from "./draw";
import { layoutLabels } from "./labels";
import { WAIT_KINDS } from "./waits";
import { tooltipLines, isLane, isSpan, type Item } from "./tooltip";
import { legend, usedKeys, ARROW_KINDS } from "./legend";
import { WarningsPanel } from "./warnings-panel";
import { Playback } from "./playback";
import { toChromeTrace } from "./chrome-trace";
import { toSVG } from "./svg";
import { StatePanel } from "./state-panel";

export interface TimelineHooks {
  /** An item was clicked or a step chosen: its program line (0 if none). */
  onLine(line: number): void;
  /** Playback moved: the step, or undefined for "the whole run". */
  onStep(step: Span | undefined, model: TimelineModel): void;
}


export class TimelineView {
  readonly element: HTMLElement;
  private canvas: HTMLCanvasElement;
  private wrap: HTMLElement;
  /** below the canvas: gives the lanes out of view their scroll height */
  private spacer: HTMLElement;
  private tooltip: HTMLElement;
  private empty: HTMLElement;
  private stepInfo: HTMLElement;
  private playBtn: HTMLButtonElement;
  private legendEl = pageLegend();
  /** the run's warnings, above the lanes */
  readonly warnings: WarningsPanel;
  /** the mark of the warning chosen last, ringed like a hovered mark */
  private warningMark: Mark | undefined;
  private axisBtns: Record<Axis, HTMLButtonElement>;
  private model: TimelineModel = buildModel([]);
  private view: View;
  private hover: Item | undefined;
  private playback: Playback;
  private frame = 0;
  private fitted = true;
  private laneChosen: number | undefined;
  /** the narration, loop state and task table beside the canvas */
  readonly panel: StatePanel;
  /** ms the last full draw took (read by the browser benchmark) */
  lastDrawMs = 0;

  constructor(private hooks: TimelineHooks, opts: { compact?: boolean } = {}) {
    this.playback = new Playback(() => this.model.spans.length, (i) => this.stepChanged(i));
    const axisBtn = (axis: Axis, label: string) =>
      h("button", { type: "button", class: "seg-btn", "aria-pressed": String(axis === "step"), onclick: () => this.setAxis(axis) }, label);
    this.axisBtns = { step: axisBtn("step", "Steps"), time: axisBtn("time", "Loop time") };
    this.playBtn = h("button", { type: "button", class: "icon-btn", title: "Play the run step by step", "aria-label": "Play", "data-testid": "tl-play", onclick: () => this.togglePlay() }, icon("play"));
    this.stepInfo = h("span", { class: "tl-stepinfo", "aria-live": "polite", "data-testid": "tl-step" }, "");
    const exportMenu = h(
      "details",
      { class: "menu" },
      h("summary", { class: "btn small" }, "Export"),
      h(
        "div",
        { class: "menu-list", role: "menu" },
        h("button", { type: "button", role: "menuitem", onclick: () => this.exportChrome() }, "Chrome trace JSON (Perfetto)"),
        h("button", { type: "button", role: "menuitem", onclick: () => this.exportSVG() }, "Picture as SVG"),
        h("button", { type: "button", role: "menuitem", onclick: () => this.exportPNG() }, "Picture as PNG"),
      ),
    );
    // A chosen item closes the menu.
    exportMenu.addEventListener("click", (e) => {
      if ((e.target as HTMLElement).closest("[role=menuitem]")) exportMenu.open = false;
    });
    // A <details> menu closes by neither Escape nor a click elsewhere by itself.
    exportMenu.addEventListener("keydown", (e) => {
      if (e.key !== "Escape" || !exportMenu.open) return;
      e.preventDefault();
      e.stopPropagation();
      exportMenu.open = false;
      exportMenu.querySelector("summary")?.focus();
    });
    document.addEventListener("pointerdown", (e) => {
      if (exportMenu.open && !exportMenu.contains(e.target as Node)) exportMenu.open = false;
    });
    const toolbar = h(
      "div",
      { class: "tl-toolbar" },
      h("div", { class: "seg", role: "group", "aria-label": "Timeline axis" }, this.axisBtns.step, this.axisBtns.time),
      h(
        "div",
        { class: "btn-group", role: "group", "aria-label": "Zoom" },
        h("button", { type: "button", class: "icon-btn", title: "Zoom out (−)", "aria-label": "Zoom out", onclick: () => this.zoomBy(1 / 1.6) }, "−"),
        h("button", { type: "button", class: "icon-btn", title: "Zoom in (+)", "aria-label": "Zoom in", onclick: () => this.zoomBy(1.6) }, "+"),
        h("button", { type: "button", class: "btn small", title: "Show the whole run (0)", onclick: () => this.fit() }, "Fit"),
      ),
      h(
        "div",
        { class: "btn-group", role: "group", "aria-label": "Step-through playback (arrow keys step)", onkeydown: (e: Event) => this.playbackKey(e as KeyboardEvent) },
        h("button", { type: "button", class: "icon-btn", title: "Previous step (←)", "aria-label": "Previous step", "data-testid": "tl-prev", onclick: () => this.playback.previous() }, icon("prev")),
        this.playBtn,
        h("button", { type: "button", class: "icon-btn", title: "Next step (→)", "aria-label": "Next step", "data-testid": "tl-next", onclick: () => this.playback.next() }, icon("next")),
      ),
      this.stepInfo,
      h("span", { class: "spacer" }),
      exportMenu,
    );
    this.canvas = h("canvas", {
      hidden: true, // until a run has events (setEvents)
      tabindex: 0,
      role: "img",
      "aria-label": "Timeline of the run. Arrow keys step through it; plus and minus zoom.",
    });
    this.tooltip = h("div", { class: "tl-tooltip", role: "tooltip", hidden: true });
    this.empty = h("div", { class: "tl-empty" }, EMPTY_NOTE);
    // The canvas is only as tall as the pane (it sticks to the top as the
    // lanes scroll, and draws those in view): one the height of every lane
    // took seconds to draw for a few hundred tasks, and past Chromium's
    // largest canvas drew nothing.
    this.spacer = h("div", { class: "tl-spacer", "aria-hidden": "true" });
    this.wrap = h("div", { class: "tl-canvas-wrap" }, this.canvas, this.spacer, this.tooltip, this.empty);
    this.wrap.addEventListener("scroll", () => this.redraw(), { passive: true });
    this.panel = new StatePanel({
      onTask: (f) => {
        this.laneChosen = f.lane;
        this.element.dataset.laneChosen = String(f.lane);
        this.showLane(f.lane);
        this.redraw();
        this.hooks.onLine(f.createdLine);
      },
    });
    this.warnings = new WarningsPanel({
      onChoose: (w) => {
        this.warningMark = w.mark;
        if (w.step >= 0) this.playback.goTo(w.step);
        this.showLane(w.lane);
        this.redraw();
        // After the step's own line: the warning's line is what it is about.
        this.hooks.onLine(w.line);
      },
    });
    this.element = h(
      "section",
      { class: "timeline" + (opts.compact ? " compact" : ""), "data-testid": "timeline", "aria-label": "Timeline" },
      toolbar,
      this.warnings.element,
      this.panel.narration,
      h("div", { class: "tl-body" }, this.wrap, opts.compact ? null : this.panel.element),
      this.legendEl,
    );
    this.view = fitView(this.model, "step", 600, 100);
    // A handle for the browser tests (where to click an item).
    Object.defineProperty(this.element, "loopscopeTimeline", { value: this, configurable: true });
    this.listen();
    new ResizeObserver(() => this.resize()).observe(this.wrap);
    // Redraw with the other palette when the colour scheme flips; the
    // legend's glyphs too, whose colours were read when they were drawn.
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
      this.refreshLegend();
      this.redraw();
    });
  }

  /** The axis on show. */
  get axis(): Axis {
    return this.view.axis;
  }

  get currentModel(): TimelineModel {
    return this.model;
  }

  /**
   * Shows a run's events; note is what an empty timeline says; said: whether
   * the run's output says a sentence already (the warnings do not repeat it).
   */
  setEvents(events: readonly TraceEvent[], note = EMPTY_NOTE, said?: (text: string) => boolean) {
    this.empty.textContent = note;
    this.playback.reset();
    this.model = buildModel(events);
    this.hover = undefined;
    this.warningMark = undefined;
    this.laneChosen = undefined;
    delete this.element.dataset.laneChosen;
    this.panel.setModel(this.model);
    this.warnings.set(this.model.warnings, said);
    this.refreshLegend();
    this.element.dataset.lanes = String(this.model.lanes.length);
    this.element.dataset.spans = String(this.model.spans.length);
    this.element.dataset.marks = String(this.model.marks.length);
    this.element.dataset.arrows = String(this.model.arrows.length);
    this.element.dataset.events = String(this.model.events.length);
    // Slow-step reports depend on the machine (a cold wasm first run compiles as it goes): tests discount them.
    this.element.dataset.slowSteps = String(this.model.events.filter((e) => e.kind === "diag" && e.detail === "slow").length);
    this.empty.hidden = this.model.events.length > 0;
    this.canvas.hidden = this.model.events.length === 0;
    if (this.fitted || this.model.events.length === 0) this.fit(false);
    this.updateStepInfo();
    this.redraw();
  }

  /** A new legend for this run's symbols and the page's colours; "All symbols" stays as open as it was. */
  private refreshLegend() {
    const wasOpen = !!this.legendEl.querySelector("details")?.open;
    const fresh = pageLegend(usedKeys(this.model));
    const all = fresh.querySelector("details");
    if (all) all.open = wasOpen;
    this.legendEl.replaceWith(fresh);
    this.legendEl = fresh;
  }

  setAxis(axis: Axis) {
    for (const [a, b] of Object.entries(this.axisBtns)) b.setAttribute("aria-pressed", String(a === axis));
    this.view = fitView(this.model, axis, this.view.width, this.view.height);
    this.fitted = true;
    this.redraw();
  }

  fit(redraw = true) {
    this.view = fitView(this.model, this.view.axis, this.wrap.clientWidth || this.view.width, this.view.height);
    this.fitted = true;
    if (redraw) this.redraw();
  }

  zoomBy(f: number, atX = LABEL_W + (this.view.width - LABEL_W) / 2) {
    const u = unitOfX(this.view, atX);
    const min = (this.view.width - LABEL_W) / extent(this.model, this.view.axis) / 4;
    const max = this.view.axis === "step" ? 200 : 1e3; // px per step / per ns
    const scale = Math.max(min, Math.min(max, this.view.scale * f));
    this.view = { ...this.view, scale, offset: u - (atX - LABEL_W) / scale };
    this.fitted = false;
    this.redraw();
  }

  panBy(px: number) {
    this.view = { ...this.view, offset: this.view.offset + px / this.view.scale };
    this.fitted = false;
    this.redraw();
  }

  /** Playback: go to step i (-1 = whole run). */
  goToStep(i: number) {
    this.playback.goTo(i);
  }

  /** Playback: the next step (1) or the one before (-1), as → and ← do. */
  stepBy(d: 1 | -1) {
    if (d > 0) this.playback.next();
    else this.playback.previous();
  }

  /** Where span i is drawn, in client coordinates (for tests and tours). */
  spanCenter(i: number): { x: number; y: number } | undefined {
    const s = this.model.spans[i];
    if (!s) return undefined;
    const r = spanRect(this.view, s);
    const c = this.canvas.getBoundingClientRect();
    return { x: c.left + r.x + Math.min(r.w / 2, 6), y: c.top + r.y + r.h / 2 - this.top };
  }

  /** Scrolls the lanes so that lane i is in view. */
  showLane(i: number) {
    const top = laneY(i);
    if (top < this.wrap.scrollTop || top + LANE_H > this.wrap.scrollTop + this.wrap.clientHeight) this.wrap.scrollTop = Math.max(0, top - LANE_H);
  }

  /** The item a pointer at client point (x, y) would show (tests). */
  itemAt(x: number, y: number): Item | undefined {
    const c = this.canvas.getBoundingClientRect();
    return this.hit(x - c.left, y - c.top + this.top);
  }

  /** Where mark i is drawn, in client coordinates (tests). */
  markCenter(i: number): { x: number; y: number } | undefined {
    const m = this.model.marks[i];
    return m && this.toClient(markPoint(this.view, m));
  }

  /** The middle of wait i's band, in client coordinates (tests). */
  waitCenter(i: number): { x: number; y: number } | undefined {
    const w = this.model.waits[i];
    if (!w) return undefined;
    const r = waitRect(this.view, w);
    return this.toClient({ x: r.x + r.w / 2, y: r.y });
  }

  /** Where lane i's name is, in client coordinates (tests). */
  laneLabelCenter(i: number): { x: number; y: number } {
    return this.toClient({ x: LABEL_W / 2, y: laneY(i) + LANE_H / 2 });
  }

  private toClient(p: { x: number; y: number }): { x: number; y: number } {
    const c = this.canvas.getBoundingClientRect();
    return { x: c.left + p.x, y: c.top + p.y - this.top };
  }

  /** Lane px scrolled above the canvas: lane rows are laid out in the wrap's scroll coordinates. */
  private get top(): number {
    return this.view.top ?? 0;
  }

  /** The words a hover or tap on item shows. */
  tooltipOf(item: Item, how: "click" | "tap" = "click"): string[] {
    return tooltipLines(this.model, item, how);
  }

  /** What is drawn where now, in lane coordinates (origin: their (0, 0) in client coordinates): the bars' labels as measured, the marks, the step axis's ticks (geometry tests). */
  layout() {
    const ctx = this.canvas.getContext("2d")!;
    ctx.font = LABEL_FONT;
    const measure = (t: string) => ctx.measureText(t).width;
    const c = this.canvas.getBoundingClientRect();
    return {
      width: this.view.width,
      axis: this.view.axis,
      origin: { x: c.left, y: c.top - this.top }, // where lane coordinates' (0, 0) is on the page, scrolled or not
      labels: layoutLabels(this.model, this.view, measure).map((l) => {
        const r = spanRect(this.view, l.span);
        return { lane: l.span.lane, step: this.model.spans.indexOf(l.span), x: l.x, y: l.y, w: measure(l.text), text: l.text, full: l.full, barX: r.x, barW: r.w };
      }),
      marks: this.model.marks.map((m) => ({ lane: m.lane, kind: m.kind, ...markPoint(this.view, m) })),
      ticks: ticks(this.view, this.model.stepStarts).map((t) => ({ label: t.label, x: xOf(this.view, t.unit) })),
      markKinds: [...MARK_KINDS],
      waitKinds: [...WAIT_KINDS],
      arrowKinds: [...ARROW_KINDS],
    };
  }

  get stepIndex(): number {
    return this.playback.index;
  }

  /** Arrow keys on the playback buttons step, as on the canvas. */
  private playbackKey(e: KeyboardEvent) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    e.preventDefault();
    this.stepBy(e.key === "ArrowRight" ? 1 : -1);
  }

  private togglePlay() {
    if (this.playback.playing) this.playback.pause();
    else this.playback.play();
  }

  private stepChanged(i: number) {
    const step = i >= 0 ? this.model.spans[i] : undefined;
    this.playBtn.replaceChildren(icon(this.playback.playing ? "pause" : "play"));
    this.playBtn.setAttribute("aria-label", this.playback.playing ? "Pause" : "Play");
    this.updateStepInfo();
    if (step) this.scrollIntoView(step);
    this.panel.showStep(i);
    this.redraw();
    this.hooks.onStep(step, this.model);
  }

  private updateStepInfo() {
    const n = this.model.spans.length;
    const i = this.playback.index;
    if (n === 0) this.stepInfo.textContent = "";
    else if (i < 0) this.stepInfo.textContent = n === 1 ? "1 step" : `${n} steps`;
    else {
      const s = this.model.spans[i];
      this.stepInfo.textContent = `step ${i + 1}/${n} · ${s.name} @ ${formatNs(s.t0)}`;
    }
  }

  private scrollIntoView(s: Span) {
    const r = spanRect(this.view, s);
    if (r.x < LABEL_W || r.x + r.w > this.view.width) {
      const mid = (this.view.width - LABEL_W) / 2;
      this.view = { ...this.view, offset: this.view.offset + (r.x - LABEL_W - mid) / this.view.scale };
    }
    const top = laneY(s.lane);
    if (top < this.wrap.scrollTop || top + LANE_H > this.wrap.scrollTop + this.wrap.clientHeight) {
      this.wrap.scrollTop = Math.max(0, top - LANE_H);
    }
  }

  private resize() {
    const w = this.wrap.clientWidth;
    if (!w) return;
    if (this.fitted) this.view = fitView(this.model, this.view.axis, w, this.view.height);
    else this.view = { ...this.view, width: w };
    this.redraw();
  }

  redraw() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      // An empty run's canvas is hidden behind the note: nothing to draw
      // (and no styles to read while the page starts).
      if (!this.canvas.hidden) this.paint();
    });
  }

  /** How many px of this run's lanes are out of view at the pane's height now. */
  hiddenLanesPx(): number {
    if (this.model.events.length === 0) return 0;
    return Math.max(0, contentHeight(this.model) - this.wrap.clientHeight);
  }

  /** Draws now; returns how long it took (ms). */
  paint(): number {
    const began = performance.now();
    const width = this.wrap.clientWidth || this.view.width;
    const content = contentHeight(this.model);
    // A wrap that grows with its content (a framed embed, up to its max-height) reports the content's height.
    const height = Math.min(content, this.wrap.clientHeight || content, MAX_CANVAS_H);
    this.spacer.style.height = `${content - height}px`;
    const top = Math.max(0, Math.min(this.wrap.scrollTop, content - height));
    this.view = { ...this.view, width, height, top };
    this.drawOn(this.canvas, this.view);
    this.lastDrawMs = performance.now() - began;
    this.element.dataset.drawMs = this.lastDrawMs.toFixed(2);
    return this.lastDrawMs;
  }

  private drawOn(canvas: HTMLCanvasElement, view: View) {
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(view.width * dpr) || canvas.height !== Math.round(view.height * dpr)) {
      canvas.width = Math.round(view.width * dpr);
      canvas.height = Math.round(view.height * dpr);
      canvas.style.width = `${view.width}px`;
      canvas.style.height = `${view.height}px`;
    }
    const ctx = canvas.getContext("2d")!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const hl: Highlight = { current: this.model.spans[this.playback.index], hover: this.hover ?? this.warningMark, lane: this.laneChosen };
    draw(ctx, this.model, view, readPalette(this.element), hl);
  }

  /** The item at (x, y) in lane coordinates (y from the top of the first lane's axis row, scrolled or not): a mark, a step or callback, a wait, or a lane's name. */
  hit(x: number, y: number): Item | undefined {
    if (y - this.top < AXIS_H) return undefined; // the axis row, drawn over the lanes scrolled under it
    const lane = Math.floor((y - laneY(0)) / LANE_H);
    if (x < LABEL_W) return y >= laneY(0) ? this.model.lanes[lane] : undefined;
    let best: Item | undefined;
    let bestD = 7;
    for (const m of this.model.marks) {
      const p = markPoint(this.view, m);
      const d = Math.max(Math.abs(p.x - x), Math.abs(p.y - y));
      if (d < bestD) {
        best = m;
        bestD = d;
      }
    }
    // On a mark, the mark; inside a bar but off its marks, the bar; near a mark, the mark.
    if (best && bestD <= 4) return best;
    for (const s of this.model.spans) {
      if (s.lane !== lane) continue;
      const r = spanRect(this.view, s);
      if (x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h) return s;
    }
    if (best) return best;
    for (const s of this.model.spans) {
      if (s.lane !== lane) continue;
      const r = spanRect(this.view, s);
      if (x >= r.x - 2 && x <= r.x + r.w + 2 && y >= r.y - 4 && y <= r.y + r.h + 4) return s;
    }
    for (const w of this.model.waits) {
      if (w.lane !== lane) continue;
      const r = waitRect(this.view, w);
      if (x >= r.x && x <= r.x + r.w && Math.abs(y - r.y) <= WAIT_BAND + 4) return w;
    }
    return undefined;
  }

  private listen() {
    const c = this.canvas;
    let drag: { x: number; offset: number; moved: boolean } | undefined;
    // In lane coordinates: the wrap's scroll coordinates, where the tooltip goes too.
    const local = (e: MouseEvent) => {
      const r = c.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top + this.top };
    };
    c.addEventListener("pointerdown", (e) => {
      drag = { x: e.clientX, offset: this.view.offset, moved: false };
      c.setPointerCapture(e.pointerId);
    });
    c.addEventListener("pointermove", (e) => {
      if (drag && (e.buttons & 1)) {
        const dx = e.clientX - drag.x;
        if (Math.abs(dx) > 3) drag.moved = true;
        if (drag.moved) {
          this.view = { ...this.view, offset: drag.offset - dx / this.view.scale };
          this.fitted = false;
          this.tooltip.hidden = true;
          this.redraw();
          return;
        }
      }
      const p = local(e);
      const item = this.hit(p.x, p.y);
      if (item !== this.hover) {
        this.hover = item;
        this.redraw();
      }
      c.style.cursor = item ? "pointer" : drag ? "grabbing" : "grab";
      this.showTooltip(item, p.x, p.y);
    });
    c.addEventListener("pointerup", (e) => {
      const moved = drag?.moved;
      drag = undefined;
      if (moved) return;
      const p = local(e);
      const item = this.hit(p.x, p.y);
      // A finger has no hover: a tap shows what a hover would (and a tap on nothing hides it).
      if (e.pointerType !== "mouse") {
        this.hover = item;
        this.showTooltip(item, p.x, p.y, "tap");
        this.redraw();
      }
      if (!item || isLane(item)) return;
      if (isSpan(item)) this.playback.goTo(this.model.spans.indexOf(item));
      else {
        // A warning's mark: its entry in the warnings panel too.
        const wi = this.model.warnings.findIndex((w) => w.mark === item);
        if (wi >= 0) {
          this.warningMark = this.model.warnings[wi].mark;
          this.warnings.highlight(wi);
          this.redraw();
        }
      }
      this.hooks.onLine(item.line);
    });
    c.addEventListener("pointerleave", (e) => {
      if (e.pointerType !== "mouse") return; // a tap's tooltip stays until the next tap
      this.hover = undefined;
      this.tooltip.hidden = true;
      this.redraw();
    });
    c.addEventListener(
      "wheel",
      (e) => {
        // Pinch or Ctrl+wheel zooms; a sideways or Shift+wheel pans; plain wheel scrolls the lanes.
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          this.zoomBy(Math.exp(-e.deltaY / 200), local(e).x);
        } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
          e.preventDefault();
          this.panBy(e.shiftKey ? e.deltaY : e.deltaX);
        }
      },
      { passive: false },
    );
    c.addEventListener("dblclick", (e) => this.zoomBy(2, local(e).x));
    c.addEventListener("keydown", (e) => {
      const keys: Record<string, () => void> = {
        ArrowRight: () => this.stepBy(1),
        ArrowLeft: () => this.stepBy(-1),
        Home: () => this.playback.goTo(0),
        End: () => this.playback.goTo(this.model.spans.length - 1),
        Escape: () => this.playback.goTo(-1),
        "+": () => this.zoomBy(1.6),
        "=": () => this.zoomBy(1.6),
        "-": () => this.zoomBy(1 / 1.6),
        "0": () => this.fit(),
        " ": () => this.togglePlay(),
      };
      const f = keys[e.key];
      if (f) {
        e.preventDefault();
        f();
      }
    });
  }

  private showTooltip(item: Item | undefined, x: number, y: number, how: "click" | "tap" = "click") {
    const tip = this.tooltip;
    if (!item) {
      tip.hidden = true;
      return;
    }
    const lines = tooltipLines(this.model, item, how);
    tip.replaceChildren(...lines.map((l, i) => h("div", { class: i === 0 ? "tip-title" : "" }, l)));
    tip.hidden = false;
    const wrapW = this.wrap.clientWidth;
    const left = Math.min(x + 14, wrapW - tip.offsetWidth - 8);
    tip.style.left = `${Math.max(4, left)}px`;
    // Below the pointer, or above it when it would leave the visible pane.
    const bottom = this.wrap.scrollTop + this.wrap.clientHeight;
    const below = y + 14;
    tip.style.top = `${below + tip.offsetHeight > bottom ? Math.max(this.wrap.scrollTop + 2, y - tip.offsetHeight - 10) : below}px`;
  }

  private exportChrome() {
    const json = JSON.stringify(toChromeTrace(this.model));
    download("loopscope-trace.json", new Blob([json], { type: "application/json" }));
  }

  private exportSVG() {
    const svg = toSVG(this.model, this.view, readPalette(this.element));
    download("loopscope-timeline.svg", new Blob([svg], { type: "image/svg+xml" }));
  }

  /** The picture of every lane (up to MAX_CANVAS_H px), not only those in view. */
  private exportPNG() {
    const canvas = document.createElement("canvas");
    this.drawOn(canvas, { ...this.view, height: Math.min(contentHeight(this.model), MAX_CANVAS_H), top: 0 });
    canvas.toBlob((b) => b && download("loopscope-timeline.png", b), "image/png");
  }
}

/** The tallest canvas drawn, css px: far below Chromium's limit (32767 px a side) at any pixel ratio. */
const MAX_CANVAS_H = 8000;

const EMPTY_NOTE = "Run the program to see what the event loop did: one lane per task, callbacks, timers, wake-ups and cancellations.";

/** The legend in the page's current colours, naming what the run uses. */
function pageLegend(used?: Set<string>): HTMLElement {
  const root = document.documentElement;
  const colours = () => ({ p: readPalette(root), bg: getComputedStyle(root).getPropertyValue("--panel").trim() || "transparent" });
  return legend(colours, used, matchMedia("(max-width: 760px)").matches);
}
