// Every Python example runs in Pyodide (CPython in wasm, as in the browser)
// with the same output and trace as under the native CPython: both must
// match web/python/testdata/golden (written by web/python/tests/test_examples.py).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { loadPython, root } from "./pyodide-node.mjs";

const examples = join(root, "web", "examples");
const names = readdirSync(examples).filter((n) => {
  const readme = join(examples, n, "README.md");
  return existsSync(readme) && /^lang: python$/m.test(readFileSync(readme, "utf8"));
});
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
});

for (const name of names) {
  test(name, () => {
    const want = readFileSync(join(root, "web", "python", "testdata", "golden", `${name}.golden`), "utf8");
    assert.equal(runExample(`/examples/${name}`), want);
  });
}
