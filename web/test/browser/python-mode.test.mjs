// Python mode in a real browser: the language switch, the introduction's
// own programs run verbatim on the same timeline, sharing, docs blocks,
// Stop, tracebacks in the gutter, and bad input. Screenshots of each view
// go to test-artifacts/python-*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { base, repo, artifacts, openBrowser, waitRunDone, setEditorText, editorText, outputLines } from "./harness.mjs";

// The introduction's programs, quoted in shared/ beside the clone (CI) or
// two levels up (a worktree).
const seeds = [join(repo, "..", "shared", "seed-examples"), join(repo, "..", "..", "shared", "seed-examples")].find(existsSync);
const seed = (name) => {
  assert.ok(seeds, "shared/seed-examples is beside the repository");
  return readFileSync(join(seeds, name), "utf8");
};

let browser;
let page;

before(async () => {
  browser = await openBrowser();
  page = await browser.page();
});

after(async () => {
  assert.deepEqual(browser?.errors ?? [], [], "no uncaught page errors");
  await browser?.close();
});

const shot = (name, p = page) => p.screenshot({ path: join(artifacts, `python-${name}.png`) });

/** The timeline's model of the last run: lanes, marks and arrows by kind. */
async function timeline(p = page) {
  return p.getByTestId("timeline").evaluate((el) => {
    const m = el.loopscopeTimeline.currentModel;
    return {
      tasks: m.lanes.filter((l) => l.kind === "task").map((l) => l.name),
      spans: m.spans.map((s) => ({ kind: s.kind, lane: s.lane, name: s.name })),
      marks: m.marks.map((k) => k.kind),
      arrows: m.arrows.map((a) => a.kind),
    };
  });
}

// Pyodide's first start on a busy 2-core machine can take a minute and
// more (the budget is checked by make bench, not here), and a run after a
// Stop waits for a fresh worker to start it again.
const LOAD_MS = 240_000;

/**
 * Runs what is in the editor; returns the status state and message, and
 * the outcome as the output pane says it whole (the status line only names
 * a failure: run-outcome.ts).
 */
async function run(p = page, timeout = LOAD_MS) {
  await p.getByTestId("run").click();
  const state = await waitRunDone(p, timeout);
  const message = await p.getByTestId("status").locator(".status-text").textContent();
  const said = p.locator('[data-testid="output"] .out-said, [data-testid="output"] .out-outcome');
  const outcome = (await said.count()) ? await said.first().textContent() : "";
  return { state, message, outcome };
}

async function switchTo(lang, p = page) {
  await p.getByTestId("language").selectOption(lang);
  assert.equal(await p.getByTestId("language").inputValue(), lang);
}

test("Python loads only when chosen, and the page becomes a Python playground", async () => {
  const pythonRequests = [];
  page.on("request", (r) => {
    if (/pyodide|python/i.test(r.url())) pythonRequests.push(r.url());
  });
  await page.goto(`${base}/`);
  await page.getByTestId("status").and(page.locator('[data-state="ready"]')).waitFor({ timeout: LOAD_MS });
  assert.deepEqual(pythonRequests, [], "a Go visitor downloads nothing of Python");
  assert.equal(await page.getByTestId("language").inputValue(), "go");

  await switchTo("python");
  assert.ok(pythonRequests.length > 0, "choosing Python starts its runtime");
  // The editor highlights and labels Python; the picker lists Python
  // examples; Format (gofmt) says why it is off.
  await page.locator('[data-testid="editor"] .cm-content[aria-label="Python program"]').waitFor();
  assert.match(await editorText(page), /import asyncio/);
  const format = page.getByTestId("format");
  assert.equal(await format.isDisabled(), true);
  assert.match(await format.getAttribute("title"), /gofmt.*Go programs only/);
  const all = await page.evaluate(() => fetch("/examples.json").then((r) => r.json()));
  const listed = await page.locator('[data-testid="example-list"] [role="option"]').evaluateAll((os) => os.map((o) => o.dataset.name).filter(Boolean));
  assert.deepEqual(listed, all.filter((e) => e.lang === "python").map((e) => e.name), "the picker lists the Python examples only");
  await page.getByTestId("status").and(page.locator('[data-state="ready"]')).waitFor({ timeout: LOAD_MS });
  assert.match(new URL(page.url()).search, /lang=python/, "the address says Python, so a reload stays in Python");

  // Back to Go: the Go program comes back, Format works again.
  await switchTo("go");
  await page.locator('[data-testid="editor"] .cm-content[aria-label="Go program"]').waitFor();
  assert.match(await editorText(page), /package main/);
  assert.equal(await format.isDisabled(), false);
  await switchTo("python");
});

