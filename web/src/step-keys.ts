// The narration says "Press ▶ or →": → and ← step through the run from
// wherever the focus is (right after Run it is on Run), unless it is
// somewhere that uses the arrows itself (the editor, a field, a menu, the
// clock's radio buttons, the canvas, which steps on its own).
import type { TimelineView } from "./timeline/timeline-view";

export function stepWithArrows(timeline: () => TimelineView | undefined) {
  document.addEventListener("keydown", (e) => {
    if ((e.key !== "ArrowRight" && e.key !== "ArrowLeft") || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const tl = timeline();
    if (!tl || !arrowsAreFree(e.target) || tl.currentModel.spans.length === 0) return;
    e.preventDefault();
    tl.stepBy(e.key === "ArrowRight" ? 1 : -1);
  });
}

/** Is t a place whose arrow keys do nothing of their own: the page, a plain button or link, the output? */
function arrowsAreFree(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement) || t === document.body || t === document.documentElement) return true;
  if (t.isContentEditable || t.closest('[data-testid="editor"]')) return false;
  if ((t instanceof HTMLButtonElement || t instanceof HTMLAnchorElement) && !t.hasAttribute("role")) return true;
  return t.getAttribute("role") === "log";
}
