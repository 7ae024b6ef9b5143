// Bad input stays harmless (issue 13, item 7): a program that prints
// 100 MB, one that makes a million events and one that blocks for an hour
// in time.Sleep end with their limit's message (or, for the hour, at once
// with the blocking shown), keep what they produced (output lines and the
// trace up to then, on screen), leave the page responsive while they run
// (the editor takes typing, Stop works) and the next run works.
// Screenshots go to test-artifacts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { base, artifacts, openBrowser, waitRunDone, setEditorText, editorText, outputLines } from "./harness.mjs";

let browser;

before(async () => {
  browser = await openBrowser({ viewport: { width: 1400, height: 900 } });
});

after(async () => {
  await browser?.close();
});

const HUNDRED_MB = `package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		line := strings.Repeat("x", 1000)
		for i := 0; i < 100_000; i++ {
			fmt.Println(i, line)
		}
		return nil, nil
	})
}
`;

const MILLION_EVENTS = `package main

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	n := 0
	var tick func()
	tick = func() {
		n++
		if n%5000 == 0 {
			fmt.Println("callback", n)
		}
		if n < 1_000_000 {
			loop.CallSoon(tick)
		} else {
			loop.Stop()
		}
	}
	loop.CallSoon(tick)
	loop.RunForever()
}
`;

const AN_HOUR = `package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		fmt.Println("going to sleep for an hour")
		time.Sleep(time.Hour)
		fmt.Println("awake at", core.RunningLoop(ctx).Time())
		return nil, nil
	})
}
`;

const SMALL = `package main

import (
	"context"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		fmt.Println("still works")
		return nil, nil
	})
}
`;

async function ready(page) {
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "ready", null, { timeout: 120_000 });
}

const status = (page) => page.getByTestId("status").textContent();
const timelineEvents = (page) => page.getByTestId("timeline").evaluate((el) => Number(el.dataset.events));

/** The next run after a limit: an ordinary program runs as usual. */
async function nextRunWorks(page) {
  await setEditorText(page, SMALL);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  assert.deepEqual(await outputLines(page), ["still works"]);
  assert.match(await status(page), /the program finished/);
}

/**
 * While a run is going: the page answers within a frame or two, typing
 * reaches the editor, and Stop is enabled. Returns the longest delay seen.
 */
async function checkResponsive(page, probes = 5) {
  let worst = 0;
  for (let i = 0; i < probes; i++) {
    const began = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    worst = Math.max(worst, Date.now() - began);
    await page.waitForTimeout(50);
  }
  return worst;
}

test("a program printing 100 MB stops at the output limit, keeps what it printed and its trace, and the next run works", async () => {
  const page = await browser.page();
  await ready(page);
  await setEditorText(page, HUNDRED_MB);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "error");
  const said = await status(page);
  assert.match(said, /^Stopped: the program printed more than 1 MB/, said);
  const lines = await outputLines(page);
  assert.ok(lines.length > 1000, `the first MB of output is kept: ${lines.length} lines`);
  assert.ok(lines[0].startsWith("0 xxx"), lines[0]);
  assert.ok(lines.at(-1).startsWith(`${lines.length - 1} xxx`), "the lines come in order, none lost");
  // The pane ends with the limit's message, in view.
  const outcome = page.locator('[data-testid="output"] .out-outcome');
  assert.match(await outcome.textContent(), /printed more than 1 MB/);
  assert.match(await outcome.textContent(), /at main\.go:15/, "it names the printing line");
  assert.ok(await outcome.isVisible());
  assert.ok(await timelineEvents(page) > 1000, "the trace up to the limit is on the timeline");
  await page.screenshot({ path: join(artifacts, "limits-output.png") });
  await nextRunWorks(page);
  assert.deepEqual(browser.errors, []);
  await page.close();
});

test("a program making a million events stops at the event limit with its trace; the page stays usable meanwhile; Stop keeps what it made", async () => {
  const page = await browser.page();
  await ready(page);
  await setEditorText(page, MILLION_EVENTS);
  await page.getByTestId("run").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "running");
  // While it runs: the page answers, Stop is there, the editor takes typing.
  const worst = await checkResponsive(page);
  assert.ok(worst < 1000, `the page answered within ${worst} ms while the run went on`);
  assert.ok(await page.getByTestId("stop").isEnabled(), "Stop is enabled during the run");
  await page.locator('[data-testid="editor"] .cm-content').click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.insertText("// typed while it ran\n");
  assert.match(await editorText(page), /typed while it ran/);
  assert.equal(await waitRunDone(page, 120_000), "error");
  const said = await status(page);
  const lines = await outputLines(page);
  assert.equal(lines[0], "callback 5000");
  const events = await timelineEvents(page);
  if (/still running after|^Stopped after \d+ s of real time/.test(said)) {
    // A machine too busy to make 200,000 events within the run's wall
    // time (the runner's, or the page's): that limit stops it instead,
    // keeping as much.
    assert.ok(events > 1000 && lines.length >= 1, `what it made is kept: ${events} events, ${lines.length} lines`);
  } else {
    assert.match(said, /made more than 200,000 trace events, the playground's limit/, said);
    assert.equal(events, 200_000, "every event up to the limit is on the timeline");
    assert.ok(lines.length >= 5, `the output so far is kept: ${lines.length} lines`);
  }
  await page.screenshot({ path: join(artifacts, "limits-events.png") });

  // Again, stopped by hand as soon as it has printed: Stop keeps what it
  // made so far.
  await page.getByTestId("run").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "running");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="output"] .out-line').length >= 1, null, { timeout: 90_000 });
  await page.getByTestId("stop").click({ timeout: 5000 });
  assert.equal(await waitRunDone(page, 5000), "error");
  assert.match(await status(page), /^Stopped/);
  const kept = await outputLines(page);
  assert.ok(kept.length >= 1 && kept[0] === "callback 5000", `Stop kept the output: ${kept.length} lines`);
  assert.ok(await timelineEvents(page) > 0, "Stop kept the trace");
  await nextRunWorks(page);
  assert.deepEqual(browser.errors, []);
  await page.close();
});

test("a task blocking for an hour in time.Sleep ends at once, with the hour shown as blocking", async () => {
  const page = await browser.page();
  await ready(page);
  await setEditorText(page, AN_HOUR);
  const began = Date.now();
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page, 60_000), "ok");
  assert.ok(Date.now() - began < 60_000, "an hour of loop time takes no real hour");
  assert.deepEqual(await outputLines(page), ["going to sleep for an hour", "awake at 1h0m0s"]);
  const marks = await page.getByTestId("timeline").evaluate((el) =>
    el.loopscopeTimeline.currentModel.marks.filter((m) => m.kind === "block").map((m) => m.label));
  assert.deepEqual(marks, ["blocked the loop for 1h0m0s at main.go:14"]);
  const warned = await page.locator(".cm-gutter-lint .cm-gutterElement").evaluateAll((els) =>
    els.filter((e) => e.querySelector(".cm-lint-marker-warning")).map((e) => e.getBoundingClientRect().top));
  const line14 = await page.locator(".cm-line").nth(13).evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(warned.some((y) => Math.abs(y - line14) < 3), "a warning marker sits on line 14");
  await page.screenshot({ path: join(artifacts, "limits-hour.png") });
  await nextRunWorks(page);
  assert.deepEqual(browser.errors, []);
  await page.close();
});
