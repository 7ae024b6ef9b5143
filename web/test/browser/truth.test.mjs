// The run tells the truth (issue 13): blocking costs loop time under the
// instant clock, a busy step is flagged at its line, a panicking task ends
// as a failure naming its line, Stop keeps the output and names the line
// that was spinning. Screenshots of the two download examples go to
// test-artifacts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { base, artifacts, openBrowser, waitRunDone, setEditorText, outputLines, pickExample } from "./harness.mjs";

const program = (name) => readFileSync(join(dirname(fileURLToPath(import.meta.url)), "testdata", name), "utf8");

let browser;

before(async () => {
  browser = await openBrowser({ viewport: { width: 1400, height: 900 } });
});

after(async () => {
  await browser?.close();
});

const events = (page) => page.getByTestId("timeline").evaluate((el) => el.loopscopeTimeline.currentModel.events);

/** Each download task's first step and last event, in loop time (ns). */
function downloads(evs) {
  const tasks = evs.filter((e) => e.kind === "task.create" && /^get |\.example$/.test(e.name ?? ""));
  return tasks.map((t) => {
    const own = evs.filter((e) => e.in === t.id || e.id === t.id);
    const begin = own.find((e) => e.kind === "task.step").t;
    const end = own.find((e) => e.kind === "task.done" || (e.kind === "task.suspend" && e.detail !== "yield"))?.t ?? 0;
    return { name: t.name, begin, end };
  });
}

test("the blocking download runs its downloads end to end in loop time; the concurrent one overlaps them", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await pickExample(page, "blocking_download");
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  const blocking = downloads(await events(page));
  assert.equal(blocking.length, 3);
  for (const [i, d] of blocking.entries()) {
    assert.ok(d.end - d.begin >= 20e6, `${d.name} blocks the loop for its 20 ms: ${JSON.stringify(d)}`);
    if (i > 0) assert.ok(d.begin >= blocking[i - 1].end, `${d.name} starts after the previous download ended`);
  }
  const blocks = (await events(page)).filter((e) => e.kind === "step.block");
  assert.equal(blocks.length, 3, "each download's time.Sleep is marked as blocking");
  // The gutter warns at the blocking line (main.go:14).
  const warned = await page.locator(".cm-gutter-lint .cm-gutterElement").evaluateAll((els) =>
    els.filter((e) => e.querySelector(".cm-lint-marker-warning")).map((e) => e.getBoundingClientRect().top),
  );
  const line14 = await page.locator(".cm-line").nth(13).evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(warned.some((y) => Math.abs(y - line14) < 3), "a warning marker sits on line 14");
  await page.screenshot({ path: join(artifacts, "truth-blocking_download.png") });

  await pickExample(page, "gather_downloads");
  await page.getByTestId("run").click();
  await waitRunDone(page);
  const concurrent = downloads(await events(page));
  assert.ok(concurrent.length >= 2);
  assert.ok(concurrent[1].begin < concurrent[0].end || concurrent[0].end === 0, "the concurrent downloads overlap");
  await page.screenshot({ path: join(artifacts, "truth-gather_downloads.png") });
  assert.deepEqual(browser.errors, []);
  await page.close();
});

