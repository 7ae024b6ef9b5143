// The status line: what the runner is doing, loading progress, timings.
import { h } from "./dom";

export type StatusState = "loading" | "ready" | "running" | "ok" | "error" | "failed";

export class StatusBar {
  readonly element: HTMLElement;
  private text: HTMLElement;
  private extra: HTMLElement;
  private bar: HTMLProgressElement;

  constructor() {
    this.text = h("span", { class: "status-text" });
    this.extra = h("span", { class: "status-extra" });
    this.bar = h("progress", { class: "status-progress", max: 1, value: 0, "aria-label": "Loading the Go runner" });
    this.bar.hidden = true;
    this.element = h("div", { class: "status", "data-testid": "status", role: "status", "aria-live": "polite" }, h("span", { class: "status-dot", "aria-hidden": "true" }), this.text, this.bar, this.extra);
  }

  set(state: StatusState, text: string, extra = "") {
    this.element.dataset.state = state;
    this.text.textContent = text;
    this.extra.textContent = extra;
    if (state !== "loading") this.bar.hidden = true;
  }

  get state(): string {
    return this.element.dataset.state ?? "";
  }

  /** what: the runner being loaded, as runner-client names it. */
  progress(loaded: number, total: number, what = "Go runner") {
    // A message the user must read (a broken link) outlasts the progress bar, and so does a run on
    // show: a runner loading in the background (the HTTP one, fetched when its import is typed) must
    // not turn "Running…" or a run's result back into "Loading…".
    if (["error", "running", "ok", "failed"].includes(this.state)) return;
    this.bar.hidden = false;
    this.bar.setAttribute("aria-label", `Loading the ${what}`);
    if (total > 0) {
      this.bar.value = Math.min(1, loaded / total);
      this.text.textContent = `Loading the ${what}… ${mb(loaded)} of ${mb(total)} MB`;
    } else {
      this.bar.removeAttribute("value");
      this.text.textContent = `Loading the ${what}… ${mb(loaded)} MB`;
    }
  }
}

function mb(n: number): string {
  return (n / 1048576).toFixed(1);
}
