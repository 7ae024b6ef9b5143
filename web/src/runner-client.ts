// The page's side of the runner: owns the Web Worker. Go's wasm port cannot
// preempt a busy loop, so Stop and the wall-time limit terminate the worker
// and start a fresh one; a crashed worker is replaced the same way.
// Three Go runner builds exist. The precompiled one has no interpreter, only
// the examples compiled in (wasm/precompiled): a page starts with it, and a
// new visitor's first run of an unchanged example is a fraction of the
// interpreter's cold start. The first program that is no unchanged example
// (an edit, a shared program, Format) moves the client to the interpreter's
// default build, which leaves out net/http (most of a megabyte and a half);
// a program that imports net/http moves it to the full build. Each move is
// for good: the later builds run every program.
import { stillRunning } from "./run-facts";
import {
  normalizeResult, type FormatResult, type OutputLine, type RunRequest, type RunResult,
  type StreamMessage, type TraceEvent,
} from "./contract";
import type { FromWorker, ToWorker } from "./worker-protocol";
import { needsHTTPRunner } from "./imports";
import { Ev } from "./timeline/event";
import { compileRunner, selfStartingWorkerURL } from "./wasm-module";
import { firstRunAllowanceMs } from "./first-run";
import { hasPrecompiled, isPrecompiled, NOT_PRECOMPILED } from "./precompiled";

export interface RunnerAssets {
  worker: string;
  wasm: string; // the default runner, without net/http
  wasmHTTP: string; // the full runner
  wasmExec: string;
  wasmPrecompiled?: string; // the examples precompiled, no interpreter (Go only)
  snapshot?: string; // Python's memory snapshot, if the build made one
}

/** A Go runner build, in the order a client moves through them. */
export type GoBuild = "precompiled" | "default" | "http";
const BUILD_ORDER: GoBuild[] = ["precompiled", "default", "http"];

/** Set by runner-boot.ts, the page's first script: a runner started early (default build). */
export interface EarlyWorker {
  worker: Worker;
  build: GoBuild; // precompiled, or default when the page is unlikely to show an unchanged example
  received: unknown[]; // messages from the worker until the page adopts it
  failed?: string;
  /** Run was clicked before the page's bundle could handle it. */
  runClicked?: boolean;
  /** Stops noting Run clicks (the bundle handles them from now on). */
  stopWatching?: () => void;
}

/** Takes the early worker, if the page started one; only once. */
export function takeEarlyWorker(): EarlyWorker | undefined {
  const g = globalThis as { loopscopeEarlyWorker?: EarlyWorker };
  const w = g.loopscopeEarlyWorker;
  delete g.loopscopeEarlyWorker;
  w?.stopWatching?.();
  return w;
}

export type RunnerState = "loading" | "ready" | "running" | "failed";

/**
 * Which runner a client drives: Go (wasm built from this repo) or Python
 * (Pyodide, web/src/python). Both workers speak worker-protocol.ts.
 */
export interface RunnerKind {
  label: string; // in status texts: "Loading the Go runner…"
  type: WorkerType;
  /**
   * The URL of a worker that starts loading by itself, or (moduleInInit)
   * waits for init with the module an earlier worker compiled; none: Go's.
   */
  workerURL?(assets: RunnerAssets, moduleInInit: boolean): string;
  /** Programs importing net/http switch to the full Go build. */
  httpBuild: boolean;
}

export const GO_RUNNER: RunnerKind = { label: "Go", type: "classic", httpBuild: true };

export interface RunnerHooks {
  onState?(state: RunnerState, detail: string): void;
  onDownloading?(bytes: number): void;
}

interface PendingRun {
  id: number;
  resolve(r: RunResult): void;
  onStream?(m: StreamMessage): void;
  output: OutputLine[];
  events: TraceEvent[];
  timer: ReturnType<typeof setTimeout> | undefined;
  limit: number; // ms of real time it may take
  request: RunRequest;
  running?: Extract<StreamMessage, { type: "running" }>; // where a long step was, last heard
}

