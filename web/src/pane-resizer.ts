// A bar to drag (or move with the arrow keys) that makes the timeline pane
// taller or shorter: a run with many tasks gets room for its lanes. The
// height goes in a CSS variable (--tl-h) on the workspace, which the grid
// (desktop) and the pane's height (phone) read. The page may size the pane
// itself (timeline-fit.ts) until the person does.
import { h } from "./dom";

export interface PaneResizer {
  readonly element: HTMLElement;
  /** Whether the person has sized the pane (then the page leaves it alone). */
  readonly chosen: boolean;
  /** Sets the pane's height in px, or with undefined gives it back to the layout. */
  set(px: number | undefined): void;
}

const MIN = 140;
const KEY_STEP = 40;

export function paneResizer(pane: HTMLElement, workspace: HTMLElement): PaneResizer {
  const max = () => Math.max(MIN, window.innerHeight - 120);
  const bar = h("div", {
    class: "pane-resizer",
    role: "separator",
    tabindex: 0,
    "aria-orientation": "horizontal",
    "aria-label": "Timeline height: drag, or use the up and down arrow keys",
    title: "Drag to make the timeline taller or shorter (or focus it and press ↑ / ↓)",
    "data-testid": "timeline-resizer",
  });
  const set = (px: number) => {
    const v = Math.round(Math.max(MIN, Math.min(max(), px)));
    workspace.style.setProperty("--tl-h", `${v}px`);
    bar.setAttribute("aria-valuenow", String(v));
    bar.setAttribute("aria-valuemin", String(MIN));
    bar.setAttribute("aria-valuemax", String(Math.round(max())));
  };
  const height = () => pane.getBoundingClientRect().height;
  let drag: { y: number; h: number } | undefined;
  let chosen = false;
  bar.addEventListener("pointerdown", (e) => {
    e.preventDefault();
    chosen = true;
    drag = { y: e.clientY, h: height() };
    bar.setPointerCapture(e.pointerId);
    bar.classList.add("dragging");
  });
  bar.addEventListener("pointermove", (e) => {
    if (drag) set(drag.h - (e.clientY - drag.y)); // up makes it taller
  });
  const end = () => {
    drag = undefined;
    bar.classList.remove("dragging");
  };
  bar.addEventListener("pointerup", end);
  bar.addEventListener("pointercancel", end);
  bar.addEventListener("keydown", (e) => {
    const by: Record<string, number> = { ArrowUp: KEY_STEP, ArrowDown: -KEY_STEP, PageUp: 4 * KEY_STEP, PageDown: -4 * KEY_STEP };
    if (e.key in by) {
      e.preventDefault();
      chosen = true;
      set(height() + by[e.key]);
    } else if (e.key === "Home" || e.key === "End") {
      e.preventDefault();
      chosen = true;
      set(e.key === "End" ? MIN : max());
    }
  });
  return {
    element: bar,
    get chosen() {
      return chosen;
    },
    set(px) {
      if (px !== undefined) return set(px);
      workspace.style.removeProperty("--tl-h");
      for (const a of ["aria-valuenow", "aria-valuemin", "aria-valuemax"]) bar.removeAttribute(a);
    },
  };
}
