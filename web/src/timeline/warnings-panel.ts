// The warnings panel above the timeline's lanes: each warning of the run
// (warnings.ts) with what happened, where (line and step), and what to do
// instead. Choosing one shows its line in the editor and its step and mark
// on the timeline. Text only, never HTML.
import { h } from "../dom";
import type { PlacedWarning } from "./model";

export interface WarningsPanelHooks {
  /** A warning was chosen (click, Enter or Space). */
  onChoose(w: PlacedWarning, i: number): void;
}

export class WarningsPanel {
  readonly element: HTMLElement;
  private head: HTMLElement;
  private list: HTMLElement;
  private items: HTMLElement[] = [];

  constructor(private hooks: WarningsPanelHooks) {
    this.head = h("h3", { class: "wn-head" });
    this.list = h("ol", { class: "wn-list" });
    this.element = h("section", { class: "tl-warnings", "data-testid": "warnings", "aria-label": "Warnings", hidden: true }, this.head, this.list);
    this.element.dataset.count = "0";
  }

  /** A run's warnings (none: the panel hides). */
  set(ws: PlacedWarning[]) {
    this.element.dataset.count = String(ws.length);
    this.element.hidden = ws.length === 0;
    this.head.textContent =
      ws.length === 1
        ? "⚠ 1 warning · choose it to see its line and its step"
        : `⚠ ${ws.length} warnings · choose one to see its line, its step and what to do instead`;
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
        h("div", { class: "wn-text" }, w.text),
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
