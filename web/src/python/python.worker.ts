// The Python runner: a module Web Worker hosting Pyodide (CPython in wasm)
// with Loopscope's loop. It speaks the Go runner's protocol
// (worker-protocol.ts), so the page drives both the same way. A run is one
// synchronous call into Python; Stop and the wall-time limit terminate this
// worker (the page has no cross-origin isolation, so Pyodide's interrupt
// buffer, which needs a SharedArrayBuffer, is not used).
import type { FromWorker, ToWorker } from "../worker-protocol";
import type { PyodideInterface } from "pyodide";
import { preludeFiles } from "./prelude";

declare const self: DedicatedWorkerGlobalScope;
const post = (m: FromWorker) => self.postMessage(m);

type Request = Exclude<ToWorker, { type: "init" } | { type: "warm-up" } | { type: "cancel" }>;
type RunJSON = (request: string, post: (batch: string) => void) => string;

let runJSON: RunJSON | undefined;
let version = "";
let dead = "";
let running = 0;
const queue: Request[] = [];

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  switch (m.type) {
    case "init":
      start(m.wasm, m.wasmExec);
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
function start(indexURL: string, stdlibURL: string) {
  if (started) return;
  started = true;
  init(indexURL, stdlibURL).catch((err) => post({ type: "init-failed", message: String(err?.message ?? err) }));
}

const BOOT = `
import json, loopscope
loopscope.install()
def run_json(request, post):
    r = json.loads(request)
    res = loopscope.run(r.get("source", ""), r.get("clock", "virtual"), r.get("limits") or {},
                        lambda batch: post(json.dumps(batch, ensure_ascii=False)))
    return json.dumps(res, ensure_ascii=False)
run_json
`;

// A first run compiles asyncio's and the prelude's code paths once, before
// the learner's first Run.
const WARM_UP = `import asyncio
async def main():
    await asyncio.sleep(0.1)
    print("warm")
asyncio.run(main())
`;

async function init(indexURL: string, stdlibURL: string) {
  const began = performance.now();
  const { loadPyodide } = (await import(/* @vite-ignore */ indexURL + "pyodide.mjs")) as {
    loadPyodide(o: object): Promise<PyodideInterface>;
  };
  const py = await loadPyodide({
    indexURL,
    stdLibURL: stdlibURL || undefined,
    stdout: () => {},
    stderr: () => {},
    // Never from a CDN: this runtime is all there is.
    packages: [],
  });
  const site = py.runPython("import site; site.getsitepackages()[0]") + "/loopscope";
  py.FS.mkdirTree(site);
  for (const [name, text] of Object.entries(preludeFiles)) py.FS.writeFile(`${site}/${name}`, text);
  runJSON = py.runPython(BOOT) as RunJSON;
  version = `Python ${py.runPython("import sys; sys.version.split()[0]")} (Pyodide ${py.version})`;
  runJSON(JSON.stringify({ source: WARM_UP, clock: "virtual" }), () => {});
  post({ type: "ready", version, ms: performance.now() - began });
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

// A worker whose URL names the runtime starts loading it at once.
const own = new URLSearchParams(self.location.search);
if (own.get("index")) start(own.get("index")!, own.get("stdlib") ?? "");
