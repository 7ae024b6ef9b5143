// The playground's first script (in <head>, before the stylesheet): starts
// the Go runner's worker, which at once downloads and compiles the wasm,
// before the page's bundle loads; that is the long pole of a cold start.
// It is the precompiled build (the examples compiled in, no interpreter):
// most first visits show an example as shipped. A learner's own draft
// (?example=yours) gets the interpreter's build at once; any other program
// that is no unchanged example moves the page to it when it is shown. The
// bundle adopts it (runner-client.ts, takeEarlyWorker), with any click on
// Run made before the bundle was there to handle it. Pages' CSP allows no
// inline script, hence a file of its own.
import type { EarlyWorker, GoBuild } from "./runner-client";
import { selfStartingWorkerURL } from "./wasm-module";
import { registerOffline } from "./offline";
import { hasPrecompiled } from "./precompiled";

try {
  // A Python page (?lang=python: Python share links, the docs' Python
  // blocks) has no use for Go's runner; Python's starts with the bundle.
  if (new URLSearchParams(location.search).get("lang") === "python") throw new Error("Python page");
  const meta = document.querySelector<HTMLMetaElement>('meta[name="loopscope-assets"]');
  const assets = JSON.parse(meta?.content ?? "") as Record<string, string>;
  const url = (name: string) => {
    if (!assets[name]) throw new Error(`the build lists no ${name}`);
    return new URL(assets[name], location.href).href;
  };
  const build: GoBuild =
    hasPrecompiled && assets.wasm_precompiled && new URLSearchParams(location.search).get("example") !== "yours" ? "precompiled" : "default";
  const wasm = url(build === "precompiled" ? "wasm_precompiled" : "wasm");
  const worker = new Worker(selfStartingWorkerURL(url("runner.worker.js"), wasm, url("wasm_exec")), { name: "loopscope-runner" });
  const early: EarlyWorker = { worker, build, received: [] };
  worker.onmessage = (e) => early.received.push(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    early.failed = e.message || "the runner failed";
  };
  // Run is in the page's HTML, usable before the bundle has loaded: a
  // click meanwhile is noted, and the bundle runs the program when it can.
  const noteRun = (e: MouseEvent) => {
    if ((e.target as Element | null)?.closest?.("#run")) early.runClicked = true;
  };
  document.addEventListener("click", noteRun, true);
  early.stopWatching = () => document.removeEventListener("click", noteRun, true);
  // The offline copy is made once the runner is in the HTTP cache and the
  // first run is over (or a while after loading, if nothing runs), so its
  // downloads never slow the cold start. The page replaces onmessage when
  // it adopts the worker, hence a listener of its own.
  let offlineDone = false;
  const makeOffline = () => {
    if (offlineDone) return;
    offlineDone = true;
    worker.removeEventListener("message", offline);
    registerOffline();
  };
  const offline = (e: MessageEvent) => {
    const type = (e.data as { type?: string } | null)?.type;
    if (type === "ready" || type === "init-failed") setTimeout(makeOffline, 5000);
    else if (type === "result" || type === "crash") makeOffline();
  };
  worker.addEventListener("message", offline);
  addEventListener("load", () => setTimeout(makeOffline, 20_000));
  (globalThis as { loopscopeEarlyWorker?: EarlyWorker }).loopscopeEarlyWorker = early;
} catch {
  // The bundle starts the runner itself.
}
