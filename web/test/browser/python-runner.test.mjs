// Python mode's runtime in Chromium: the Python worker (a module worker
// hosting Pyodide) loads everything from the site itself, runs a program with
// Loopscope's loop and streams its trace in the Go runner's protocol; Stop
// (terminating the worker) ends `while True: pass` and a new worker runs the
// next program. A Go user downloads nothing of Python. The worker starts
// from the build's memory snapshot, and from scratch when that cannot load.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { base, openBrowser, waitRunDone, artifacts } from "./harness.mjs";
import { join } from "node:path";

let browser;
const requests = [];

before(async () => {
  browser = await openBrowser();
  browser.context.on("request", (r) => requests.push(r.url()));
});

after(async () => {
  await browser?.close();
});

// Starts the Python worker as startPythonRunner() does and runs programs
// through the worker protocol (init/ready/run/stream/result). A program's
// snapshot, if given, is the URL the worker gets instead of the build's.
async function pythonSession(page, programs) {
  return page.evaluate(async (programs) => {
    const assets = await (await fetch("/assets.json")).json();
    const out = [];
    for (const prog of programs) {
      const u = new URL(assets["python.worker.js"], location.href);
      u.searchParams.set("index", new URL(assets.pyodide, location.href).href);
      u.searchParams.set("stdlib", new URL(assets.pyodide_stdlib, location.href).href);
      u.searchParams.set("snapshot", new URL(prog.snapshot ?? assets.pyodide_snapshot, location.href).href);
      const w = new Worker(u.href, { type: "module", name: "loopscope-python-runner" });
      const began = performance.now();
      const got = await new Promise((resolve) => {
        const streamed = [];
        let readyMs = 0;
        let how = "";
        w.onerror = (e) => resolve({ error: e.message || "worker error" });
        w.onmessage = (e) => {
          const m = e.data;
          if (m.type === "init-failed" || m.type === "crash") resolve({ error: m.message });
          if (m.type === "ready") {
            readyMs = performance.now() - began;
            how = m.detail;
            w.postMessage({ type: "run", id: 1, request: { source: prog.source, clock: "virtual" } });
            if (prog.stopAfterMs) {
              setTimeout(() => {
                w.terminate();
                resolve({ stopped: true, streamed });
              }, prog.stopAfterMs);
            }
          }
          if (m.type === "stream") streamed.push(...JSON.parse(m.msg));
          if (m.type === "result") resolve({ result: JSON.parse(m.result), streamed, readyMs, how });
        };
      });
      w.terminate();
      out.push(got);
    }
    return out;
  }, programs);
}

const MY_TASK = `import asyncio

async def my_task(seconds):
    print('This task is taking {} seconds to complete'.format(seconds))
    await asyncio.sleep(seconds)
    return 'task finished'

loop = asyncio.get_event_loop()
task = loop.create_task(my_task(seconds=2))
loop.run_until_complete(task)
loop.close()
print("The task's result was: {}".format(task.result()))
`;

test("a Go run downloads nothing of Python", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page, 60_000), "ok");
  const py = requests.filter((r) => /pyodide|python/i.test(new URL(r).pathname));
  assert.deepEqual(py, [], "no Python asset requested in Go mode");
  await page.close();
});

test("the Python worker runs a program from the site's own files and restarts after Stop", async () => {
  requests.length = 0;
  const page = await browser.page();
  await page.goto(`${base}/`);
  const [run, stopped, after] = await pythonSession(page, [
    { source: MY_TASK },
    { source: "print('spinning')\nwhile True:\n    pass\n", stopAfterMs: 1500 },
    { source: "print('next run works')\n" },
  ]);
  await page.screenshot({ path: join(artifacts, "python-runner.png") });
  assert.equal(run.error, undefined, run.error);
  assert.equal(run.result.outcome, "ok", run.result.message);
  assert.equal(run.how, "snapshot", "started from the build's memory snapshot");
  assert.deepEqual(run.result.output.map((o) => o.text), [
    "This task is taking 2 seconds to complete",
    "The task's result was: task finished",
  ]);
  const kinds = run.result.events.map((e) => e.kind);
  for (const k of ["task.create", "task.step", "task.suspend", "timer.due", "task.done", "loop.close"]) {
    assert.ok(kinds.includes(k), `trace has ${k}`);
  }
  const out = run.result.events.find((e) => e.kind === "output");
  assert.equal(out.pos, "main.py:4");
  assert.equal(out.in, run.result.events.find((e) => e.kind === "task.create").id, "output attributed to the task");
  assert.equal(run.streamed.filter((m) => m.type === "event").length, run.result.events.length, "every event streamed");
  assert.ok(stopped.stopped);
  assert.deepEqual(after.result.output.map((o) => o.text), ["next run works"]);
  const foreign = requests.filter((r) => new URL(r).origin !== new URL(base).origin && !r.startsWith("data:") && !r.startsWith("blob:"));
  assert.deepEqual(foreign, [], "everything comes from the site");
  assert.deepEqual(browser.errors, []);
  console.log(`# python worker ready in ${Math.round(run.readyMs)} ms (fresh profile), ${Math.round(after.readyMs)} ms cached`);
  await page.close();
});

