// Makes Python mode's memory snapshot (run by the build, build/pyodide.go):
// Pyodide started under node with the site's own trimmed standard library,
// Loopscope's prelude written where the worker writes it and
// web/src/python/boot.py run, then the interpreter's whole memory written to
// OUT. A worker started from it skips CPython's start-up and every import
// boot.py made. Pyodide checks the snapshot against its own build, and the
// zip importer's index in it is the trimmed zip's, so the build names the
// snapshot by all of these inputs.
// Usage: node pyodide-snapshot.mjs PYODIDE_DIR STDLIB_ZIP PRELUDE_DIR BOOT_PY OUT
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, stdlib, preludeDir, bootPy, out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node pyodide-snapshot.mjs PYODIDE_DIR STDLIB_ZIP PRELUDE_DIR BOOT_PY OUT");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(resolve(pyodideDir), "pyodide.mjs")).href);
const py = await loadPyodide({
  indexURL: resolve(pyodideDir) + "/",
  stdLibURL: resolve(stdlib),
  packages: [],
  stdout: () => {},
  stderr: (line) => console.error(line),
  _makeSnapshot: true,
});
const site = py.runPython("import site; site.getsitepackages()[0]") + "/loopscope";
py.FS.mkdirTree(site);
for (const f of readdirSync(preludeDir)) if (f.endsWith(".py")) py.FS.writeFile(`${site}/${f}`, readFileSync(join(preludeDir, f), "utf8"));
py.runPython(readFileSync(bootPy, "utf8"));
writeFileSync(out, py.makeMemorySnapshot());