/** Time a run may take in the worker before the page ends it, by clock. */
export const WALL_LIMIT_MS = { virtual: 15_000, real: 60_000 };

export class RunnerClient {
  private worker: Worker | undefined;
  private build: GoBuild; // the build the client's workers run
  private preparing = false; // prepareInterpreter started
  private nextId = 1;
  private run_: PendingRun | undefined;
  private others = new Map<number, (m: FromWorker) => void>();
  private state: RunnerState = "loading";
  private downloadBytes = 0;
  private readyWaiters: (() => void)[] = [];
  private failure = "";
  private warmSource = "";
  // Runner builds compiled by a worker, by URL, for the next workers.
  private modules = new Map<string, WebAssembly.Module>();
  // Builds the page is compiling itself (prepareInterpreter), by URL.
  private compiling = new Map<string, Promise<WebAssembly.Module | undefined>>();
  // Python's memory snapshot as a worker fetched it, by build, likewise.
  private snapshots = new Map<string, ArrayBuffer>();
  private workerWasm = ""; // the build the current worker runs
  version = "";
  loadMs = 0;
  private ranOnWorker = false; // the current worker has started a run
  /**
   * The client's last moves and messages, with the page's clock in ms: a
   * run that never ends says from this where it waits (browser tests print
   * it; a bug report can quote it).
   */
  readonly history: string[] = [];

  constructor(private assets: RunnerAssets, private hooks: RunnerHooks = {}, readonly kind: RunnerKind = GO_RUNNER) {
    this.build = assets.wasmPrecompiled && hasPrecompiled && kind.httpBuild ? "precompiled" : "default";
  }

  /** The Go build the client runs programs with now. */
  get goBuild(): GoBuild {
    return this.build;
  }

  get current(): RunnerState {
    return this.state;
  }

  /** The size on the wire of the build the worker is downloading, 0 if not told. */
  get downloadSize(): number {
    return this.downloadBytes;
  }

  /**
   * Starts a worker. early is one the page's inline script already started
   * (and sent init to) before this bundle loaded, with the messages it got
   * meanwhile, with the build it says.
   */
  start(early?: EarlyWorker) {
    if (early) this.build = early.build;
    this.note(`start ${this.build}${early ? " (early worker)" : ""}`);
    this.worker?.terminate();
    this.ranOnWorker = false;
    this.failure = "";
    this.downloadBytes = 0;
    this.setState("loading", `Loading the ${this.kind.label} runner…`);
    const wasm = this.wasmOf(this.build);
    const module = this.modules.get(wasm);
    const compiling = module ? undefined : this.compiling.get(wasm);
    // A build neither compiled nor being compiled: the worker starts loading it by itself.
    const handedOver = !!module || !!compiling;
    const url = this.kind.workerURL?.(this.assets, handedOver) ??
      (handedOver ? this.assets.worker : selfStartingWorkerURL(this.assets.worker, wasm, this.assets.wasmExec));
    const w = early?.worker ?? new Worker(url, { name: `loopscope-${this.kind.label.toLowerCase()}-runner`, type: this.kind.type });
    this.worker = w;
    this.workerWasm = wasm;
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      if (w === this.worker) this.receive(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault();
      if (w === this.worker) this.crashed(e.message || "the runner failed");
    };
    if (early) {
      for (const m of early.received.splice(0)) this.receive(m as FromWorker);
      if (early.failed) this.crashed(early.failed);
    } else if (module) {
      this.send({ type: "init", wasm, wasmExec: this.assets.wasmExec, module, snapshot: this.snapshots.get(wasm) });
    } else if (compiling) {
      // An edit right after the click: the worker waits for the page's
      // compile rather than downloading the build a second time (or
      // downloads it itself if that compile failed).
      void compiling.then((m) => {
        if (w === this.worker) this.send({ type: "init", wasm, wasmExec: this.assets.wasmExec, module: m, snapshot: this.snapshots.get(wasm) });
      });
    }
    if (this.warmSource) this.send({ type: "warm-up", source: this.warmSource });
  }

