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
    // Indeterminate (no value): a download's bytes are not counted (wasm-module.ts).
    this.bar = h("progress", { class: "status-progress", "aria-label": "Loading the Go runner" });
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

  /** what: the runner being loaded, as runner-client names it; bytes: its download's size. */
  downloading(bytes: number, what = "Go runner") {
    // A message the user must read (a broken link) outlasts the progress bar, and so does a run on
    // show: a runner loading in the background (the HTTP one, fetched when its import is typed) must
    // not turn "Running…" or a run's result back into "Loading…".
    if (["error", "running", "ok", "failed"].includes(this.state)) return;
    this.bar.hidden = false;
    this.bar.setAttribute("aria-label", `Loading the ${what}`);
    this.text.textContent = loadingText(what, bytes);
  }
}

export function loadingText(what: string, bytes: number): string {
  return bytes > 0 ? `Loading the ${what} (${mb(bytes)} MB)…` : `Loading the ${what}…`;
}

function mb(n: number): string {
  return (n / 1e6).toFixed(1);
}
