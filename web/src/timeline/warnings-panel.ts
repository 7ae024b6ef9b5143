// The warnings panel above the timeline's lanes: each warning of the run
// (warnings.ts) with what happened, where (line and step), and what to do
// instead. Choosing one shows its line in the editor and its step and mark
// on the timeline. Text only, never HTML.
//
// Several warnings start folded into one line that names them ("▸ ⚠ 4
// warnings: Never awaited ×3, Blocked the loop"): open, they took most of
// a short timeline pane and left one or two lanes to see. One warning is
// shown whole, as it takes little more. Opening them stays chosen for the
// next runs; choosing a warning's mark on the timeline opens them too.
import { h } from "../dom";
import type { PlacedWarning } from "./model";

export interface WarningsPanelHooks {
  /** A warning was chosen (click, Enter or Space). */
  onChoose(w: PlacedWarning, i: number): void;
}

export class WarningsPanel {
  readonly element: HTMLElement;
  private head: HTMLElement;
  private toggle: HTMLButtonElement;
  private list: HTMLElement;
  private items: HTMLElement[] = [];
  private warnings: PlacedWarning[] = [];
  /** Several warnings are shown open (the learner opened them). */
  private open = false;

  constructor(private hooks: WarningsPanelHooks) {
    this.toggle = h("button", { type: "button", class: "wn-toggle", "data-testid": "warnings-toggle", "aria-expanded": "false", onclick: () => this.setOpen(!this.open) });
    this.head = h("h3", { class: "wn-head" });
    this.list = h("ol", { class: "wn-list", id: "wn-list" });
    this.toggle.setAttribute("aria-controls", "wn-list");
    this.element = h("section", { class: "tl-warnings", "data-testid": "warnings", "aria-label": "Warnings", hidden: true }, this.head, this.list);
    this.element.dataset.count = "0";
  }

  /** Opens or folds several warnings (one is always open). */
  setOpen(open: boolean) {
    this.open = open;
    this.render();
  }

  private render() {
    const ws = this.warnings;
    const folds = ws.length > 1;
    const shown = !folds || this.open;
    this.list.hidden = !shown;
    this.element.classList.toggle("wn-folded", !shown);
    this.toggle.setAttribute("aria-expanded", String(shown));
    if (!folds) {
      this.head.replaceChildren("⚠ 1 warning · choose it to see its line and its step");
      return;
    }
    // The disclosure triangle first, as <details> draws it: a long summary's end is cut off on a narrow pane.
    this.toggle.textContent = shown
      ? `▾ ⚠ ${ws.length} warnings · choose one to see its line, its step and what to do instead`
      : `▸ ⚠ ${ws.length} warnings: ${titles(ws)}`;
    this.toggle.title = shown ? "Fold the warnings into one line" : "Show the warnings";
    this.head.replaceChildren(this.toggle);
  }

  /**
   * A run's warnings (none: the panel hides). said: whether the output says
   * a sentence already; a warning that has fewer words for that case
   * (brief) uses them, so the learner reads the sentence once.
   */
  set(ws: PlacedWarning[], said: (text: string) => boolean = () => false) {
    this.warnings = ws;
    this.element.dataset.count = String(ws.length);
    this.element.hidden = ws.length === 0;
    this.render();
    this.items = ws.map((w, i) => {
      const where = [w.line ? `line ${w.line}` : "", w.step >= 0 ? `step ${w.step + 1}` : ""].filter(Boolean).join(" · ");
      const li = h(
        "li",
        {
          class: ws.length === 1 ? "wn-item wn-open" : "wn-item",
          tabindex: 0,
          "data-kind": w.kind,
          title: `Show ${[w.line ? `line ${w.line} in the program` : "", w.step >= 0 ? `step ${w.step + 1} on the timeline` : ""].filter(Boolean).join(" and ") || "it"}`,
        },
        h("div", { class: "wn-top" }, h("span", { class: "wn-title" }, w.title), where ? h("span", { class: "wn-where" }, where) : null),
        h("div", { class: "wn-text" }, w.brief && said(w.saidAs ?? w.text) ? w.brief : w.text),
        h("div", { class: "wn-advice" }, h("span", { class: "wn-instead" }, "Instead: "), w.advice),
      );
      const choose = () => {
        this.highlight(i);
        this.hooks.onChoose(w, i);
      };
      li.addEventListener("click", choose);
      li.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          choose();
        }
      });
      return li;
    });
    this.list.replaceChildren(...this.items);
  }

  /** Marks warning i as the chosen one and brings it into view (a mark was clicked). */
  highlight(i: number) {
    if (this.items.length > 1 && !this.open) this.setOpen(true);
    this.items.forEach((el, k) => {
      el.classList.toggle("wn-chosen", k === i);
      if (this.items.length > 1) el.classList.toggle("wn-open", k === i);
    });
    const el = this.items[i];
    if (!el) return;
    const top = el.offsetTop - this.list.offsetTop;
    if (top < this.list.scrollTop || top + el.offsetHeight > this.list.scrollTop + this.list.clientHeight) this.list.scrollTop = Math.max(0, top - 4);
  }
}

/** "Never awaited ×3, Blocked the loop": the warnings' titles, in order of first appearance. */
function titles(ws: PlacedWarning[]): string {
  const n = new Map<string, number>();
  for (const w of ws) n.set(w.title, (n.get(w.title) ?? 0) + 1);
  return [...n].map(([t, k]) => (k > 1 ? `${t} ×${k}` : t)).join(", ");
}
