// The panel beside the timeline: narration, loop state and task table, read
// while stepping through the lock and gather examples; screenshots of the
// panel at a chosen step of three examples.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { base, artifacts, openBrowser, runPastColdStart, setEditorText } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  assert.deepEqual(browser.errors, [], "no page errors");
  await browser.close();
});

async function runExample(page, name) {
  await page.goto(`${base}/?example=${name}`);
  const { state, status } = await runPastColdStart(page);
  assert.equal(state, "ok", status);
  return Number(await page.getByTestId("timeline").getAttribute("data-spans"));
}

/** The task table's row of the task named name. */
const row = (table, name) => table.locator("tbody tr").filter({ has: table.page().locator("th", { hasText: new RegExp(`^${name.replace(".", "\\.")}$`) }) });

const text = (page, id) => page.getByTestId(id).innerText();

/** Steps forward with the Next button; returns the narration and state panel text of each step. */
async function stepThrough(page, n) {
  const seen = [];
  for (let i = 0; i < n; i++) {
    await page.getByTestId("tl-next").click();
    await page.waitForFunction((i) => document.querySelector('[data-testid="tl-step"]')?.textContent?.startsWith(`step ${i + 1}/`), i);
    seen.push({ narration: await text(page, "narration"), state: await text(page, "loop-state") });
  }
  return seen;
}

