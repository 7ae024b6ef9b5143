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

// A file written at an absolute path was outside the run's directory: the
// next run found it. What a run adds under /tmp and the home directory is
// removed after it; what was there before stays, and so does Pyodide's own
// install.
test("a run does not see what the last one wrote under /tmp or the home directory; what was there before stays", () => {
  py.runPython(`import os\nos.makedirs("/tmp/before", exist_ok=True)\nopen("/tmp/before/kept.txt", "w").write("kept")\nopen(os.path.expanduser("~/kept.txt"), "w").write("kept")`);
  const paths = ["/tmp/x", "/tmp/before/added.txt", "/tmp/made/deep/file", "~/notes.txt", "~/.cache/page"];
  const look = `import os
for p in ${JSON.stringify(paths)} + ["/tmp/before/kept.txt", "~/kept.txt"]:
    print(p, os.path.exists(os.path.expanduser(p)))
`;
  const write = `import os
for p in ${JSON.stringify(paths)}:
    p = os.path.expanduser(p)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write("from the first run")
os.symlink("/lib", "/tmp/lib-link")
` + look;
  const all = (v) => [...paths.map((p) => `${p} ${v}`), "/tmp/before/kept.txt True", "~/kept.txt True"];
  assert.deepEqual(run(write), all("True"), "the first run wrote them");
  assert.deepEqual(run(look), all("False"), "the second run does not see them");
  // The link went, not what it pointed at: the stdlib is whole.
  assert.deepEqual(run(`import os, json, asyncio\nprint(os.path.lexists("/tmp/lib-link"), os.path.isdir(os.path.dirname(os.__file__)))\n`), ["False True"]);
  py.runPython(`import os, shutil\nshutil.rmtree("/tmp/before")\nos.remove(os.path.expanduser("~/kept.txt"))`);
});

test("a program that removes /tmp or the home directory does not break the next run", () => {
  run(`import os, shutil\nos.chdir("/")\nshutil.rmtree("/tmp")\nshutil.rmtree(os.path.expanduser("~"))\n`);
  assert.deepEqual(run(`import os\nprint(sorted(os.listdir(".")), os.path.isdir("/tmp"), os.path.isdir(os.path.expanduser("~")))\n`), ["[] True True"]);
});

test("a file or folder a run made at the top of the file system is gone for the next run; what was there stays", () => {
  const paths = ["/data.txt", "/made/deep/file"];
  const look = `import os
print([os.path.exists(p) for p in ${JSON.stringify(paths)}], os.path.isdir(os.path.dirname(os.__file__)), os.path.isdir("/tmp"))
`;
  const before = py.runPython(`import os, json; json.dumps(sorted(os.listdir("/")))`);
  const write = `import os
for p in ${JSON.stringify(paths)}:
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write("from the first run")
` + look;
  assert.deepEqual(run(write), ["[True, True] True True"], "the first run wrote them");
  assert.deepEqual(run(look), ["[False, False] True True"], "the second run does not see them");
  assert.equal(py.runPython(`import os, json; json.dumps(sorted(os.listdir("/")))`), before, "the top of the file system is as it was");
});