  private wasmOf(b: GoBuild): string {
    if (b === "http") return this.assets.wasmHTTP;
    if (b === "precompiled" && this.assets.wasmPrecompiled) return this.assets.wasmPrecompiled;
    return this.assets.wasm;
  }

  /**
   * The visitor reached for the editor (a click or a key in it): an edit
   * may come, which the interpreter's build runs. Its download and compile
   * start now, on the page, without leaving the precompiled build, which
   * still runs the example if it is not edited; the worker started at the
   * edit gets the compiled module (as after Stop).
   */
  prepareInterpreter() {
    const wasm = this.assets.wasm;
    if (this.build !== "precompiled" || this.preparing || this.modules.has(wasm)) return;
    this.preparing = true;
    const compiled = compileRunner(wasm, () => {}).then(
      (m) => {
        this.modules.set(wasm, m);
        return m;
      },
      () => undefined, // the worker started at the edit downloads it itself and says so if it fails
    );
    this.compiling.set(wasm, compiled);
    void compiled.then(() => this.compiling.delete(wasm));
  }

  /** Moves to build b if it comes later than the current one (a new worker): true if it did. */
  private moveTo(b: GoBuild): boolean {
    if (BUILD_ORDER.indexOf(b) <= BUILD_ORDER.indexOf(this.build)) return false;
    this.build = b;
    this.start();
    return true;
  }

  /**
   * The program the runner should warm up with once loaded (see
   * runner.worker.ts): the one on show, likely the first one run. The
   * warm-up compiles it without running it.
   */
  warmUpWith(source: string) {
    this.warmSource = source;
    if (this.expect(source)) return; // the new worker warms up with it
    if (this.state !== "failed") this.send({ type: "warm-up", source });
  }

  /**
   * Notes a program about to run (shown, or being edited): one that
   * imports net/http starts loading the full build now, in the background,
   * rather than when Run is pressed, and one that is no unchanged example
   * the interpreter's (the first edit). True if it switched builds now.
   */
  expect(source: string): boolean {
    if (!this.kind.httpBuild || this.run_) return false;
    if (needsHTTPRunner(source)) return this.moveTo("http");
    if (this.build === "precompiled" && !isPrecompiled(source)) return this.moveTo("default");
    return false;
  }

  /**
   * Runs a program. Only one run at a time: a second call stops the first.
   * While the runner loads, the request waits in the worker, which starts it
   * the moment it is ready (no round trip through this page, which is busy
   * building itself then).
   */
  async run(req: RunRequest, onStream?: (m: StreamMessage) => void, wallLimitMs?: number): Promise<RunResult> {
    if (this.run_) this.stop("Stopped: a new run started.");
    // Switch builds if this one cannot run it; the run waits in the new
    // worker while it loads.
    if (this.kind.httpBuild && needsHTTPRunner(req.source)) this.moveTo("http");
    else if (this.build === "precompiled" && !isPrecompiled(req.source)) this.moveTo("default");
    if (this.state === "failed") {
      return failed("error", `The ${this.kind.label} runner could not load: ${this.failure}`);
    }
    const id = this.nextId++;
    return new Promise<RunResult>((resolve) => {
      const limit = wallLimitMs ?? WALL_LIMIT_MS[req.clock];
      const pending: PendingRun = { id, resolve, onStream, output: [], events: [], timer: undefined, limit, request: req };
      this.run_ = pending;
      if (this.state !== "loading") {
        this.startTimer(pending);
        this.setState("running", "Running…");
      }
      this.send({ type: "run", id, request: req });
    });
  }

  /**
   * The wall-time limit of a run counts from when the runner can start it;
   * a worker's first run has more time (first-run.ts).
   */
  private startTimer(p: PendingRun) {
    if (!this.ranOnWorker) p.limit += firstRunAllowanceMs(this.loadMs);
    this.ranOnWorker = true;
    p.timer = setTimeout(() => {
      if (this.run_ !== p) return;
      this.abort({
        outcome: "limit",
        limit: "wall",
        message: `Stopped after ${Math.round(p.limit / 1000)} s of real time${where(p)} (a loop that never ends, or never awaits?). The runner was restarted.`,
      });
    }, p.limit);
  }

