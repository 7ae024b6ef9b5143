// One playground's run flow, shared by the full page and the embed: run,
// stream, show the outcome in the output, the editor and the timeline.
import type { Clock, RunResult, TraceEvent } from "./contract";
import type { Lang } from "./language";
import type { Editor } from "./editor";
import { SLOW_MS, traceWarnings } from "./run-facts";
import { outputSays, statusText } from "./run-outcome";
import type { OutputPane } from "./output-pane";
import type { RunnerClient } from "./runner-client";
import type { StatusBar } from "./status-bar";
import type { TimelineView } from "./timeline/timeline-view";
import { wrongLanguageHint } from "./wrong-language";

export interface SessionParts {
  editor: Editor;
  output: OutputPane;
  status: StatusBar;
  client: RunnerClient;
  clock: () => Clock;
  /** The timeline, when it is shown (the embed makes it on demand). */
  timeline: () => TimelineView | undefined;
  onBusy?(busy: boolean): void;
  /** A run's result is on show (output, timeline, status). */
  onShown?(): void;
}

/** The status line of a run in progress. */
export function runningText(clock: Clock): string {
  return clock === "real" ? "Running in real time…" : "Running…";
}

export class RunSession {
  last: RunResult | undefined;
  lastMs = 0;
  private generation = 0;
  private lang: Lang = "go";

  constructor(private p: SessionParts) {}

  /**
   * Runs the programs of another language from now on, on that language's
   * runner: a run in progress on the old one is stopped.
   */
  useClient(client: RunnerClient, lang: Lang) {
    this.lang = lang;
    if (client === this.p.client) return;
    if (this.busy) this.stop();
    this.generation++; // whatever the old runner still sends is not shown
    this.p.client = client;
    this.last = undefined;
    this.p.onBusy?.(false);
  }

  get client(): RunnerClient {
    return this.p.client;
  }

  get busy(): boolean {
    return this.p.client.running;
  }

  async run(): Promise<RunResult> {
    const { editor, output, status, client } = this.p;
    const gen = ++this.generation;
    const clock = this.p.clock();
    editor.clearDiagnostics();
    editor.highlightLine(0);
    output.clear(client.current === "loading" ? `Waiting for the ${client.kind.label} runner to load…` : "");
    const streamed: TraceEvent[] = [];
    let pending = 0;
    // Redraw the growing timeline every 100 ms, or less often when drawing
    // it takes long: rebuilding the model of a run's 100k events each time
    // kept the page's thread busy, and the Stop button and the editor slow.
    let redrawEvery = 100;
    const timeline = this.p.timeline();
    if (clock === "real") timeline?.setEvents([]);
    this.p.onBusy?.(true);
    status.set("running", runningText(clock));
    const began = performance.now();
    const source = editor.text;
    const result = await client.run({ source, clock, slowMs: SLOW_MS }, (m) => {
      if (gen !== this.generation) return;
      if (m.type === "output") output.append(m);
      else if (m.type === "event") {
        streamed.push(m.event);
        if (!pending) {
          pending = window.setTimeout(() => {
            pending = 0;
            if (gen !== this.generation || !this.busy) return;
            const t0 = performance.now();
            this.p.timeline()?.setEvents(streamed);
            // At most a fifth of the page's time goes to it.
            redrawEvery = Math.max(100, 4 * (performance.now() - t0));
          }, redrawEvery);
        }
      }
    });
    clearTimeout(pending);
    const ms = performance.now() - began;
    if (gen !== this.generation) return result;
    this.last = result;
    this.lastMs = ms;
    this.p.onBusy?.(false);
    try {
      const t0 = performance.now();
      this.show(result, ms, source);
      // What showing a run takes the page (make bench reads it for a run of 1500 tasks).
      this.p.status.element.dataset.showMs = (performance.now() - t0).toFixed(1);
    } catch (e) {
      // A bug of the page's, not the program's: never leave "Running…" on show.
      this.p.status.set("error", `The page could not show this run: ${(e as Error)?.message ?? e}. The output shows what the program printed.`);
      throw e;
    }
    return result;
  }

  show(result: RunResult, ms: number, source: string) {
    const { editor, output, status } = this.p;
    output.showResult(result);
    const hint = wrongLanguageHint(this.lang, source, result);
    if (hint) output.note(hint);
    const timeline = this.p.timeline();
    timeline?.setEvents(
      result.events,
      result.outcome === "compile-error"
        ? "No timeline: the program did not compile."
        : result.outcome === "crash"
          ? "No timeline: the runner crashed, and what the loop did was lost with it."
          : this.lang === "python"
            ? "This run made no event-loop events: the program never started an asyncio event loop."
            : "This run made no event-loop events: the program never used a core loop.",
      (text) => outputSays(result, text),
    );
    // The timeline's model has found the warnings already: a big run's trace is not replayed again for them.
    const severity: "warning" | "error" = result.outcome === "ok" ? "warning" : "error";
    const found = traceWarnings(result.events, timeline?.currentModel.warnings);
    const marks = [...result.diagnostics.map((d) => ({ ...d, severity })), ...found.map((d) => ({ ...d, severity: "warning" as const }))];
    if (marks.length) editor.showDiagnostics(marks);
    const ok = result.outcome === "ok";
    const extra = `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms · ${result.events.length} events`;
    status.set(ok ? "ok" : "error", statusText(result), extra);
    this.p.onShown?.();
  }

  stop() {
    this.p.client.stop();
  }

  async format(): Promise<void> {
    const { editor, status, client } = this.p;
    const src = editor.text;
    const r = await client.format(src);
    if ("source" in r) {
      if (editor.text !== src) return; // edited meanwhile: don't clobber
      if (r.source !== src) editor.replaceKeepingCursor(r.source);
      editor.clearDiagnostics();
      status.set("ready", "Formatted.");
    } else {
      if (r.line) editor.showDiagnostics([{ line: r.line, col: r.col ?? 1, message: r.error }]);
      status.set("error", `Can't format: ${r.error}`);
    }
  }
}
