// Downloading and compiling the runner's wasm in its worker, off the page's
// main thread (which is busy building the page during a cold start). The
// worker hands the compiled module back to the page, which gives it to every
// worker it starts after Stop or a crash: no second download or compile.

export type Progress = (loaded: number, total: number) => void;

/** Downloads and compiles a runner build, reporting bytes as they arrive. */
export async function compileRunner(url: string, onProgress: Progress): Promise<WebAssembly.Module> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`${new URL(url).pathname} answered ${res.status} ${res.statusText}`.trim());
  void countBytes(res.clone(), onProgress);
  // The response itself, not a copy: Chromium keeps the compiled code of a
  // module streamed from a URL for the next visit.
  return WebAssembly.compileStreaming(res);
}

async function countBytes(res: Response, onProgress: Progress) {
  const total = Number(res.headers.get("Content-Length")) || 0;
  const reader = res.body!.getReader();
  let loaded = 0;
  let lastPost = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.length;
      const now = performance.now();
      if (now - lastPost > 50) {
        lastPost = now;
        onProgress(loaded, total);
      }
    }
  } catch {
    return; // the compile reports a failed download
  }
  onProgress(loaded, Math.max(total, loaded));
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