  /**
   * Ends the running program at once: the worker is replaced (with the
   * compiled module kept, that takes a fraction of the first load). A run
   * still waiting for the runner to load is just dropped.
   */
  stop(message?: string) {
    const p = this.run_;
    if (!p) return;
    if (this.state === "loading") {
      // Not started: the worker drops it, and goes on loading.
      this.finish(p, failed("error", message ?? "Stopped before it started (the runner was still loading)."));
      this.send({ type: "cancel", id: p.id });
      return;
    }
    this.abort({ outcome: "error", message: message ?? `Stopped${where(p)}. The runner was restarted, ready for the next run.`, byPage: true });
  }

  get running(): boolean {
    return !!this.run_;
  }

  async format(source: string): Promise<FormatResult> {
    this.moveTo("default"); // formatting is the interpreter build's (go/format)
    await this.whenReady();
    if (this.state === "failed") return { error: `The ${this.kind.label} runner could not load: ${this.failure}` };
    if (this.run_) return { error: "Wait for the run to end (or Stop it) to format." };
    const id = this.nextId++;
    return new Promise<FormatResult>((resolve) => {
      this.others.set(id, (m) => {
        if (m.type === "formatted") resolve(JSON.parse(m.result) as FormatResult);
        else if (m.type === "failed") resolve({ error: m.message });
      });
      this.send({ type: "format", id, source });
    });
  }