// The introduction's programs as its readers paste them, each with what it
// prints on a real CPython and what its timeline must hold.
const introduction = [
  {
    file: "call_soon.py",
    output: ["starting event loop", "Event handler called", "Event handler called", "stopping the loop", "closing event loop"],
    check: (tl) => {
      assert.equal(tl.tasks.length, 0, "plain callbacks, no tasks");
      assert.ok(tl.spans.filter((s) => s.kind === "callback").length >= 2, "both handlers are callbacks on the timeline");
    },
  },
  {
    file: "my_task.py",
    output: ["task creation started", "This task is taking 2 seconds to complete", "The task's result was: task finished"],
    check: (tl) => {
      assert.equal(tl.tasks.length, 1, `one task lane: ${tl.tasks}`);
      assert.ok(tl.marks.includes("timer"), "asyncio.sleep(2) is a timer");
      assert.ok(tl.arrows.includes("wake"), "the timer wakes the task");
    },
  },
  {
    file: "urllib_download.py",
    outputMatch: (lines) => {
      const done = lines.filter((l) => /^Finished downloading f1040\w*\.pdf$/.test(l));
      assert.equal(done.length, 5, lines.join("\n"));
    },
    check: (tl) => {
      assert.ok(tl.tasks.length >= 5, `a lane per download: ${tl.tasks}`);
      assert.equal(tl.marks.filter((m) => m === "block").length, 5, "each blocking urlopen is marked on the timeline");
    },
    // The gutter warns at the blocking call.
    warnLine: 7,
    simulated: 5,
  },
  {
    file: "aiohttp_download.py",
    output: [],
    simulated: 5,
    check: (tl) => {
      assert.ok(tl.tasks.length >= 5, `a lane per download: ${tl.tasks}`);
      assert.ok(tl.marks.includes("timer"), "the simulated network's latency is timers");
      assert.ok(tl.arrows.filter((a) => a === "wake").length >= 5, "each download is woken by its reply");
    },
  },
];

for (const prog of introduction) {
  test(`the introduction's ${prog.file} runs verbatim`, async () => {
    await setEditorText(page, seed(prog.file));
    const { state, message } = await run();
    assert.equal(state, "ok", message);
    // Nothing was downloaded, and the run says so.
    if (prog.simulated) assert.equal(message, `the program finished; its ${prog.simulated} downloads were simulated: the playground has no network`);
    const lines = await outputLines(page);
    if (prog.output) assert.deepEqual(lines, prog.output);
    else prog.outputMatch(lines);
    prog.check(await timeline());
    if (prog.warnLine) {
      const warned = await page.locator(".cm-gutter-lint .cm-gutterElement").evaluateAll((els) =>
        els.filter((e) => e.querySelector(".cm-lint-marker-warning")).map((e) => e.getBoundingClientRect().top),
      );
      const top = await page.locator(".cm-line").nth(prog.warnLine - 1).evaluate((e) => e.getBoundingClientRect().top);
      assert.ok(warned.some((y) => Math.abs(y - top) < 3), `a warning marker sits on line ${prog.warnLine}`);
    }
    await shot(prog.file.replace(/\.py$/, ""));
  });
}

test("a traceback marks its line in the editor's gutter", async () => {
  const src = `import asyncio


async def main():
    await asyncio.sleep(0.1)
    raise ValueError("bad value on line 6")


asyncio.run(main())
`;
  await setEditorText(page, src);
  const { state } = await run();
  assert.equal(state, "error");
  const out = (await outputLines(page)).join("\n");
  assert.match(out, /ValueError: bad value on line 6/);
  assert.match(out, /line 6/);
  const marked = await page.locator(".cm-lint-marker-error").count();
  assert.ok(marked >= 1, "the gutter marks the failing line");
  const lineOfMark = await page.evaluate(() => {
    const view = document.querySelector('[data-testid="editor"]').loopscopeEditor.view;
    const r = document.querySelector(".cm-lint-marker-error").getBoundingClientRect();
    return view.state.doc.lineAt(view.lineBlockAtHeight(r.top + r.height / 2 - view.documentTop).from).number;
  });
  assert.equal(lineOfMark, 6);
  await shot("traceback");

  // A SyntaxError is marked the same way, before anything runs.
  await setEditorText(page, "import asyncio\n\nasync def main(:\n    pass\n");
  const syntax = await run();
  assert.equal(syntax.state, "error");
  assert.match((await outputLines(page)).join("\n"), /SyntaxError/);
  assert.ok(await page.locator(".cm-lint-marker-error").count() >= 1);
});

