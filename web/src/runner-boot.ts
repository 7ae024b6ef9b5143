// The playground's first script (in <head>, before the stylesheet): starts
// the Go runner's worker, which at once downloads and compiles the wasm,
// before the page's bundle loads; that is the long pole of a cold start. The
// bundle adopts it (runner-client.ts, takeEarlyWorker), with any click on
// Run made before the bundle was there to handle it. Pages' CSP allows no
// inline script, hence a file of its own.
import type { EarlyWorker } from "./runner-client";
import { selfStartingWorkerURL } from "./wasm-module";

try {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="loopscope-assets"]');
  const assets = JSON.parse(meta?.content ?? "") as Record<string, string>;
  const url = (name: string) => {
    if (!assets[name]) throw new Error(`the build lists no ${name}`);
    return new URL(assets[name], location.href).href;
  };
  const worker = new Worker(selfStartingWorkerURL(url("runner.worker.js"), url("wasm"), url("wasm_exec")), { name: "loopscope-runner" });
  const early: EarlyWorker = { worker, received: [] };
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
  (globalThis as { loopscopeEarlyWorker?: EarlyWorker }).loopscopeEarlyWorker = early;
} catch {
  // The bundle starts the runner itself.
}
