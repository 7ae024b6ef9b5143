// The warnings panel: each kind of warning triggered by a small program
// (wasm/runner/testdata/warnings, the same programs the unit test reads the
// traces of), typed into the playground and run. Reads the panel's text,
// checks the warning's mark on the timeline, chooses the warning and checks
// the editor shows its line and the timeline its step; a screenshot of each.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { base, repo, artifacts, openBrowser, setEditorText, runPastColdStart, waitRunDone } from "./harness.mjs";

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await pyPage?.close();
  assert.deepEqual(browser.errors, [], "no page errors");
  await browser.close();
});

// Go's programs, and their Python twins (web/python/testdata/warnings).
const program = (name, lang = "go") =>
  readFileSync(lang === "python" ? join(repo, "web", "python", "testdata", "warnings", `${name}.py`) : join(repo, "wasm", "runner", "testdata", "warnings", `${name}.go`), "utf8");
const lineOf = (src, text) => src.split("\n").findIndex((l) => l.includes(text)) + 1;

// Pyodide's first start on a busy 2-core machine can take minutes: the
// Python programs share one page, which starts it once.
const PY_LOAD_MS = 240_000;
let pyPage;

/** Runs a program in the playground; returns the page once the run is over. */
async function run(name, lang = "go") {
  let page = lang === "python" ? pyPage : undefined;
  if (!page) {
    page = await browser.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    if (lang === "python") {
      await page.goto(`${base}/?lang=python&example=call_soon_py`);
      await page.getByTestId("status").and(page.locator('[data-state="ready"]')).waitFor({ timeout: PY_LOAD_MS });
      pyPage = page;
    } else await page.goto(`${base}/?example=call_soon`);
  }
  await setEditorText(page, program(name, lang));
  await runPastColdStart(page);
  try {
    await page.getByTestId("warnings").waitFor({ state: "visible", timeout: 10_000 });
  } catch (e) {
    await page.screenshot({ path: join(artifacts, `warnings-${shotName(name, lang)}-failed.png`) });
    throw new Error(`${e.message}\nstatus: ${await page.getByTestId("status").innerText()}`);
  }
  return page;
}

const shotName = (name, lang) => (lang === "python" ? `py-${name}` : name);

/** The warnings the timeline holds (its model), as plain data. */
const placed = (page) =>
  page.getByTestId("timeline").evaluate((el) =>
    el.loopscopeTimeline.currentModel.warnings.map((w) => ({
      kind: w.kind, line: w.line, step: w.step, lane: el.loopscopeTimeline.currentModel.lanes[w.lane].name,
      mark: w.mark && { kind: w.mark.kind, lane: w.mark.lane, seq: w.mark.seq },
    })),
  );

