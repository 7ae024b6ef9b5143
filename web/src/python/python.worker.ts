// The Python runner: a module Web Worker hosting Pyodide (CPython in wasm)
// with Loopscope's loop. It speaks the Go runner's protocol
// (worker-protocol.ts), so the page drives both the same way. A run is one
// synchronous call into Python; Stop terminates this worker (the page has
// no cross-origin isolation, so no SharedArrayBuffer can tell a running
// Python to stop), and Python's tick (tick.ts) keeps the trace flowing
// meanwhile and ends a run at its wall limit.
import type { FromWorker, ToWorker } from "../worker-protocol";
import { preludeFiles } from "./prelude";
import BOOT from "./boot.py";
import { startPython, type LoadPyodide, type RunJSON } from "./start";
import { tickHook, type Tick } from "./tick";

declare const self: DedicatedWorkerGlobalScope;
const post = (m: FromWorker) => self.postMessage(m);

type Request = Exclude<ToWorker, { type: "init" } | { type: "warm-up" } | { type: "cancel" }>;

let runJSON: RunJSON | undefined;
let version = "";
let dead = "";
let running = 0;
const queue: Request[] = [];

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  switch (m.type) {
    case "init":
      // (Sent only to a worker told to wait for it: module=init.)
      start(m.wasm, m.wasmExec, own.get("snapshot") ?? "", m.module, m.snapshot);
      return;
    case "warm-up":
      return; // the start-up run below warms up every program alike
    case "cancel": {
      const i = queue.findIndex((q) => q.type === "run" && q.id === m.id);
      if (i >= 0) queue.splice(i, 1);
      else if (running === m.id) post({ type: "cancel-late", id: m.id });
      return;
    }
  }
  if (!runJSON) queue.push(m);
  else handle(m);
};

let started = false;
function start(indexURL: string, stdlibURL: string, snapshotURL: string, module?: WebAssembly.Module, given?: ArrayBuffer) {
  if (started) return;
  started = true;
  init(indexURL, stdlibURL, snapshotURL, module, given).catch((err) => post({ type: "init-failed", message: String(err?.message ?? err) }));
}

async function init(indexURL: string, stdlibURL: string, snapshotURL: string, module?: WebAssembly.Module, given?: ArrayBuffer) {
  const began = performance.now();
  // The snapshot (20 MB of memory, a few MB compressed) downloads while
  // Pyodide's own files do, unless the page has it from the last worker.
  let fetched: ArrayBuffer | undefined;
  const snapshot = given
    ? Promise.resolve(given)
    : snapshotURL
      ? fetch(snapshotURL).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`snapshot: HTTP ${r.status}`)))).then((b) => (fetched = b))
      : undefined;
  snapshot?.catch(() => {}); // startPython reports it, or never awaits it
  const { loadPyodide } = (await import(/* @vite-ignore */ indexURL + "pyodide.mjs")) as { loadPyodide: LoadPyodide };
  const s = await startPython(loadPyodide, { indexURL, stdlibURL, snapshot, prelude: preludeFiles, boot: BOOT, module });
  runJSON = s.runJSON;
  const tick = s.py.globals.get("tick") as Tick | undefined;
  if (typeof tick === "function") s.py.setInterruptBuffer(tickHook(tick) as unknown as Int32Array);
  // For the page's next worker: the wasm as compiled, and the snapshot
  // (Pyodide copied it into its memory: this worker has no more use for it).
  if (s.module && !module) {
    const snap = s.how === "snapshot" ? fetched : undefined;
    self.postMessage({ type: "compiled", module: s.module, snapshot: snap } satisfies FromWorker, snap ? [snap] : []);
  }
  version = `Python ${s.py.runPython("import sys; sys.version.split()[0]")} (Pyodide ${s.py.version})`;
  post({ type: "ready", version, ms: performance.now() - began, detail: s.how });
  for (const m of queue.splice(0)) handle(m);
}

function crash(message: string) {
  if (dead) return;
  dead = message;
  runJSON = undefined;
  post({ type: "crash", message });
}

self.addEventListener("error", (e) => crash(e.message || "the Python runner failed"));
self.addEventListener("unhandledrejection", (e) => crash(String((e.reason as Error)?.message ?? e.reason)));

function handle(m: Request) {
  if (dead || !runJSON) {
    post({ type: "failed", id: m.id, message: dead || "the Python runner is not loaded" });
    return;
  }
  switch (m.type) {
    case "version":
      post({ type: "version", id: m.id, version });
      return;
    case "format":
      post({ type: "formatted", id: m.id, result: JSON.stringify({ error: "Format works on Go programs only." }) });
      return;
    case "run": {
      running = m.id;
      try {
        const result = runJSON(JSON.stringify(m.request), (msg) => post({ type: "stream", id: m.id, msg }));
        post({ type: "result", id: m.id, result });
      } catch (err) {
        // Python itself failed (a fatal error: stack overflow, out of
        // memory): this interpreter is gone.
        crash(String((err as Error)?.message ?? err));
      } finally {
        running = 0;
      }
      return;
    }
  }
}

// A worker whose URL names the runtime starts loading it at once, unless
// the page has a compiled module for it (module=init): then init brings it.
const own = new URLSearchParams(self.location.search);
if (own.get("index") && own.get("module") !== "init") start(own.get("index")!, own.get("stdlib") ?? "", own.get("snapshot") ?? "");
