// How the Python worker starts Pyodide: from the build's memory snapshot
// when it has one (CPython started, asyncio and Loopscope's loop imported
// and warmed up: build/pyodide-snapshot.mjs), else as a fresh interpreter
// that runs boot.py itself. A snapshot that cannot be fetched or loaded
// (another Pyodide build, a damaged download) costs that attempt only: the
// worker then starts the fresh way, and says nothing to the page but why,
// for the bench and tests.
import type { PyodideInterface } from "pyodide";

export type LoadPyodide = (options: object) => Promise<PyodideInterface>;
export type RunJSON = (request: string, post: (batch: string) => void) => string;

export interface StartOptions {
  indexURL: string;
  stdlibURL?: string;
  /** The snapshot's bytes (a fetch under way), if the build made one. */
  snapshot?: Promise<ArrayBuffer | Uint8Array>;
  /** Loopscope's prelude (web/python/loopscope): file name -> text. */
  prelude: Record<string, string>;
  /** web/src/python/boot.py. */
  boot: string;
  /** Pyodide's wasm, compiled by an earlier worker of this page. */
  module?: WebAssembly.Module;
}

export interface Started {
  py: PyodideInterface;
  runJSON: RunJSON;
  /** "snapshot", or "fresh" with the reason the snapshot was not used. */
  how: string;
  /** Pyodide's wasm as compiled, for the page to give the next worker. */
  module?: WebAssembly.Module;
}

export async function startPython(loadPyodide: LoadPyodide, o: StartOptions): Promise<Started> {
  const wasm = hookInstantiation(o.module);
  try {
    const s = await start(loadPyodide, o);
    return { ...s, module: wasm.module };
  } finally {
    wasm.restore();
  }
}

// Pyodide's loader compiles its wasm itself (WebAssembly.instantiateStreaming)
// and takes no module: while it loads, that call is wrapped, to keep the
// module it compiled, or to instantiate the one given instead. A module
// compiled by an earlier worker carries the code compiled since (V8 shares
// it between the page's workers), so a new worker after Stop skips
// compiling Pyodide's 10 MB of wasm, and the functions it compiles lazily
// on first call.
function hookInstantiation(given?: WebAssembly.Module) {
  const orig = WebAssembly.instantiateStreaming;
  const got: { module?: WebAssembly.Module; restore(): void } = {
    module: given,
    restore: () => {
      WebAssembly.instantiateStreaming = orig;
    },
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    if (given) return { module: given, instance: await WebAssembly.instantiate(given, imports) };
    const r = await orig.call(WebAssembly, source, imports);
    got.module = r.module;
    return r;
  };
  return got;
}

async function start(loadPyodide: LoadPyodide, o: StartOptions): Promise<Omit<Started, "module">> {
  const common = {
    indexURL: o.indexURL,
    stdLibURL: o.stdlibURL || undefined,
    stdout: () => {},
    stderr: () => {},
    // Never from a CDN: this runtime is all there is.
    packages: [],
  };
  let why = "the build made no snapshot";
  if (o.snapshot) {
    try {
      const snapshot = o.snapshot.then(checkSnapshot);
      // Pyodide awaits it only after other steps: a refusal meanwhile is no
      // unhandled rejection (which the worker takes for a crash).
      snapshot.catch(() => {});
      const py = await loadPyodide({ ...common, _loadSnapshot: snapshot });
      writePrelude(py, o.prelude);
      const runJSON = py.globals.get("run_json") as RunJSON | undefined;
      if (typeof runJSON !== "function") throw new Error("the snapshot has no run_json");
      py.globals.get("after_snapshot")();
      return { py, runJSON, how: "snapshot" };
    } catch (err) {
      why = String((err as Error)?.message ?? err).split("\n")[0];
    }
  }
  const py = await loadPyodide(common);
  writePrelude(py, o.prelude);
  py.runPython(o.boot);
  return { py, runJSON: py.globals.get("run_json") as RunJSON, how: `fresh (${why})` };
}

// Pyodide checks a snapshot's header and build only once its memory is set
// up from the snapshot's size, and a size that is no whole number of wasm
// pages makes that fail in a way its loader never reports (the start would
// hang): so the bytes are checked first.
const SNAPSHOT_MAGIC = 0x706e7300;
const WASM_PAGE = 65536;
export function checkSnapshot(b: ArrayBuffer | Uint8Array): Uint8Array {
  const bytes = b instanceof Uint8Array ? b : new Uint8Array(b);
  if (bytes.byteLength < 64 || bytes.byteOffset % 4 !== 0) throw new Error("snapshot: too short");
  const head = new Uint32Array(bytes.buffer, bytes.byteOffset, 2);
  if (head[0] !== SNAPSHOT_MAGIC) throw new Error("snapshot: invalid magic number");
  const memory = bytes.byteLength - head[1];
  if (head[1] < 48 || memory <= 0 || memory % WASM_PAGE !== 0) throw new Error("snapshot: truncated or damaged");
  return bytes;
}

// The prelude's modules are in a snapshot's memory already; their files are
// written all the same, for tracebacks (linecache reads them) and for any
// module the snapshot did not import.
function writePrelude(py: PyodideInterface, prelude: Record<string, string>) {
  const site = (py.runPython("import site; site.getsitepackages()[0]") as string) + "/loopscope";
  py.FS.mkdirTree(site);
  for (const [name, text] of Object.entries(prelude)) py.FS.writeFile(`${site}/${name}`, text);
}
