// Loads Pyodide (from node_modules, as `npm ci` installed it: nothing is
// fetched from anywhere else) with Loopscope's Python prelude, under node.
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..", "..");
const require = createRequire(import.meta.url);
export const pyodideDir = dirname(require.resolve("pyodide/package.json"));

/** The prelude's files: name -> text (web/python/loopscope/*.py). */
export function preludeFiles() {
  const dir = join(root, "web", "python", "loopscope");
  const files = {};
  for (const f of readdirSync(dir)) if (f.endsWith(".py")) files[f] = readFileSync(join(dir, f), "utf8");
  return files;
}

export async function loadPython() {
  const { loadPyodide } = await import(join(pyodideDir, "pyodide.mjs"));
  const py = await loadPyodide({ indexURL: pyodideDir + "/", stdout: () => {}, stderr: () => {} });
  const site = py.runPython("import site; site.getsitepackages()[0]");
  py.FS.mkdirTree(site + "/loopscope");
  for (const [name, text] of Object.entries(preludeFiles())) py.FS.writeFile(`${site}/loopscope/${name}`, text);
  py.runPython("import loopscope; loopscope.install()");
  return py;
}
