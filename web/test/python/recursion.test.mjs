// A recursion through `await` in Pyodide, as in the browser: it ends with
// Python's RecursionError and its traceback, what was printed before is
// kept, and the next run works. (Pyodide 0.25's CPython 3.11 nested the
// interpreter in the JS stack at each await and crashed at ~390 levels;
// 3.12 runs an await of a coroutine inline, as a plain call.)
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { loadPython } from "./pyodide-node.mjs";

let run;
before(async () => {
  const py = await loadPython();
  run = (src) => JSON.parse(py.runPython(`import json, loopscope\nr = loopscope.run(${JSON.stringify(src)})\njson.dumps({"outcome": r["outcome"], "message": r["message"], "out": [o["text"] for o in r["output"]], "diagnostics": r["diagnostics"]})`));
});

const down = (limit) =>
  `import asyncio, sys\n${limit ? `sys.setrecursionlimit(${limit})\n` : ""}\nasync def down(n):\n    return await down(n + 1)\n\nprint("going down")\nasyncio.run(down(0))\n`;

for (const limit of [0, 10 ** 6]) {
  test(`await down(n + 1) with ${limit ? "sys.setrecursionlimit(10**6)" : "the default limit"}: RecursionError, its traceback, then the next run`, () => {
    const r = run(down(limit));
    const line = limit ? 5 : 4;
    assert.equal(r.outcome, "error", r.message);
    assert.match(r.message, new RegExp(`^RecursionError: maximum recursion depth exceeded.*\\(main\\.py:${line}\\)$`));
    if (limit) assert.match(r.message, /more than 100,000 calls were nested/);
    assert.equal(r.out[0], "going down");
    assert.equal(r.out[1], "Traceback (most recent call last):");
    assert.ok(r.out.includes("    return await down(n + 1)"));
    assert.ok(r.out.some((l) => /^ {2}\[Previous line repeated \d+ more times\]$/.test(l)), r.out.slice(-6).join("\n"));
    assert.match(r.out.at(-1), /^RecursionError: maximum recursion depth exceeded/);
    assert.equal(r.diagnostics[0].line, line);
    assert.deepEqual(run("print('next run works')\n").out, ["next run works"]);
  });
}