test("Stop ends while True: pass, and the next run works", async () => {
  await setEditorText(page, "print('spinning')\nwhile True:\n    pass\n");
  await page.getByTestId("run").click();
  await page.getByTestId("status").and(page.locator('[data-state="running"]')).waitFor();
  await page.waitForTimeout(1000); // spinning, well before the 15 s wall limit
  const stoppedAt = Date.now();
  await page.getByTestId("stop").click();
  const state = await waitRunDone(page, 5_000);
  assert.equal(state, "error");
  assert.ok(Date.now() - stoppedAt < 5_000, "Stop ends the run at once");
  assert.match(await page.getByTestId("status").textContent(), /Stopped: main was still running at main\.py:2\. The runner was restarted/);
  await setEditorText(page, "print('after stop')\n");
  const next = await run();
  assert.equal(next.state, "ok", next.message);
  assert.deepEqual(await outputLines(page), ["after stop"]);
});

test("Stop during a task that never awaits names that task and its line, and keeps what it printed", async () => {
  // Python runs a whole run as one call in the worker; what it traced
  // reaches the page while it spins only through the tick (tick.ts).
  await setEditorText(page, [
    "import asyncio", "", "async def ticker():", "    for i in range(3):", '        print("tick", i)', "        await asyncio.sleep(0.1)", "",
    "async def hog():", "    await asyncio.sleep(0.25)", '    print("hog starts spinning")', "    while True:", "        pass", "",
    "async def main():", "    await asyncio.gather(ticker(), hog())", "", "asyncio.run(main())", "",
  ].join("\n"));
  await page.getByTestId("run").click();
  await page.getByTestId("status").and(page.locator('[data-state="running"]')).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="output"]')?.textContent?.includes("hog starts spinning"), null, { timeout: LOAD_MS });
  await page.waitForTimeout(500);
  await page.getByTestId("stop").click();
  assert.equal(await waitRunDone(page, 5_000), "error");
  assert.match(await page.getByTestId("status").textContent(), /Stopped: task "Task-3" was still running at main\.py:1[12]\. The runner was restarted/);
  assert.deepEqual(await outputLines(page), ["tick 0", "tick 1", "tick 2", "hog starts spinning"]);
  // The loop's state as the run ended: the hog holds the loop.
  assert.match(await page.getByTestId("loop-state").innerText(), /RUNNING\s+Task-3 \(task step\)/i);
  await shot("stopped-hog");
});

test("bad input ends with a clear message and the next run works", async () => {
  const cases = [
    {
      name: "a 64 KiB program",
      source: "import asyncio\n" + "x = 1  # padding the program to its limit\n".repeat(Math.floor((64 * 1024 - 60) / 42)) + "print('big ok')\n",
      want: (r, lines) => assert.ok(r.state === "ok" && lines.includes("big ok"), `${r.state}: ${r.message}`),
    },
    {
      name: "os._exit",
      source: "import os\nprint('before exit')\nos._exit(1)\n",
      want: (r) => {
        assert.equal(r.state, "error");
        assert.match(r.message, /exit/i);
      },
    },
    {
      name: "deep recursion with a raised limit",
      source: "import sys\nsys.setrecursionlimit(10**6)\n\ndef down(n):\n    return down(n + 1)\n\ndown(0)\n",
      // Python's own RecursionError, at the depth Python mode allows, in a
      // second or two: not the page's 15 s wall limit blaming a loop.
      want: (r, lines, ms) => {
        assert.equal(r.state, "error");
        assert.equal(r.message, "Failed: RecursionError at main.py:5");
        assert.match(r.outcome, /RecursionError: maximum recursion depth exceeded: more than 100,000 calls were nested, the most Python mode allows \(sys\.setrecursionlimit\(1000000\) asked for more\)/);
        assert.ok(ms < 12_000, `ended after ${ms} ms`);
        // CPython's own way of printing a long run of one frame.
        assert.ok(lines.some((l) => /^ {2}\[Previous line repeated 999\d\d more times\]$/.test(l)), lines.slice(-4).join("\n"));
        assert.equal(lines.at(-1), "RecursionError: maximum recursion depth exceeded");
      },
    },
    {
      name: "a recursion through await",
      // CPython 3.12 runs an await of a coroutine inline, as a plain call:
      // the browser's own stack no longer runs out first (3.11 crashed the
      // runner at ~390 levels).
      source: "import asyncio\n\nasync def down(n):\n    return await down(n + 1)\n\nprint('going down')\nasyncio.run(down(0))\n",
      want: async (r, out) => {
        assert.equal(r.state, "error");
        assert.equal(r.message, "Failed: RecursionError at main.py:4");
        assert.match(r.outcome, /RecursionError: maximum recursion depth exceeded/);
        assert.equal(out[0], "going down", "what was printed before is kept");
        assert.ok(out.includes("    return await down(n + 1)"), out.slice(-6).join("\n"));
        assert.ok(out.some((l) => /\[Previous line repeated \d+ more times\]/.test(l)));
        assert.match(out.at(-1), /^RecursionError: maximum recursion depth exceeded/);
        // Its line is marked in the editor, as any traceback's.
        await page.locator(".cm-lint-marker-error").first().waitFor({ timeout: 5_000 });
      },
    },
  ];
  for (const c of cases) {
    await setEditorText(page, c.source);
    const began = Date.now();
    const r = await run(page, 90_000);
    await c.want(r, await outputLines(page), Date.now() - began);
    await shot(`bad-${c.name.replace(/\W+/g, "-")}`);
    await setEditorText(page, "print('still working')\n");
    const next = await run();
    assert.equal(next.state, "ok", `after ${c.name}: ${next.message}`);
    assert.deepEqual(await outputLines(page), ["still working"], `after ${c.name}`);
  }
});

