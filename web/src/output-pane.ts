// The output pane: program output, then the outcome (errors, panics,
// deadlocks) in words. Everything is inserted as text, never as HTML.
import type { Diagnostic, OutputLine, RunResult } from "./contract";
import { h, scrollBandIntoView } from "./dom";
import { outcomeInOutput, sayingLine, says } from "./run-outcome";

export class OutputPane {
  readonly element: HTMLElement;
  private lines: HTMLElement;
  private tail: HTMLElement;
  private count = 0;
  private scrollFrame = 0;

  constructor(private onLine: (line: number) => void) {
    this.lines = h("div", { class: "out-lines" });
    this.tail = h("div", { class: "out-tail" });
    this.element = h(
      "div",
      { class: "output", "data-testid": "output", role: "log", "aria-live": "polite", "aria-label": "Program output", tabindex: 0 },
      this.lines,
      this.tail,
    );
  }

  clear(note = "") {
    this.cancelScroll();
    this.lines.replaceChildren();
    this.tail.replaceChildren();
    this.count = 0;
    if (note) this.tail.append(h("div", { class: "out-note" }, note));
  }

  /** Appends one streamed line (real-time mode). */
  append(line: OutputLine) {
    if (this.count === 0) this.tail.replaceChildren();
    this.lines.append(h("div", { class: "out-line" }, line.text));
    this.count++;
    // Scroll once a frame: reading scrollHeight after every line forces a
    // layout of the whole pane each time, which made a program printing
    // thousands of lines take minutes to show.
    if (!this.scrollFrame) {
      this.scrollFrame = requestAnimationFrame(() => {
        this.scrollFrame = 0;
        this.element.scrollTop = this.element.scrollHeight;
      });
    }
  }

  private cancelScroll() {
    cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = 0;
  }

  /** Shows a finished run. */
  showResult(r: RunResult) {
    this.cancelScroll();
    this.lines.replaceChildren(...r.output.map((l) => h("div", { class: "out-line" }, l.text)));
    this.count = r.output.length;
    this.tail.replaceChildren();
    if (r.diagnostics.length) {
      this.tail.append(...r.diagnostics.map((d) => this.diagLine(d)));
    }
    // The outcome in one sentence (the status line only names it:
    // run-outcome.ts), unless a line above already says it: a diagnostic,
    // or a line of output (the program printed the error it got, or the
    // loop's exception handler logged it), which is marked instead.
    if (outcomeInOutput(r) && !(r.outcome === "compile-error" && r.diagnostics.length)) {
      const diag = r.diagnostics.findIndex((d) => says(d.message, r.message));
      const line = diag < 0 ? sayingLine(r.output, r.message) : -1;
      if (diag >= 0) this.tail.children[diag].classList.add("out-said", `outcome-${r.outcome}`);
      else if (line >= 0) this.lines.children[line].classList.add("out-said", `outcome-${r.outcome}`);
      else this.tail.append(h("div", { class: `out-outcome outcome-${r.outcome}`, "data-testid": "outcome" }, r.message || outcomeWords[r.outcome]));
    }
    if (r.outcome === "ok" && r.output.length === 0) {
      this.tail.append(h("div", { class: "out-note" }, "The program printed nothing."));
    }
    this.element.scrollTop = r.outcome === "ok" ? 0 : this.element.scrollHeight;
  }

  /** A note after the outcome: what to do about it. */
  note(text: string) {
    this.tail.append(h("div", { class: "out-note", "data-testid": "output-note" }, text));
  }

  /** Playback: show only the first n lines of output, the last one marked. */
  showUpTo(n: number | undefined) {
    const kids = this.lines.children;
    for (let i = 0; i < kids.length; i++) {
      const el = kids[i] as HTMLElement;
      el.classList.toggle("out-future", n !== undefined && i >= n);
      el.classList.toggle("out-latest", n !== undefined && i === n - 1);
    }
    this.tail.classList.toggle("out-future", n !== undefined && n < kids.length);
    const latest = n !== undefined && n > 0 ? (kids[n - 1] as HTMLElement) : undefined;
    if (latest) {
      const r = latest.getBoundingClientRect();
      scrollBandIntoView(this.element, r.top, r.bottom);
    }
  }

  private diagLine(d: Diagnostic): HTMLElement {
    return h(
      "button",
      { type: "button", class: "out-diag", title: "Show in the editor", onclick: () => this.onLine(d.line) },
      h("span", { class: "out-pos" }, d.col > 0 ? `${d.line}:${d.col}` : `line ${d.line}`),
      " ",
      d.message,
    );
  }
}

const outcomeWords: Record<RunResult["outcome"], string> = {
  ok: "Done.",
  "compile-error": "The program does not compile.",
  panic: "The program panicked.",
  error: "The run failed.",
  deadlock: "Deadlock: nothing can ever run again.",
  failed: "The program failed: a task's error ended it.",
  limit: "The run hit a limit.",
  crash: "The runner crashed.",
};
