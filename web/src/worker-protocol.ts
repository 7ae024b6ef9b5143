// Messages between the page (runner-client.ts) and the Web Worker
// (runner.worker.ts). Ids pair a request with its answer.
import type { RunRequest } from "./contract";

export type ToWorker =
  // module: the build, compiled by an earlier worker; else the worker fetches wasm.
  // (A worker whose URL names the build starts by itself: see wasm-module.ts.)
  // snapshot: Python's memory snapshot, as the last worker fetched it.
  | { type: "init"; wasm: string; wasmExec: string; module?: WebAssembly.Module; snapshot?: ArrayBuffer }
  | { type: "warm-up"; source: string } // the program to warm the runner up with (an example)
  | { type: "run"; id: number; request: RunRequest }
  | { type: "cancel"; id: number } // a run the page gave up before it started
  | { type: "format"; id: number; source: string }
  | { type: "version"; id: number };

export type FromWorker =
  | { type: "downloading"; bytes: number } // the build's size on the wire, 0 if unknown
  | { type: "compiled"; module: WebAssembly.Module; snapshot?: ArrayBuffer } // for the next worker of this build
  | { type: "ready"; version: string; ms: number; detail?: string } // detail: how it started (Python: from the snapshot or not)
  | { type: "init-failed"; message: string }
  | { type: "stream"; id: number; msg: string } // a batch: a JSON array of StreamMessage
  | { type: "result"; id: number; result: string } // a RunResult as JSON
  | { type: "formatted"; id: number; result: string } // a FormatResult as JSON
  | { type: "version"; id: number; version: string }
  | { type: "failed"; id: number; message: string } // one request failed
  | { type: "cancel-late"; id: number } // the cancelled run had started already
  | { type: "crash"; message: string }; // the Go instance is gone