test("a Python share link round-trips, and a broken one says why", async () => {
  const src = seed("my_task.py");
  await setEditorText(page, src);
  await page.getByTestId("share").click();
  const link = page.getByTestId("share-link");
  await page.waitForFunction(() => document.querySelector('[data-testid="share-link"]')?.value);
  const url = await link.inputValue();
  assert.match(url, /\/\?lang=python#code=/);
  const short = page.getByTestId("share-short");
  await page.waitForFunction(() => document.querySelector('[data-testid="share-short"]')?.value, null, { timeout: 15_000 });
  const shortURL = await short.inputValue();
  await page.keyboard.press("Escape");

  for (const [what, address] of [["fragment link", url], ["short link", shortURL]]) {
    const other = await browser.page();
    await other.goto(address);
    await other.locator('[data-testid="editor"]').getByText("task creation started").first().waitFor({ timeout: LOAD_MS });
    assert.equal(await editorText(other), src, what);
    assert.equal(await other.getByTestId("language").inputValue(), "python", what);
    const r = await run(other);
    assert.equal(r.state, "ok", `${what}: ${r.message}`);
    assert.deepEqual(await outputLines(other), introduction[1].output, what);
    if (what === "short link") await shot("short-link", other);
    await other.close();
  }

  // The same text shared as Go gets another id.
  const goID = await page.evaluate(async (source) => {
    const res = await fetch("/api/share", { method: "POST", body: JSON.stringify({ source }) });
    return (await res.json()).id;
  }, src);
  assert.notEqual(goID, shortURL.split("/s/")[1]);

  // A link whose text is not UTF-8: the page says so and still runs.
  const bad = await browser.page();
  const frag = await bad.evaluate(async () => {
    const json = new TextEncoder().encode('{"source":"print(1)","lang":"python"}');
    const bytes = new Uint8Array([...json.subarray(0, 12), 0xff, 0xfe, ...json.subarray(12)]);
    const packed = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
    return btoa(String.fromCharCode(...packed)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  });
  await bad.goto(`${base}/?lang=python#code=${frag}`);
  await bad.getByTestId("status").and(bad.locator('[data-state="error"]')).waitFor({ timeout: 30_000 });
  assert.match(await bad.getByTestId("status").textContent(), /not valid UTF-8/);
  await shot("bad-utf8-link", bad);
  const after = await run(bad);
  assert.equal(after.state, "ok", after.message);
  await bad.close();
});

test("a Python docs block runs in place, beside its Go twin", async () => {
  const docs = await browser.page();
  await docs.goto(`${base}/docs/event-loop/`);
  const pair = docs.locator(".code-pair").first();
  await pair.waitFor();
  assert.deepEqual(await pair.locator(".code-pair-lang").allTextContents(), ["Go", "Python"]);
  // Side by side on a desktop-wide page.
  const cols = await pair.locator(".code-pair-col").all();
  const [goBox, pyBox] = await Promise.all(cols.map((c) => c.boundingBox()));
  assert.ok(Math.abs(goBox.y - pyBox.y) < 2 && pyBox.x > goBox.x + goBox.width - 1, "the two versions sit side by side");
  await shot("docs-pair", docs);

  const pyBlock = pair.locator('.loopscope-embed[data-lang="python"]');
  await pyBlock.getByRole("button", { name: "Run this example" }).click();
  const frame = docs.frameLocator('[data-testid="docs-embed-frame"]');
  await frame.getByTestId("language").waitFor();
  // The embed takes the block's language as it starts: on a busy machine the
  // select can be read before that (what matters, no Go runner loaded, is
  // checked below).
  for (let i = 0; i < 50 && (await frame.getByTestId("language").inputValue()) !== "python"; i++) await docs.waitForTimeout(100);
  assert.equal(await frame.getByTestId("language").inputValue(), "python");
  await frame.getByTestId("status").and(frame.locator('[data-state="ok"]')).waitFor({ timeout: LOAD_MS });
  const lines = await frame.locator('[data-testid="output"] .out-line').allTextContents();
  assert.deepEqual(lines, ["a        at 0ms", "b        at 0ms", "c        at 0ms", "timer 0  at 0ms", "a-child  at 0ms", "timer 50 at 50ms"]);
  // The embed never loaded Go's runner for a Python block.
  const embed = docs.frames().find((f) => f.url().includes("/embed"));
  const wasm = await embed.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.endsWith(".wasm") && /loopscope/.test(n)));
  assert.deepEqual(wasm, [], "no Go runner download in a Python embed");
  await docs.waitForTimeout(300);
  await shot("docs-run", docs);
  await docs.close();
});

