// While a Python step spins, nothing of the worker runs but Python itself:
// the worker's hook on CPython's periodic signal check (web/src/python/
// tick.ts) calls Python's tick, which sends the page what the run traced
// and where it is, and ends the run at its wall limit at the line it spins
// on. Here under node, with the hook and boot.py as the worker has them.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { loadPython, root } from "./pyodide-node.mjs";

let py;
let runJSON;
before(async () => {
  py = await loadPython();
  py.runPython(readFileSync(join(root, "web", "src", "python", "boot.py"), "utf8"));
  runJSON = py.globals.get("run_json");
  const ts = readFileSync(join(root, "web", "src", "python", "tick.ts"), "utf8");
  const { tickHook } = await import("data:text/javascript," + encodeURIComponent(transformSync(ts, { loader: "ts", format: "esm" }).code));
  // Should tick fail to end a spin, the test fails (SIGINT: KeyboardInterrupt) instead of hanging.
  const tick = py.globals.get("tick");
  py.setInterruptBuffer(tickHook(() => (performance.now() - runBegan > 10_000 ? 2 : tick())));
});

let runBegan = 0;

/** Runs src as the worker does; each stream message comes with the ms since the run began. */
function run(src, { clock = "virtual", wallMs } = {}) {
  const began = (runBegan = performance.now());
  const stream = [];
  const request = { source: src, clock, limits: wallMs ? { wallMs } : {} };
  const result = JSON.parse(runJSON(JSON.stringify(request), (batch) => {
    const at = performance.now() - began;
    for (const m of JSON.parse(batch)) stream.push({ at, m });
  }));
  return { result, stream, ms: performance.now() - began };
}

const HOG = `import asyncio

async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.1)

async def hog():
    await asyncio.sleep(0.25)
    print("hog starts spinning")
    while True:
        pass

async def main():
    await asyncio.gather(ticker(), hog())

asyncio.run(main())
`;

test("a task that never awaits: the page hears its step, its output and its line while it spins, and the wall limit ends it there", () => {
  const { result, stream, ms } = run(HOG, { wallMs: 1500 });
  assert.equal(result.outcome, "limit", result.message);
  assert.equal(result.limit, "wall");
  // The loop's line (its jump back is on "while True:") or its body's.
  const at = /^stopped: still running after 1\.5s of real time .*; task "Task-3" was still running at (main\.py:1[12])$/.exec(result.message);
  assert.ok(at, result.message);
  assert.deepEqual(result.output.map((o) => o.text), ["tick 0", "tick 1", "tick 2", "hog starts spinning"]);
  assert.ok(ms < 5000, `took ${ms} ms`);
  // What a Stop during the spin would have had: heard long before the end.
  const out = stream.find((s) => s.m.type === "output" && s.m.text === "hog starts spinning");
  assert.ok(out && out.at < ms - 1000, `"hog starts spinning" reached the page at ${out?.at} ms of ${ms}`);
  const step = result.events.find((e) => e.kind === "task.step" && e.name === "Task-3" && e.seq < out.m.seq);
  assert.ok(stream.some((s) => s.m.type === "event" && s.m.event.seq >= step.seq && s.at < ms - 1000));
  const running = stream.filter((s) => s.m.type === "running" && s.m.in === step.id && s.m.pos === at[1]);
  assert.ok(running.length >= 10, `${running.length} running messages naming the spin`);
  // The run's signal handler and hook leave nothing behind.
  assert.deepEqual(run('print("next run")\n').result.output.map((o) => o.text), ["next run"]);
});

test("a spin outside any loop: main, at its line", () => {
  const { result } = run("print('before')\nwhile True:\n    pass\n", { wallMs: 500 });
  assert.equal(result.limit, "wall", result.message);
  assert.match(result.message, /; main was still running at main\.py:2$/);
  assert.deepEqual(result.output.map((o) => o.text), ["before"]);
});

test("time.sleep(3600) before any loop ends at the wall limit, naming its line", () => {
  const { result, ms } = run("import time\nprint('sleeping')\ntime.sleep(3600)\n", { wallMs: 500 });
  assert.equal(result.limit, "wall", result.message);
  assert.match(result.message, /; main was still running at main\.py:3$/);
  assert.ok(ms < 3000, `took ${ms} ms`);
});

test("real clock: a line printed before the loop waits reaches the page at once, not after the wait", () => {
  const src = `import asyncio

async def main():
    print("A")
    await asyncio.sleep(0.6)
    print("B")

asyncio.run(main())
`;
  const { result, stream } = run(src, { clock: "real" });
  assert.equal(result.outcome, "ok", result.message);
  const a = stream.find((s) => s.m.type === "output" && s.m.text === "A");
  const b = stream.find((s) => s.m.type === "output" && s.m.text === "B");
  assert.ok(a.at < b.at - 400, `A at ${a.at} ms, B at ${b.at} ms`);
});

test("a program catching everything still ends: the limit is a BaseException it cannot swallow with except Exception", () => {
  const src = "n = 0\nwhile True:\n    try:\n        n += 1\n    except Exception:\n        pass\n";
  const { result } = run(src, { wallMs: 400 });
  assert.equal(result.limit, "wall", result.message);
  assert.match(result.message, /main was still running at main\.py:[2-6]$/);
});
