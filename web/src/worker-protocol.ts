// Messages between the page (runner-client.ts) and the Web Worker
// (runner.worker.ts). Ids pair a request with its answer.
import type { RunRequest } from "./contract";

export type ToWorker =
  | { type: "init"; wasm: string; wasmExec: string }
  | { type: "run"; id: number; request: RunRequest }
  | { type: "format"; id: number; source: string }
  | { type: "version"; id: number };

export type FromWorker =
  | { type: "progress"; loaded: number; total: number }
  | { type: "ready"; version: string; ms: number }
  | { type: "init-failed"; message: string }
  | { type: "stream"; id: number; msg: string } // a StreamMessage as JSON
  | { type: "result"; id: number; result: string } // a RunResult as JSON
  | { type: "formatted"; id: number; result: string } // a FormatResult as JSON
  | { type: "version"; id: number; version: string }
  | { type: "failed"; id: number; message: string } // one request failed
  | { type: "crash"; message: string }; // the Go instance is gone