test("the state panel, narration and task table read a Python run as they read Go's", async () => {
  const p = await browser.page();
  await p.setViewportSize({ width: 1280, height: 900 });
  await p.goto(`${base}/?lang=python&example=lock_py`);
  const { state, message } = await run(p);
  assert.equal(state, "ok", message);
  const n = Number(await p.getByTestId("timeline").getAttribute("data-spans"));
  const steps = [];
  for (let i = 0; i < n; i++) {
    await p.getByTestId("tl-next").click();
    await p.waitForFunction((i) => document.querySelector('[data-testid="tl-step"]')?.textContent?.startsWith(`step ${i + 1}/`), i);
    steps.push({ narration: await p.getByTestId("narration").innerText(), state: await p.getByTestId("loop-state").innerText() });
    if (i === 2) await p.locator(".timeline-pane").screenshot({ path: join(artifacts, "python-state-panel-lock.png") });
  }
  // Step 3: bob starts while alice holds the lock and sleeps.
  assert.match(steps[2].narration, /takes bob from the ready queue and starts it \(created by Task-1 at line 20\)\. It then waits for lock "account" at line 8/);
  assert.match(steps[2].state, /lock "account" — held by alice/);
  assert.match(steps[2].state, /alice — sleeps 0\.1s \(line 11\)/);
  assert.match(steps[2].state, /sleep 0\.1s — due at 100ms, set by alice at line 11/);
  // Step 4: the timer wakes alice (task.wake); bob is in the lock's line.
  assert.match(steps[3].narration, /alice's 0\.1s sleep is over: the loop runs its timer\. It wakes alice/);
  assert.match(steps[3].state, /lock "account" — held by alice; waiting, in order: bob \(line 8\)/);
  // Step 5: alice releases the lock, which wakes bob; step 6: bob has it.
  assert.match(steps[4].narration, /releases lock "account", wakes bob/);
  assert.match(steps[5].narration, /takes bob from the ready queue: lock "account" is free for it/);
  // The gather's own callback wakes the main task.
  assert.match(steps[7].narration, /wakes Task-1 \(through gather\(alice, bob\)\)/);
  // asyncio.run's clean-up tasks keep asyncio's names (Task-4, Task-5, as
  // get_name() says) and say what they run.
  assert.match(steps[n - 1].narration, /takes Task-5 from the ready queue and starts it, running loop\.shutdown_default_executor\(\)/);

  await p.getByTestId("tab-tasks").click();
  const rows = await p.getByTestId("task-table").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => r[0]).sort(), ["Task-1 main()", "alice", "bob", "Task-4 loop.shutdown_asyncgens()", "Task-5 loop.shutdown_default_executor()"].sort());
  // The lanes: an unnamed task's name, and what it runs.
  const lanes = await p.getByTestId("timeline").evaluate((el) => el.loopscopeTimeline.currentModel.lanes.filter((l) => l.kind === "task").map((l) => [l.name, l.runs ?? ""]));
  assert.deepEqual(lanes, [["Task-1", "main()"], ["alice", ""], ["bob", ""], ["Task-4", "loop.shutdown_asyncgens()"], ["Task-5", "loop.shutdown_default_executor()"]]);
  await p.getByTestId("timeline").screenshot({ path: join(artifacts, "python-lanes-lock.png") });
  const bob = rows.find((r) => r[0] === "bob");
  assert.match(bob[5], /^2 \(lock "account", sleep\)$/, "woken twice: by the lock, then by his sleep");
  assert.match(bob[6], /line 20 by Task-1/);
  await p.close();
});
