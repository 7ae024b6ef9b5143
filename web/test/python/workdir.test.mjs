// Pyodide's file system lives as long as the worker: a file one run wrote
// was there for the next run to read. Each run starts in an empty working
// directory of its own, removed after it (web/python/loopscope/workdir.py).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { loadPython } from "./pyodide-node.mjs";

let py;
before(async () => {
  py = await loadPython();
});

/** Runs src as main.py; returns the output lines. */
function run(src) {
  py.globals.set("src", src);
  const r = py.runPython("import json, loopscope; json.dumps(loopscope.run(src))");
  const result = JSON.parse(r);
  assert.equal(result.outcome, "ok", `${result.message}\n${result.output.map((l) => l.text).join("\n")}`);
  return result.output.map((l) => l.text);
}

const WRITER = `import os, tempfile
print(sorted(os.listdir(".")))
with open("notes.txt", "w") as f:
    f.write("from the first run")
os.mkdir("cache")
with open(os.path.join("cache", "page.html"), "w") as f:
    f.write("<p>")
fd, path = tempfile.mkstemp()
os.close(fd)
print(os.path.basename(path) in os.listdir(tempfile.gettempdir()))
print(os.getcwd())
`;

test("a run starts in an empty directory: what the last run wrote there is gone", () => {
  const first = run(WRITER);
  assert.equal(first[0], "[]", "the first run starts empty");
  assert.equal(first[1], "True");
  const second = run(WRITER);
  assert.equal(second[0], "[]", `the second run does not see the first's files: ${second[0]}`);
  // Nothing is left of either run: its directory is removed, and the
  // interpreter is back where it was.
  const left = py.runPython(`import os; [os.path.exists(d) for d in (${JSON.stringify(first[2])}, ${JSON.stringify(second[2])})]`).toJs();
  assert.deepEqual(left, [false, false]);
  assert.notEqual(py.runPython("import os; os.getcwd()"), second[2]);
});

test("a program that changes directory, or leaves the directory it was given, does not take the next run with it", () => {
  run(`import os\nos.makedirs("deep/er")\nos.chdir("deep/er")\nprint(os.getcwd())\n`);
  const out = run(`import os\nprint(sorted(os.listdir(".")))\n`);
  assert.deepEqual(out, ["[]"]);
});
