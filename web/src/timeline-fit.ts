// After a run, a timeline pane too short for the run's lanes grows so that
// the lanes a lesson talks about are in view without dragging: at 1280×820
// the bad download's five lanes showed two and a half, its last download
// below the edge. The room comes from the rows above (the editor, which
// scrolls, and the output), leaving the output three lines, and the pane
// never takes more than MAX_SHARE of the window. A height the person chose
// is kept; on a phone the page scrolls instead, and the pane keeps its own.
import type { PaneResizer } from "./pane-resizer";

const OUTPUT_MIN = 100; // the output's heading and three lines
const MAX_SHARE = 0.6;

/**
 * Sizes the timeline pane for the run just shown: back to the layout's own
 * height, then taller by what hidden() (the lanes' px out of view at that
 * height) asks, as far as the output and the window allow.
 */
export function fitTimelinePane(resizer: PaneResizer, pane: HTMLElement, output: HTMLElement, hidden: () => number) {
  if (resizer.chosen) return;
  resizer.set(undefined);
  if (getComputedStyle(pane.parentElement!).display !== "grid") return;
  // Measured again after each step: a pane the layout made too short for
  // its parts' minimum heights gives the lanes less than it grows.
  for (let i = 0; i < 3; i++) {
    const need = hidden();
    if (need <= 0) return;
    const now = pane.getBoundingClientRect().height;
    const extra = Math.min(need, output.getBoundingClientRect().height - OUTPUT_MIN, window.innerHeight * MAX_SHARE - now);
    if (extra < 1) return;
    resizer.set(now + Math.ceil(extra));
  }
}
