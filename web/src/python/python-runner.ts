// The page's way to Python mode: startPythonRunner() gives a RunnerClient,
// the same client (and so the same run session, timeline, playback and
// export) as Go's, driving the Python worker instead. Call it only once
// Python is first chosen: until then nothing of Python is downloaded.
import type { AssetMap } from "../assets";
import { RunnerClient, type RunnerAssets, type RunnerHooks, type RunnerKind } from "../runner-client";

/**
 * Python's assets in RunnerAssets' shape: worker is python.worker.js, wasm
 * (and wasmHTTP) Pyodide's folder, wasmExec the trimmed standard library,
 * snapshot the interpreter's memory after start-up (build/pyodide-snapshot.mjs).
 */
export function pythonAssets(map: AssetMap, base = ""): RunnerAssets {
  const need = (k: string) => {
    const v = map[k];
    if (!v) throw new Error(`the build lists no ${k}`);
    return new URL(v, base || location.href).href;
  };
  const index = need("pyodide");
  const snapshot = map.pyodide_snapshot ? new URL(map.pyodide_snapshot, base || location.href).href : undefined;
  return { worker: need("python.worker.js"), wasm: index, wasmHTTP: index, wasmExec: need("pyodide_stdlib"), snapshot };
}

export const PYTHON_RUNNER: RunnerKind = {
  label: "Python",
  type: "module",
  httpBuild: false,
  // moduleInInit: the page has Pyodide's wasm compiled by an earlier
  // worker, and sends it in init (the worker then waits for it).
  workerURL(a, moduleInInit) {
    const u = new URL(a.worker);
    if (moduleInInit) u.searchParams.set("module", "init");
    u.searchParams.set("index", a.wasm);
    u.searchParams.set("stdlib", a.wasmExec);
    if (a.snapshot) u.searchParams.set("snapshot", a.snapshot);
    return u.href;
  },
};

/** Starts the Python runner: Pyodide begins loading in its worker at once. */
export function startPythonRunner(map: AssetMap, hooks: RunnerHooks = {}, base = ""): RunnerClient {
  const client = new RunnerClient(pythonAssets(map, base), hooks, PYTHON_RUNNER);
  client.start();
  return client;
}
