// Downloading and compiling the runner's wasm in its worker, off the page's
// main thread (which is busy building the page during a cold start). The
// worker hands the compiled module back to the page, which gives it to every
// worker it starts after Stop or a crash: no second download or compile.

/** Told the size of a download on the wire (compressed), 0 if unknown. */
export type Downloading = (bytes: number) => void;

/**
 * Downloads and compiles a runner build, saying how big the download is
 * once its response starts.
 * The bytes are not counted as they arrive: reading a copy of the body
 * (Response.clone) took the compile off the browser's fast path, about
 * 40 ms more to a compiled module on this machine, and a compressed body's
 * bytes cannot be set against its Content-Length anyway.
 */
export async function compileRunner(url: string, onDownloading: Downloading): Promise<WebAssembly.Module> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`${new URL(url).pathname} answered ${res.status} ${res.statusText}`.trim());
  onDownloading(Number(res.headers.get("Content-Length")) || 0);
  return WebAssembly.compileStreaming(res);
}

/**
 * The URL of a runner worker that starts loading its build as soon as its
 * script runs: without waiting for an "init" message, whose delivery needs
 * the page's main thread.
 */
export function selfStartingWorkerURL(worker: string, wasm: string, wasmExec: string): string {
  const u = new URL(worker);
  u.searchParams.set("wasm", wasm);
  u.searchParams.set("exec", wasmExec);
  return u.href;
}
