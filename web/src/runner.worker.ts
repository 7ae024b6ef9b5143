// The Web Worker that hosts the Go wasm runner. Runs happen here so the page
// never freezes; a busy loop can only be ended by terminating this worker.
import type { ToWorker, FromWorker } from "./worker-protocol";
import { compileRunner } from "./wasm-module";
import { RUNNER_WALL_MS, firstRunAllowanceMs } from "./first-run";

interface GoInstance {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}
interface LoopscopeAPI {
  version(): string;
  format(src: string): string;
  run(requestJSON: string, onMessage: (msg: string) => void): Promise<string>;
  prepare(source: string): Promise<boolean>; // one step of compiling ahead; true: more steps
}
declare const self: DedicatedWorkerGlobalScope & {
  Go?: new () => GoInstance;
  loopscope?: LoopscopeAPI;
  loopscopeReady?: () => void;
};

const post = (m: FromWorker) => self.postMessage(m);

const WARM_UP = `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		fmt.Println("warm")
		return nil, core.Sleep(ctx, 0)
	})
}
`;
let api: LoopscopeAPI | undefined;
let loadMs = 0; // from the start of init to Go being up
let ranOnce = false;
let dead = "";
let fatal = ""; // the Go runtime's "fatal error: ..." line, if it printed one
type Request = Exclude<ToWorker, { type: "init" } | { type: "warm-up" } | { type: "cancel" }>;
let running = 0; // the id of the run in progress
const queue: Request[] = [];

// The Go runtime reports why it died on the console (wasm_exec.js writes
// stderr there): keep the reason for the crash message.
for (const k of ["log", "error"] as const) {
  const orig = console[k].bind(console);
  console[k] = (...args: unknown[]) => {
    const s = String(args[0] ?? "");
    const m = /^(fatal error: .*|panic: .*|runtime: out of memory.*)$/m.exec(s);
    if (m && !fatal) fatal = m[1];
    orig(...args);
  };
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  switch (m.type) {
    case "init":
      start(m.wasm, m.wasmExec, m.module);
      return;
    case "warm-up":
      warmSource = m.source;
      if (api) void warmUp();
      return;
    case "cancel": {
      const i = queue.findIndex((q) => q.type === "run" && q.id === m.id);
      if (i >= 0) queue.splice(i, 1);
      else if (running === m.id) post({ type: "cancel-late", id: m.id });
      return;
    }
  }
  if (!api) queue.push(m);
  else handle(m);
};

function start(wasmURL: string, wasmExecURL: string, module?: WebAssembly.Module) {
  init(wasmURL, wasmExecURL, module).catch((err) => post({ type: "init-failed", message: String(err?.message ?? err) }));
}

async function init(wasmURL: string, wasmExecURL: string, compiled?: WebAssembly.Module) {
  const began = performance.now();
  const module = compiled ?? compileRunner(wasmURL, (bytes) => post({ type: "downloading", bytes }));
  // A failed download is reported below, where the module is awaited; this
  // keeps it from counting as unhandled (a crash) while the import runs.
  Promise.resolve(module).catch(() => {});
  // While the wasm downloads, and without blocking this thread, which
  // decodes the wasm as it arrives (importScripts did, 47-64 ms traced).
  await import(wasmExecURL);
  if (!self.Go) throw new Error("wasm_exec.js did not define Go");
  const go = new self.Go();
  const ready = new Promise<void>((resolve) => (self.loopscopeReady = resolve));
  const instance = await WebAssembly.instantiate(await module, go.importObject);
  if (!compiled) post({ type: "compiled", module: await module });
  go.run(instance).then(
    () => crash("the Go runtime exited"),
    (err) => crash(String(err?.message ?? err)),
  );
  await ready;
  api = self.loopscope;
  if (!api) throw new Error("the runner did not register itself");
  loadMs = performance.now() - began;
  post({ type: "ready", version: api.version(), ms: loadMs });
  const waiting = queue.splice(0);
  for (const m of waiting) handle(m);
  if (!waiting.length) void warmUp();
}

// A program's first run pays one-time costs: installing the packages'
// types, and the browser compiling the wasm code of the type checker, the
// SSA builder and the interpreter. The worker pays them ahead, while idle,
// by preparing the program the page shows (compiling, never running it) in
// short steps: a request that comes meanwhile goes before the next step, so
// a Run never waits for more than one.
let warmSource = WARM_UP;
let generation = 0; // changes with every request from the page

async function warmUp() {
  const gen = ++generation;
  try {
    while (gen === generation && !dead && api) {
      if (!(await api.prepare(warmSource))) break;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } catch {
    // a failed warm-up only means the next run is slower
  }
}

function crash(message: string) {
  if (dead) return;
  dead = fatal || message;
  message = dead;
  api = undefined;
  post({ type: "crash", message });
}

// A Go fatal error (stack overflow, out of memory) surfaces here first.
self.addEventListener("error", (e) => crash(e.message || "the runner failed"));
self.addEventListener("unhandledrejection", (e) => crash(String((e.reason as Error)?.message ?? e.reason)));

function handle(m: Request) {
  generation++;
  if (dead || !api) {
    post({ type: "failed", id: m.id, message: dead || "the runner is not loaded" });
    return;
  }
  try {
    switch (m.type) {
      case "version":
        post({ type: "version", id: m.id, version: api.version() });
        break;
      case "format":
        post({ type: "formatted", id: m.id, result: api.format(m.source) });
        break;
      case "run": {
        running = m.id;
        let request = m.request;
        if (!ranOnce) {
          // This run compiles the runner's code as it goes (first-run.ts).
          const wallMs = (request.limits?.wallMs ?? RUNNER_WALL_MS) + firstRunAllowanceMs(loadMs);
          request = { ...request, limits: { ...request.limits, wallMs } };
        }
        ranOnce = true;
        const pending = api.run(JSON.stringify(request), (msg) => post({ type: "stream", id: m.id, msg }));
        // Go can die inside the call (a stack overflow): then no promise comes back.
        if (!pending || typeof pending.then !== "function") {
          crash("the Go runtime exited");
          break;
        }
        const done = () => {
          if (running === m.id) running = 0;
        };
        pending.then(
            (result) => {
              done();
              post({ type: "result", id: m.id, result });
            },
            (err) => {
              done();
              post({ type: "failed", id: m.id, message: String(err?.message ?? err) });
            },
          );
        break;
      }
    }
  } catch (err) {
    // A trap or a call into an exited runtime: this instance is gone.
    if (dead || fatal || err instanceof WebAssembly.RuntimeError) crash(String((err as Error)?.message ?? err));
    else post({ type: "failed", id: m.id, message: String((err as Error)?.message ?? err) });
  }
}

// A worker whose URL names the build loads it at once (wasm-module.ts).
const own = new URLSearchParams(self.location.search);
if (own.get("wasm") && own.get("exec")) start(own.get("wasm")!, own.get("exec")!);