  whenReady(): Promise<void> {
    if (this.state !== "loading") return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  dispose() {
    this.worker?.terminate();
    this.worker = undefined;
  }

  private abort(r: Pick<RunResult, "outcome" | "message" | "limit" | "byPage">) {
    const p = this.run_;
    if (!p) return;
    this.finish(p, { ...r, output: p.output, events: p.events, diagnostics: [] });
    this.start();
  }

  private finish(p: PendingRun, r: RunResult) {
    clearTimeout(p.timer);
    if (this.run_ === p) this.run_ = undefined;
    if (this.state === "running") this.setState("ready", "Ready.");
    p.resolve(r);
  }

  private crashed(message: string) {
    this.note(`crashed: ${message}`);
    const p = this.run_;
    if (this.state === "loading") {
      // It died loading its build (a failed download, no memory): no program
      // of the user's ran, so this is not a crash of theirs.
      this.fail(message);
      return;
    }
    if (p) {
      this.finish(p, {
        outcome: "crash",
        message: `The runner crashed (${message}); a fresh one has been started. A very deep recursion can do this.`,
        output: p.output, events: p.events, diagnostics: [], byPage: true,
      });
    }
    for (const [, cb] of this.others) cb({ type: "failed", id: 0, message: "the runner crashed" });
    this.others.clear();
    // Dying while idle can only be the warm-up: don't give it to the next worker.
    if (!p) this.warmSource = "";
    this.start();
  }

  private fail(message: string) {
    const p = this.run_;
    // "Failed to fetch" says nothing to a visitor who is offline: the
    // service worker keeps only the runner builds this browser downloaded.
    if (typeof navigator !== "undefined" && navigator.onLine === false) {
      message += " (this browser is offline, and has not downloaded this runner while online)";
    }
    if (this.build === "precompiled") {
      // The interpreter's build runs the examples too.
      this.moveTo("default");
      if (p) this.send({ type: "run", id: p.id, request: p.request });
      return;
    }
    if (this.build === "http") {
      // Only programs importing net/http need the full build: say which
      // build failed, and go back to the default one, which runs the rest;
      // the next net/http program tries the full build again.
      if (p) this.finish(p, failed("error", `Could not load the HTTP runner: ${message}. It runs programs that import net/http; programs without it still run.`));
      this.build = "default";
      this.start();
      return;
    }
    if (p) this.finish(p, failed("error", `The ${this.kind.label} runner could not load: ${message}`));
    this.failure = message;
    this.setState("failed", `The ${this.kind.label} runner could not load: ${message}`);
    this.releaseWaiters();
  }

  private receive(m: FromWorker) {
    if (m.type !== "stream") this.note(`got ${m.type}${"id" in m ? ` ${m.id}` : ""}`);
    switch (m.type) {
      case "downloading":
        this.downloadBytes = m.bytes;
        this.hooks.onDownloading?.(m.bytes);
        return;
      case "compiled":
        this.modules.set(this.workerWasm, m.module);
        if (m.snapshot) this.snapshots.set(this.workerWasm, m.snapshot);
        return;
      case "cancel-late": {
        // The worker got ready and started a run just as it was dropped: it
        // may run on (a loop that never ends), so replace the worker, and
        // give the new one the run that is waiting now, if any.
        const p = this.run_;
        if (p) clearTimeout(p.timer);
        this.start();
        if (p) {
          p.timer = undefined;
          this.send({ type: "run", id: p.id, request: p.request });
        }
        return;
      }
      case "ready":
        this.version = m.version;
        this.loadMs = m.ms;
        if (this.run_ && !this.run_.timer) this.startTimer(this.run_);
        this.setState(this.run_ ? "running" : "ready", "Ready.");
        this.releaseWaiters();
        return;
      case "init-failed":
        this.fail(m.message);
        return;
      case "crash":
        this.crashed(m.message);
        return;
      case "stream": {
        const p = this.run_;
        if (!p || p.id !== m.id) return;
        // A batch: the runner sends what a run streams a frame at a time.
        for (const msg of JSON.parse(m.msg) as StreamMessage[]) {
          if (msg.type === "output") p.output.push({ text: msg.text, in: msg.in, seq: msg.seq });
          // In one shape as it arrives (timeline/event.ts), while its batch's objects are fresh.
          else if (msg.type === "event") p.events.push((msg.event = new Ev(msg.event)));
          else if (msg.type === "running") p.running = msg;
          p.onStream?.(msg);
        }
        return;
      }
      case "result": {
        const p = this.run_;
        if (!p || p.id !== m.id) return;
        const r = normalizeResult(JSON.parse(m.result));
        if (this.build === "precompiled" && r.outcome === "error" && r.message === NOT_PRECOMPILED) {
          // The page took it for an example the build does not hold: the
          // interpreter's build runs it, as if it had been asked first.
          clearTimeout(p.timer);
          p.timer = undefined;
          this.moveTo("default");
          this.send({ type: "run", id: p.id, request: p.request });
          return;
        }
        this.finish(p, r);
        // Compiled code cannot be stopped: a run ended by its wall-time
        // limit may have left the program running in this worker.
        if (this.build === "precompiled" && r.outcome === "limit" && r.limit === "wall") this.start();
        return;
      }
      case "failed": {
        const p = this.run_;
        if (p && p.id === m.id) {
          this.finish(p, failed("error", `The runner failed: ${m.message}`));
          return;
        }
        break;
      }
    }
    if ("id" in m) {
      const cb = this.others.get(m.id);
      if (cb) {
        this.others.delete(m.id);
        cb(m);
      }
    }
  }

  private note(what: string) {
    if (this.history.length >= 60) this.history.splice(0, 20);
    this.history.push(`${Math.round(performance.now())} ${what}`);
  }

  private releaseWaiters() {
    for (const w of this.readyWaiters.splice(0)) w();
  }

  private setState(s: RunnerState, detail: string) {
    if (s !== this.state) this.note(`state ${s}`);
    this.state = s;
    this.hooks.onState?.(s, detail);
  }

  private send(m: ToWorker) {
    if (m.type !== "warm-up") this.note(`send ${m.type}${"id" in m ? ` ${m.id}` : ""}`);
    this.worker?.postMessage(m);
  }
}

/** ": task "spin" was still running at main.go:14", or "" (stopped runs). */
function where(p: PendingRun): string {
  const s = stillRunning(p.events, p.running);
  return s ? `: ${s}` : "";
}

function failed(outcome: RunResult["outcome"], message: string): RunResult {
  return { outcome, message, output: [], diagnostics: [], events: [], byPage: true };
}