/** Chooses warning i in the panel; returns the highlighted editor line's text and the step shown. */
async function choose(page, i) {
  // Several warnings start folded into one line: open them, as a learner would.
  const toggle = page.getByTestId("warnings-toggle");
  if ((await toggle.count()) && (await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
  await page.locator('[data-testid="warnings"] .wn-item').nth(i).click();
  await page.waitForFunction(() => document.querySelector(".cm-ls-current"));
  return {
    line: await page.locator(".cm-ls-current").textContent(),
    step: await page.getByTestId("tl-step").textContent(),
    chosen: await page.locator('[data-testid="warnings"] .wn-item.wn-chosen').count(),
  };
}

async function shot(page, name) {
  await page.getByTestId("timeline").screenshot({ path: join(artifacts, `warnings-${name}.png`) });
}

const cases = [
  {
    name: "spin", kind: "spin", mark: "warning", lane: "Task-1", at: "core.Sleep(ctx, 0)",
    text: [/Sleep\(0\) spin/, /Task-1 yielded with Sleep\(0\) \d+ times in a row/, /time stood still/, /Instead: Await what you are waiting for/],
  },
  {
    name: "block", kind: "blocking", mark: "block", lane: "Task-1", at: "time.Sleep(50",
    text: [/Blocked the loop/, /The call at line \d+ blocked the loop for 50ms in a step of Task-1: nothing else could run meanwhile/, /Instead: Await instead of blocking: core\.Sleep\(ctx, d\)/],
  },
  {
    name: "stuck", kind: "stuck", mark: "stuck", lane: "waiter", at: "ready.Wait(ctx)", nth: 1,
    text: [/Waits forever/, /waiter waits at line \d+ for event "ready", and nothing can ever complete it/, /Instead: Nothing sets event "ready"/],
  },
  {
    name: "unawaited", kind: "unawaited", mark: "warning", lane: "save", at: 'CreateTask("save"',
    text: [/Never awaited/, /task "save" was never awaited: it had not finished when the main task returned, so Run cancelled it/, /Task "check" ended with the error the output reports\./, /returned 42, which nothing used/],
    // The lost error's sentence is the run's failure, said in the output: the panel does not say it again.
    absent: [/never retrieved/, /disk full/],
    output: /Task exception was never retrieved: task "check" failed and nothing awaited it or asked for its result( \(task check\))?: disk full/,
  },
  {
    name: "swallowed", kind: "swallowed-cancel", mark: "warning", lane: "stubborn", at: "core.Sleep(ctx, time.Second)",
    text: [/Cancellation swallowed/, /task "stubborn" was cancelled but awaited again/, /Instead: After cleaning up/],
  },
  {
    name: "cycle", kind: "await-cycle", mark: "warning", lane: "b", at: "return core.Await(ctx, a)",
    text: [/Await cycle/, /b awaits a \(line \d+\), a awaits b \(line \d+\): neither can finish before the other/, /Instead: Decide which of b and a/],
  },
];

// The same kinds from the Python twins, in asyncio's words; and a task
// destroyed while pending (asyncio's own report), Python's other lost task.
const pyCases = [
  {
    name: "spin", kind: "spin", mark: "warning", lane: "Task-1", at: "await asyncio.sleep(0)",
    text: [/Sleep\(0\) spin/, /Task-1 yielded with asyncio\.sleep\(0\) \d+ times in a row/, /time stood still/, /Instead: Await what you are waiting for instead of polling: an asyncio\.Event/],
  },
  {
    name: "block", kind: "blocking", mark: "block", lane: "Task-1", at: "time.sleep(0.05)",
    text: [/Blocked the loop/, /The call at line \d+ blocked the loop for 50ms in a step of Task-1/, /Instead: Await instead of blocking: await asyncio\.sleep\(d\) in place of time\.sleep\(d\)/],
  },
  {
    name: "stuck", kind: "stuck", mark: "stuck", lane: "waiter", at: "await ready.wait()",
    text: [/Waits forever/, /waiter waits at line \d+ for event "ready", and nothing can ever complete it/, /Instead: Nothing sets event "ready": call set\(\)/],
  },
  {
    name: "unawaited", kind: "unawaited", mark: "warning", lane: "save", at: 'create_task(save(), name="save")',
    text: [/Never awaited/, /task "save" was never awaited: it had not finished when the main task returned, so asyncio\.run cancelled it/, /Task "check" ended with the error the output reports\./, /task "count" was never awaited: it returned 42, which nothing used/],
    absent: [/never retrieved/, /disk full/],
    // asyncio's logger says it, over lines: the message, the task, the traceback ending in the error.
    output: /^Task exception was never retrieved\nfuture: <Task finished name='check'[^]*\nOSError: disk full$/m,
  },
  {
    name: "pending", kind: "unawaited", mark: "warning", lane: "lonely", at: 'name="lonely"',
    text: [/Never awaited/, /Task "lonely" was waiting on future "sleep 100s" when the loop closed: what it had left to do never ran\./, /Instead: Run the loop until the task is done before closing it/],
    // asyncio's logger says the headline in the output: the panel says where the task stood, not the headline again.
    absent: [/destroyed/],
    output: /^Task was destroyed but it is pending!\ntask: <Task pending name='lonely'/m,
  },
  {
    name: "swallowed", kind: "swallowed-cancel", mark: "warning", lane: "stubborn", at: "await asyncio.sleep(1)",
    text: [/Cancellation swallowed/, /task "stubborn" was cancelled but caught the CancelledError and awaited again/, /Instead: After cleaning up, re-raise the CancelledError/],
  },
  {
    name: "cycle", kind: "await-cycle", mark: "warning", lane: "b", at: 'return await tasks["a"]',
    text: [/Await cycle/, /b awaits a \(line \d+\), a awaits b \(line \d+\): neither can finish before the other/, /Instead: Decide which of b and a/],
  },
  {
    name: "self", kind: "await-cycle", mark: "warning", lane: "s", at: "await asyncio.current_task()",
    text: [/Await cycle/, /task "s" awaited itself/],
  },
];

for (const c of [...cases, ...pyCases.map((c) => ({ ...c, lang: "python" }))]) {
  test(`${c.lang === "python" ? "Python: " : ""}${c.kind}${c.name === "pending" ? " (pending)" : c.name === "self" ? " (itself)" : ""}: a small program's warning in the panel, with its line, step and mark`, async () => {
    const page = await run(c.name, c.lang);
    const src = program(c.name, c.lang);
    const ws = await placed(page);
    const i = ws.findIndex((w) => w.kind === c.kind && w.lane === c.lane);
    assert.ok(i >= 0, `a ${c.kind} warning on ${c.lane}'s lane: ${JSON.stringify(ws)}`);
    const w = ws[i];
    assert.equal(w.line, lineOf(src, c.at), "the warning's line");
    assert.equal(w.mark?.kind, c.mark, "its mark on the timeline");
    // The mark is drawn: the timeline counts it among its marks, on the warning's lane.
    const drawn = await page.getByTestId("timeline").evaluate((el, seq) =>
      el.loopscopeTimeline.currentModel.marks.filter((m) => m.seq === seq && (m.kind === "warning" || m.kind === "block" || m.kind === "stuck")).length, w.mark.seq);
    assert.ok(drawn >= 1);
    // Choosing it shows its line in the editor and its step on the timeline,
    // and all of it with what to do instead. (Slow steps, flagged by real
    // time, depend on the machine: the texts read are the program's own.)
    const got = await choose(page, i);
    const panel = await page.getByTestId("warnings").innerText();
    for (const re of c.text) assert.match(panel, re);
    for (const re of c.absent ?? []) assert.doesNotMatch(panel, re, "the output says it: the panel does not repeat it");
    if (c.output) assert.match(await page.getByTestId("output").innerText(), c.output);
    assert.equal(got.line.trim(), src.split("\n")[w.line - 1].trim());
    assert.match(got.step, new RegExp(`^step ${w.step + 1}/`));
    assert.equal(got.chosen, 1);
    await shot(page, shotName(c.name, c.lang));
    if (page !== pyPage) await page.close();
  });
}

// Open, several warnings took most of a short timeline pane: one or two
// lanes were left to see. They start folded into one line naming them.
test("several warnings start as one line that names them, leaving the lanes their room; it opens on a click", async () => {
  const page = await run("unawaited");
  const panel = page.getByTestId("warnings");
  assert.equal(await panel.getAttribute("data-count"), "3");
  const toggle = page.getByTestId("warnings-toggle");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.equal(await toggle.textContent(), "▸ ⚠ 3 warnings: Never awaited ×3");
  const folded = (await panel.boundingBox()).height;
  assert.ok(folded < 32, `folded, the panel is one line high: ${folded}px`);
  assert.equal(await page.locator('[data-testid="warnings"] .wn-item').first().isVisible(), false);
  await page.getByTestId("timeline").screenshot({ path: join(artifacts, "warnings-folded.png") });
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  assert.equal(await page.locator('[data-testid="warnings"] .wn-item').count(), 3);
  assert.ok(await page.locator('[data-testid="warnings"] .wn-item').first().isVisible(), "open, the warnings show");
  assert.ok((await panel.boundingBox()).height > folded + 20);
  await page.getByTestId("timeline").screenshot({ path: join(artifacts, "warnings-opened.png") });
  // Folded again, by the same button.
  await toggle.click();
  assert.equal(await page.locator('[data-testid="warnings"] .wn-item').first().isVisible(), false);
  await page.close();
});

test("a run without warnings shows no warnings panel", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=gather_downloads`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page, 120_000), "ok");
  // A busy machine can flag a step slow (real time): only those may show.
  const ws = await page.getByTestId("timeline").evaluate((el) => el.loopscopeTimeline.currentModel.warnings.map((w) => (w.slow ? "slow" : w.kind)));
  assert.deepEqual(ws.filter((k) => k !== "slow"), []);
  assert.equal(await page.getByTestId("warnings").getAttribute("data-count"), String(ws.length));
  assert.equal(await page.getByTestId("warnings").isVisible(), ws.length > 0);
  await page.close();
});