test("a snapshot that cannot load costs nothing but time: the worker starts from scratch", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  const assets = await page.evaluate(async () => (await fetch("/assets.json")).json());
  // Not a snapshot (Pyodide checks its magic number), and one that is not there.
  const [notSnapshot, missing] = await pythonSession(page, [
    { source: MY_TASK, snapshot: assets.pyodide_stdlib },
    { source: "import random\nprint('missing snapshot', random.random() < 1)\n", snapshot: "/assets/pyodide-snapshot-0000000000.bin" },
  ]);
  for (const [got, want] of [[notSnapshot, "The task's result was: task finished"], [missing, "missing snapshot True"]]) {
    assert.equal(got.error, undefined, got.error);
    assert.equal(got.result.outcome, "ok", got.result.message);
    assert.match(got.how, /^fresh \(/, "started without the snapshot");
    assert.equal(got.result.output.at(-1).text, want);
  }
  assert.match(notSnapshot.how, /magic/i, notSnapshot.how);
  assert.match(missing.how, /404/, missing.how);
  assert.deepEqual(browser.errors.filter((e) => !/404/.test(e)), [], "nothing but the missing file's 404 is reported");
  await page.close();
});

test("after Stop, a new worker starts from the wasm and snapshot the last one handed the page", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  const [first, second] = await page.evaluate(async () => {
    const assets = await (await fetch("/assets.json")).json();
    const abs = (u) => new URL(u, location.href).href;
    const start = (given) =>
      new Promise((resolve) => {
        const u = new URL(assets["python.worker.js"], location.href);
        u.searchParams.set("index", abs(assets.pyodide));
        u.searchParams.set("stdlib", abs(assets.pyodide_stdlib));
        u.searchParams.set("snapshot", abs(assets.pyodide_snapshot));
        if (given) u.searchParams.set("module", "init");
        const w = new Worker(u.href, { type: "module" });
        if (given) w.postMessage({ type: "init", wasm: abs(assets.pyodide), wasmExec: abs(assets.pyodide_stdlib), ...given });
        let handed, how;
        w.onmessage = (e) => {
          const m = e.data;
          if (m.type === "compiled") handed = { module: m.module, snapshot: m.snapshot };
          if (m.type === "ready") {
            how = m.detail;
            w.postMessage({ type: "run", id: 1, request: { source: "print('hello again')\n", clock: "virtual" } });
          }
          if (m.type === "result") {
            w.terminate();
            const r = JSON.parse(m.result);
            resolve({ how, handed, out: r.output.map((o) => o.text), snapshotBytes: handed?.snapshot?.byteLength ?? 0 });
          }
          if (m.type === "init-failed" || m.type === "crash") resolve({ error: m.message });
        };
      });
    const first = await start();
    const second = await start(first.handed);
    return [
      { how: first.how, out: first.out, module: first.handed?.module instanceof WebAssembly.Module, snapshotBytes: first.snapshotBytes },
      { how: second.how, out: second.out, handedAgain: !!second.handed },
    ];
  });
  assert.equal(first.how, "snapshot");
  assert.ok(first.module, "the first worker hands its compiled wasm to the page");
  assert.ok(first.snapshotBytes > 16 << 20, `and the snapshot (${first.snapshotBytes} bytes)`);
  assert.deepEqual(second.out, ["hello again"]);
  assert.equal(second.how, "snapshot", "the second starts from the snapshot it was given");
  assert.equal(second.handedAgain, false, "and hands nothing back: the page has them");
  assert.deepEqual(browser.errors, []);
  await page.close();
});
