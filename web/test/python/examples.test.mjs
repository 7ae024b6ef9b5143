// Every Python example runs in Pyodide (CPython in wasm, as in the browser)
// with the same output and trace as under the native CPython: both must
// match web/python/testdata/golden (written by web/python/tests/test_examples.py),
// but for the examples example-differences.json lists, whose trace differs
// because Pyodide's CPython is a newer one (it says why): those match
// web/python/testdata/golden-pyodide instead, which UPDATE_GOLDEN=1 rewrites,
// and must still differ from the native file, so the list cannot go stale.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadPython, root } from "./pyodide-node.mjs";

const examples = join(root, "web", "examples");
const names = readdirSync(examples).filter((n) => {
  const readme = join(examples, n, "README.md");
  return existsSync(readme) && /^lang: python$/m.test(readFileSync(readme, "utf8"));
});
const differences = JSON.parse(readFileSync(join(root, "web", "test", "python", "example-differences.json"), "utf8"));
const golden = join(root, "web", "python", "testdata", "golden");
const goldenPyodide = join(root, "web", "python", "testdata", "golden-pyodide");
let runExample;

before(async () => {
  const py = await loadPython();
  py.FS.writeFile("/home/pyodide/golden.py", readFileSync(join(root, "web", "test", "python", "golden.py"), "utf8"));
  for (const n of names) {
    py.FS.mkdirTree(`/examples/${n}`);
    for (const f of ["main.py", "README.md"]) py.FS.writeFile(`/examples/${n}/${f}`, readFileSync(join(examples, n, f), "utf8"));
  }
  py.runPython("import sys; sys.path.insert(0, '/home/pyodide'); import golden");
  runExample = py.runPython("golden.run_example");
});

test("the Python examples are there", () => {
  assert.ok(names.length >= 13, names.join(", "));
  for (const n of Object.keys(differences)) assert.ok(names.includes(n), `example-differences.json lists ${n}, which is no Python example`);
});

for (const name of names) {
  test(name, () => {
    const got = runExample(`/examples/${name}`);
    const native = readFileSync(join(golden, `${name}.golden`), "utf8");
    if (!differences[name]) {
      assert.equal(got, native);
      return;
    }
    assert.notEqual(got, native, `${name} now runs as under the native CPython: remove it from example-differences.json`);
    const file = join(goldenPyodide, `${name}.golden`);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(goldenPyodide, { recursive: true });
      writeFileSync(file, got);
      return;
    }
    assert.equal(got, readFileSync(file, "utf8"), `${name} differs from ${file} (UPDATE_GOLDEN=1 rewrites it)`);
  });
}
