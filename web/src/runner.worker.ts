// The Web Worker that hosts the Go wasm runner. Runs happen here so the page
// never freezes; a busy loop can only be ended by terminating this worker.
import type { ToWorker, FromWorker } from "./worker-protocol";

interface GoInstance {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}
interface LoopscopeAPI {
  version(): string;
  format(src: string): string;
  run(requestJSON: string, onMessage: (msg: string) => void): Promise<string>;
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
let dead = "";
let fatal = ""; // the Go runtime's "fatal error: ..." line, if it printed one
const queue: ToWorker[] = [];

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
  if (m.type === "init") {
    init(m.wasm, m.wasmExec).catch((err) => post({ type: "init-failed", message: String(err?.message ?? err) }));
    return;
  }
  if (!api) queue.push(m);
  else handle(m);
};

async function init(wasmURL: string, wasmExecURL: string) {
  const began = performance.now();
  const response = fetch(wasmURL); // download while wasm_exec.js loads
  self.importScripts(wasmExecURL);
  if (!self.Go) throw new Error("wasm_exec.js did not define Go");
  const go = new self.Go();
  const ready = new Promise<void>((resolve) => (self.loopscopeReady = resolve));
  const res = await response;
  if (!res.ok || !res.body) throw new Error(`could not load the runner (${res.status} ${res.statusText})`);
  const total = Number(res.headers.get("Content-Length")) || 0;
  let loaded = 0;
  let lastPost = 0;
  // Count bytes as they stream in, for the progress bar, while the browser
  // compiles the module from the same stream.
  const counted = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        loaded += chunk.length;
        const now = performance.now();
        if (now - lastPost > 50) {
          lastPost = now;
          post({ type: "progress", loaded, total });
        }
        ctl.enqueue(chunk);
      },
    }),
  );
  const { instance } = await WebAssembly.instantiateStreaming(
    new Response(counted, { headers: { "Content-Type": "application/wasm" } }),
    go.importObject,
  );
  post({ type: "progress", loaded, total: Math.max(total, loaded) });
  go.run(instance).then(
    () => crash("the Go runtime exited"),
    (err) => crash(String(err?.message ?? err)),
  );
  await ready;
  api = self.loopscope;
  if (!api) throw new Error("the runner did not register itself");
  // The interpreter's first run pays one-time setup (over a second): pay it
  // now, while the page is being read, not on the user's first Run.
  try {
    await api.run(JSON.stringify({ source: WARM_UP, clock: "virtual" }), () => {});
  } catch {
    // a failed warm-up only means the first real run is slower
  }
  post({ type: "ready", version: api.version(), ms: performance.now() - began });
  for (const m of queue.splice(0)) handle(m);
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

function handle(m: ToWorker) {
  if (dead || !api) {
    if (m.type !== "init") post({ type: "failed", id: m.id, message: dead || "the runner is not loaded" });
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
        const pending = api.run(JSON.stringify(m.request), (msg) => post({ type: "stream", id: m.id, msg }));
        // Go can die inside the call (a stack overflow): then no promise comes back.
        if (!pending || typeof pending.then !== "function") {
          crash("the Go runtime exited");
          break;
        }
        pending.then(
            (result) => post({ type: "result", id: m.id, result }),
            (err) => post({ type: "failed", id: m.id, message: String(err?.message ?? err) }),
          );
        break;
      }
    }
  } catch (err) {
    // A trap or a call into an exited runtime: this instance is gone.
    if (dead || fatal || err instanceof WebAssembly.RuntimeError) crash(String((err as Error)?.message ?? err));
    else if (m.type !== "init") post({ type: "failed", id: m.id, message: String((err as Error)?.message ?? err) });
  }
}