test("a busy step is flagged slow, with a warning at its line and a mark of its own", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		n := 0
		for n < 2_000_000 {
			n++
		}
		fmt.Println("counted to", n)
		return nil, nil
	})
}
`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  const slow = (await events(page)).filter((e) => e.kind === "diag" && e.detail === "slow");
  assert.equal(slow.length, 1, "one slow step");
  assert.equal(slow[0].pos, "main.go:13", "at the busy loop's line");
  assert.ok(slow[0].dur >= 50e6);
  const marks = await page.getByTestId("timeline").evaluate((el) => el.loopscopeTimeline.currentModel.marks.filter((m) => m.kind === "slow").length);
  assert.equal(marks, 1, "the timeline has a slow-step mark");
  const warned = await page.locator(".cm-gutter-lint .cm-gutterElement").evaluateAll((els) =>
    els.filter((e) => e.querySelector(".cm-lint-marker-warning")).map((e) => e.getBoundingClientRect().top),
  );
  const line13 = await page.locator(".cm-line").nth(12).evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(warned.some((y) => Math.abs(y - line13) < 3), "a warning marker sits on line 13");
  await page.close();
});

test("a panicking task ends in a failure naming its line", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		var digits []int
		return digits[3], nil
	})
	fmt.Println("Run returned:", err)
}
`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "error");
  const status = await page.getByTestId("status").locator(".status-text").textContent();
  assert.equal(status, 'Failed: task "Task-1" panicked at main.go:13');
  // The whole sentence once, in the output pane: its diagnostic, marked as the outcome.
  const said = page.locator('[data-testid="output"] .out-said');
  assert.equal(await said.count(), 1);
  assert.match(await said.textContent(), /task "Task-1" panicked: runtime error: index out of range \[3\] with length 0/);
  assert.equal(await page.locator('[data-testid="output"] .out-outcome').count(), 0, "no box repeats it");
  const errors = await page.locator(".cm-gutter-lint .cm-gutterElement").evaluateAll((els) =>
    els.filter((e) => e.querySelector(".cm-lint-marker-error")).map((e) => e.getBoundingClientRect().top),
  );
  const line13 = await page.locator(".cm-line").nth(12).evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(errors.length === 1 && Math.abs(errors[0] - line13) < 3, "the error marker sits on line 13");
  await page.close();
});

test("Stop keeps what was printed and names the spinning task's line", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "ready", null, { timeout: 60_000 });
  await setEditorText(page, `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		spin := core.CurrentTask(ctx).Loop().CreateTask("spin", func(ctx context.Context) (any, error) {
			fmt.Println("spinning now")
			for {
			}
		})
		return core.Await(ctx, spin)
	})
}
`);
  await page.getByTestId("run").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "running");
  // Stop once it has printed and spins (a busy machine can take seconds to get there).
  await page.waitForFunction(() => document.querySelector('[data-testid="output"] .out-line') !== null, null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  await page.getByTestId("stop").click();
  assert.equal(await waitRunDone(page, 5000), "error");
  assert.deepEqual(await outputLines(page), ["spinning now"]);
  assert.match(await page.getByTestId("status").textContent(), /Stopped: task "spin" was still running at main\.go:14/);
  await page.close();
});

// A failure's sentence once, where the output is: the status line only names
// it. Before, a deadlock or an unretrieved error was in the output, in a box
// after it, and in the status line, word for word.
test("a deadlock or a lost error is said once, in the output; the status line names it", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  const cases = [
    {
      pick: "stuck",
      status: "Failed: deadlock",
      sentence: 'deadlock: nothing can ever run again: task "Task-1" waits on future "reply", which nothing will resolve',
    },
    {
      source: program("lost-error.go"),
      status: "Failed: Task exception was never retrieved",
      sentence: 'Task exception was never retrieved: task "fetch" failed and nothing awaited it or asked for its result',
    },
  ];
  for (const c of cases) {
    if (c.pick) await pickExample(page, c.pick);
    else await setEditorText(page, c.source);
    await page.getByTestId("run").click();
    assert.equal(await waitRunDone(page), "error");
    const status = await page.getByTestId("status").locator(".status-text").textContent();
    assert.equal(status, c.status);
    const pane = await page.getByTestId("output").innerText();
    assert.equal(pane.split(c.sentence).length - 1, 1, `the output pane says it once:\n${pane}`);
    const said = page.locator('[data-testid="output"] .out-said');
    assert.equal(await said.count(), 1, "the line that says it is marked as the outcome");
    assert.ok((await said.textContent()).includes(c.sentence));
    assert.equal(await page.locator('[data-testid="output"] .out-outcome').count(), 0, "no box repeats it");
    await page.screenshot({ path: join(artifacts, `said-once-${c.pick ?? "lost-error"}.png`) });
  }
  await page.close();
});