test("lock example: the narration, loop state and task table tell who holds the lock and who waits", async () => {
  const page = await browser.page();
  const n = await runExample(page, "lock");
  assert.match(await text(page, "narration"), new RegExp(`The run took ${n} steps`));
  const steps = await stepThrough(page, n);
  for (const [i, s] of steps.entries()) {
    assert.ok(s.narration.length > 20 && /^The loop |sleep is over|is due/.test(s.narration), `step ${i + 1} has a sentence: ${s.narration}`);
    assert.match(s.state, new RegExp(`As step ${i + 1} begins`));
  }
  // Step 3: bob starts while alice holds the lock and sleeps.
  assert.match(steps[2].narration, /takes bob from the ready queue and starts it .*waits for lock "account" at line 17/);
  assert.match(steps[2].state, /Running\s+bob \(task step\)/i);
  assert.match(steps[2].state, /lock "account" — held by alice/);
  assert.match(steps[2].state, /alice — sleeps 100ms \(line 23\)/);
  assert.match(steps[2].state, /sleep 100ms — due at 100ms, set by alice at line 23/);
  // Step 4: the timer runs; bob now waits in the lock's line.
  assert.match(steps[3].state, /lock "account" — held by alice; waiting, in order: bob \(line 17\)/);
  assert.match(steps[3].state, /bob — waits for lock "account" \(line 17\)/);
  assert.match(steps[3].state, /Ready queue \(0\)/i);
  // Step 5: alice resumes after her sleep, releases the lock and wakes bob.
  assert.match(steps[4].narration, /takes alice from the ready queue: its 100ms sleep is over\. It resumes after line 23, prints `alice leaves 70`, releases lock "account", wakes bob/);
  // Step 6: bob was woken by the lock.
  assert.match(steps[5].narration, /takes bob from the ready queue: lock "account" is free for it/);
  // The end of the run: every task done.
  await page.getByRole("img", { name: /Timeline of the run/ }).press("Escape");
  const end = await text(page, "loop-state");
  assert.match(end, /When the run ended/);
  assert.match(end, /alice — done/);
  assert.match(end, /Ready queue \(0\)/i);

  // The task table: a row per task with its figures, sortable.
  await page.getByTestId("tab-tasks").click();
  const table = page.getByTestId("task-table");
  const rows = async () => table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const byCreation = await rows();
  assert.deepEqual(byCreation.map((r) => r[0]), ["Task-1", "alice", "bob"]);
  const bob = byCreation.find((r) => r[0] === "bob");
  assert.equal(bob[1], "3", "bob ran three steps");
  assert.match(bob[5], /^2 \(lock "account", sleep\)$/, "woken twice: by the lock, then by his sleep");
  assert.match(bob[6], /line 38 by Task-1/);
  assert.match(bob[7], /^done/);
  await table.getByRole("button", { name: /^Steps/ }).click();
  assert.deepEqual((await rows()).map((r) => r[0]), ["bob", "Task-1", "alice"], "most steps first (ties by creation)");
  assert.equal(await table.locator('th[aria-sort="descending"]').innerText(), "Steps ▼");
  // Choosing a row highlights the task's lane and its creation line.
  await row(table, "bob").click();
  const lanes = await page.getByTestId("timeline").evaluate((el) => el.loopscopeTimeline.currentModel.lanes.map((l) => l.name));
  assert.equal(Number(await page.getByTestId("timeline").getAttribute("data-lane-chosen")), lanes.indexOf("bob"));
  assert.match(await page.locator(".cm-ls-current").textContent(), /loop\.CreateTask\("bob"/);
  await page.close();
});

// The tasks list says "none yet" only where a task comes later in the run: a
// run without tasks has none, not none yet.
test("loop state: no tasks is \"none\" in a run without tasks, \"none yet\" before the first is created", async () => {
  const page = await browser.page();
  await runExample(page, "call_soon");
  const end = await text(page, "loop-state");
  assert.match(end, /When the run ended/);
  assert.match(end, /Tasks \(0\)\s+none$/i);
  await setEditorText(page, `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	defer loop.Close()
	loop.CallSoon(func() {
		loop.CreateTask("late", func(ctx context.Context) (any, error) {
			fmt.Println("late task ran")
			loop.Stop()
			return nil, nil
		})
	})
	loop.RunForever()
}
`);
  const { state, status } = await runPastColdStart(page);
  assert.equal(state, "ok", status);
  const steps = await stepThrough(page, 2);
  assert.match(steps[0].state, /Tasks \(0\)\s+none yet$/i, "the callback that creates the task runs first");
  assert.match(steps[1].state, /late — /, "then the task is listed");
  // A run of one step says so in the singular.
  await setEditorText(page, `package main

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	defer loop.Close()
	loop.CallSoon(func() {
		fmt.Println("once")
		loop.Stop()
	})
	loop.RunForever()
}
`);
  const one = await runPastColdStart(page);
  assert.equal(one.state, "ok", one.status);
  assert.match(await text(page, "narration"), /^The run took 1 step\. Press ▶ or → to go to it/);
  assert.equal(await page.getByTestId("tl-step").textContent(), "1 step");
  await page.close();
});

test("gather example: pending timers, the gather's waiters and the timeout, step by step", async () => {
  const page = await browser.page();
  const n = await runExample(page, "gather_downloads");
  const steps = await stepThrough(page, n);
  // Step 2: the three downloads are in the ready queue in creation order, Task-1 waits on the gather.
  assert.match(steps[1].state, /Ready queue \(2\)[\s\S]*medium\.example — new task, first step \(created by Task-1 at line \d+\)[\s\S]*slow\.example — new task/i);
  assert.match(steps[1].state, /Task-1 — waits for gather\(fast\.example, medium\.example, slow\.example\) \(line \d+\)/);
  // Once all three have started: three sleeps and three timeouts pending, soonest first.
  const timers = steps[4].state.slice(steps[4].state.search(/Timers/i));
  assert.match(timers, /Timers \(5\)/i);
  assert.ok(timers.indexOf("sleep 700ms") < timers.indexOf("timeout 1s") && timers.indexOf("timeout 1s") < timers.indexOf("sleep 3s"), timers);
  assert.match(steps[4].narration, /fast\.example's 300ms sleep is over/);
  // The timeout cancels slow.example, which fails with the timeout error.
  const cancel = steps.findIndex((s) => /timeout 1s.* is due/.test(s.narration));
  assert.ok(cancel > 0, "a step narrates the timeout");
  assert.match(steps[cancel].narration, /cancels slow\.example/);
  assert.match(steps[cancel + 1].narration, /takes slow\.example from the ready queue: what it awaited \(a 3s sleep\) was cancelled/);
  assert.match(steps[n - 1].narration, /takes Task-1 from the ready queue: gather\(fast\.example, medium\.example, slow\.example\) is done/);
  await page.getByTestId("tab-tasks").click();
  const slow = await row(page.getByTestId("task-table"), "slow.example").innerText();
  assert.match(slow, /failed: timeout: the body did not finish within 1s/);
  await page.close();
});

test("screenshots: the panel at a chosen step of the lock, gather and queue examples", async () => {
  const page = await browser.page();
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const [name, step] of [["lock", 4], ["gather_downloads", 5], ["queue", 9]]) {
    await runExample(page, name);
    await page.getByTestId("timeline").evaluate((el, i) => el.loopscopeTimeline.goToStep(i), step - 1);
    await page.waitForFunction((i) => document.querySelector('[data-testid="tl-step"]')?.textContent?.startsWith(`step ${i}/`), step);
    assert.match(await text(page, "loop-state"), new RegExp(`As step ${step} begins`));
    await page.locator(".timeline-pane").screenshot({ path: join(artifacts, `state-panel-${name}.png`) });
  }
  // The queue example at step 9: items, and who waits to put or get.
  assert.match(await text(page, "loop-state"), /queue "jobs" — /);
  await page.close();
});

test("a run of 400 tasks: each list of the state shows 100 entries and counts the rest, live tasks first; the Tasks tab has every task", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, readFileSync(join(here, "testdata", "hundreds-of-tasks.go"), "utf8"));
  const { state, status } = await runPastColdStart(page);
  assert.equal(state, "ok", status);
  const lists = () =>
    page.getByTestId("loop-state").evaluate((el) =>
      Object.fromEntries(
        [...el.querySelectorAll("section")].map((s) => [
          s.querySelector("h3").textContent,
          [...s.querySelectorAll("li")].map((li) => li.textContent),
        ]),
      ),
    );
  // The end: 401 tasks, all done; 100 listed and a line for the other 301.
  const end = await lists();
  const tasks = end["Tasks (401)"];
  assert.equal(tasks.length, 101, Object.keys(end).join(", "));
  assert.equal(tasks[100], "… and 301 more; the Tasks tab lists every task");
  // After the 400 tasks' first steps, main's gather waits on 400 sleepers: the
  // timers list the 100 due soonest; the tasks list starts with the live ones.
  await page.getByTestId("timeline").evaluate((el) => el.loopscopeTimeline.goToStep(401));
  await page.waitForFunction(() => document.querySelector('[data-testid="tl-step"]')?.textContent?.startsWith("step 402/"));
  const mid = await lists();
  const timers = Object.entries(mid).find(([k]) => k.startsWith("Timers ("));
  assert.ok(timers, Object.keys(mid).join(", "));
  const nTimers = Number(/\((\d+)\)/.exec(timers[0])[1]);
  assert.ok(nTimers > 100, timers[0]);
  assert.equal(timers[1].length, 101);
  assert.equal(timers[1][100], `… and ${nTimers - 100} more, due later`);
  const live = Object.entries(mid).find(([k]) => k.startsWith("Tasks ("))[1];
  assert.ok(!/— done/.test(live[0]), `a live task first: ${live[0]}`);
  await page.locator(".timeline-pane").screenshot({ path: join(artifacts, "state-panel-many-tasks.png") });
  // The Tasks tab, built when it is shown: a row for every task.
  await page.getByTestId("tab-tasks").click();
  assert.equal(await page.getByTestId("task-table").locator("tbody tr").count(), 401);
  await page.close();
});
