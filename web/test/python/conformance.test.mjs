// Conformance: core's pinned asyncio scenarios (core/testdata/asyncio) run
// in Python mode — CPython in wasm (Pyodide, from node_modules) on
// Loopscope's loop — and print what native CPython printed (NAME.out), but
// for the differences listed, with why, in differences.json. A listed
// scenario must still differ, so the list cannot go stale.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadPython, root } from "./pyodide-node.mjs";

const dir = join(root, "core", "testdata", "asyncio");
const differences = JSON.parse(readFileSync(join(root, "web", "test", "python", "differences.json"), "utf8"));
const names = readdirSync(dir).filter((f) => f.endsWith(".py")).map((f) => f.slice(0, -3)).sort();
let runOne;

before(async () => {
  const py = await loadPython();
  py.FS.mkdirTree("/scenarios/lib");
  for (const f of readdirSync(dir)) if (f.endsWith(".py")) py.FS.writeFile(`/scenarios/${f}`, readFileSync(join(dir, f), "utf8"));
  for (const f of readdirSync(join(dir, "lib"))) py.FS.writeFile(`/scenarios/lib/${f}`, readFileSync(join(dir, "lib", f), "utf8"));
  py.FS.writeFile("/scenarios/lib/__init__.py", "");
  py.FS.writeFile("/home/pyodide/scenarios_harness.py", readFileSync(join(root, "web", "test", "python", "scenarios.py"), "utf8"));
  py.runPython("import sys; sys.path.insert(0, '/home/pyodide'); import scenarios_harness; scenarios_harness.setup('/scenarios')");
  runOne = py.runPython("scenarios_harness.run_one");
});

test("the pinned scenarios exist", () => {
  assert.ok(names.length > 100, `${names.length} scenarios`);
  for (const n of Object.keys(differences)) assert.ok(names.includes(n), `differences.json lists ${n}, which is no scenario`);
});

for (const name of names) {
  test(name, () => {
    const want = readFileSync(join(dir, `${name}.out`), "utf8");
    const got = JSON.parse(runOne(`/scenarios/${name}.py`));
    if (differences[name]) {
      assert.notEqual(got.out, want, `${name} now prints what CPython prints: remove it from differences.json`);
      return;
    }
    assert.equal(got.out, want, `${name} (${got.outcome}: ${got.message})\n${got.stderr}`);
  });
}
