// The playground in a real browser: examples, editing, errors, Stop,
// sharing, real-time streaming, the timeline. Prints cold-start and re-run
// latency and the timeline's draw time for 10k events.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  base, artifacts, openBrowser, waitRunDone, setEditorText, pickExample, editorText, outputLines, golden,
} from "./harness.mjs";

let browser;
let examples;

before(async () => {
  // No service worker: these tests stand in for the server with page.route,
  // which never sees what a service worker answers (offline.test.mjs tests it).
  browser = await openBrowser({ serviceWorkers: "block" });
  const res = await fetch(`${base}/examples.json`);
  assert.equal(res.status, 200, "the build serves examples.json");
  examples = await res.json();
  assert.ok(examples.length > 0, "there are examples");
});

after(async () => {
  await browser?.close();
});

/** The Go examples (the golden files are the Go runner's). */
const goExamples = () => examples.filter((e) => (e.lang ?? "go") === "go");

const HELLO = `package main

import "fmt"

func main() {
	fmt.Println("first version")
}
`;

// When the first output line appears, by the page's clock (ms since
// navigation): a MutationObserver notes it as it happens, so the number is
// what a person sees, not when the test's polling next looks. It watches the
// whole document, which may not have its output pane yet.
function firstOutputShown(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const shown = () => document.querySelector('[data-testid="output"] .out-line');
    if (shown()) return resolve(performance.now());
    new MutationObserver((_, obs) => {
      if (!shown()) return;
      obs.disconnect();
      resolve(performance.now());
    }).observe(document, { childList: true, subtree: true });
  }));
}

// Opens the playground, clicks Run (after the load event, or as soon as the
// button shows), and returns when the first output line appeared.
async function coldStart(page, clickEarly) {
  await page.goto(`${base}/`, { waitUntil: clickEarly ? "commit" : "load" });
  const shown = firstOutputShown(page);
  await page.getByTestId("run").click();
  const clicked = await page.evaluate(() => performance.now());
  const ms = await shown;
  await page.locator('[data-testid="output"] .out-line').first().waitFor({ timeout: 30_000 });
  const seen = await page.evaluate(() => performance.now());
  return { ms, clicked, seen };
}

test("cold start: page load to first output", async () => {
  const visits = [
    ["fresh profile", false, true],
    ["returning visitor, cached files", false, false],
    ["fresh profile, Run clicked as soon as it shows", true, true],
  ];
  let fresh;
  try {
    for (const [visit, clickEarly, newProfile] of visits) {
      if (newProfile) {
        await fresh?.close(); // nothing cached
        assert.deepEqual(fresh?.errors ?? [], []);
        fresh = await openBrowser();
      }
      const page = await fresh.page();
      const { ms, clicked, seen } = await coldStart(page, clickEarly);
      console.log(`METRIC cold start (navigation → first output, ${visit}): ${ms.toFixed(0)} ms (clicked at ${clicked.toFixed(0)} ms; the test's polling saw it at ${seen.toFixed(0)} ms)`);
      assert.equal(await waitRunDone(page), "ok");
      const first = goExamples().find((e) => e.name === "hello") ?? goExamples()[0];
      assert.deepEqual(await outputLines(page), golden(first.name).output, "the example on show ran");
      await page.close();
    }
    assert.deepEqual(fresh.errors, []);
  } finally {
    await fresh?.close();
  }
});

test("Run clicked before the page's script has loaded runs the program once it can", async () => {
  const page = await browser.page();
  // Hold the page's bundle back: only the static HTML (with Run) is there.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/assets\/playground-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue().catch(() => {}); // the page may be closed by then
  });
  try {
    await page.goto(`${base}/`, { waitUntil: "commit" });
    await page.getByTestId("run").click();
    assert.equal(await page.locator('[data-testid="output"]').count(), 0, "the bundle has not run yet");
    release();
    assert.equal(await waitRunDone(page), "ok");
    const first = goExamples().find((e) => e.name === "hello") ?? goExamples()[0];
    assert.deepEqual(await outputLines(page), golden(first.name).output);
    assert.deepEqual(browser.errors, []);
  } finally {
    release();
    await page.close();
  }
});

test("the editor shows the program as text at once and becomes CodeMirror when touched", async () => {
  const page = await browser.page();
  // Hold the runner back: the page stays in its cold-start state.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.context().route("**/*.wasm", async (route) => {
    await held;
    await route.continue().catch(() => {}); // the page may be closed by then
  });
  try {
    await page.goto(`${base}/`);
    const first = goExamples().find((e) => e.name === "hello") ?? goExamples()[0];
    const plain = page.locator('[data-testid="editor"] pre.editor-plain');
    await page.waitForFunction((src) => document.querySelector('[data-testid="editor"] pre')?.textContent === src, first.source);
    assert.equal(await page.locator('[data-testid="editor"] .cm-editor').count(), 0, "no CodeMirror while the runner loads");
    assert.equal(await plain.locator("*").count(), 0, "the program is text, not HTML");
    // The page focuses the editor; the first key typed goes into CodeMirror.
    assert.equal(await plain.evaluate((el) => el === document.activeElement), true, "the editor has the focus");
    await page.keyboard.type("// typed");
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest(".cm-editor")), true, "CodeMirror has the focus");
    const text = await editorText(page);
    assert.equal(text.replace("// typed", ""), first.source, `what was typed, and only that, is added to the program: ${JSON.stringify(text.slice(0, 40))}`);
    assert.equal(await plain.count(), 0, "the plain text is gone");
  } finally {
    release();
    await page.context().unroute("**/*.wasm");
    await page.close();
  }
});

test("the editor becomes CodeMirror by itself once the runner is idle", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await page.locator('[data-testid="editor"] .cm-editor').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId("status").getAttribute("data-state"), "ready");
  assert.equal(await page.locator('[data-testid="editor"] pre.editor-plain').count(), 0);
  await page.close();
});

test("the page loads with every example in the picker and the test hooks in place", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  for (const id of ["editor", "run", "stop", "format", "share", "example-picker", "output", "timeline", "status"]) {
    assert.equal(await page.getByTestId(id).count(), 1, `data-testid=${id}`);
  }
  // The picker lists the language on show: Go, at first (Python's are
  // python-mode.test.mjs's).
  const options = await page.locator('[data-testid="example-list"] [role="option"]').evaluateAll((os) => os.map((o) => o.dataset.name).filter(Boolean));
  assert.deepEqual(options, goExamples().map((e) => e.name));
  assert.ok((await editorText(page)).includes("package main"), "an example is in the editor");
  await page.close();
});

test("every example runs and shows its expected output and timeline", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  for (const ex of goExamples()) {
    await pickExample(page, ex.name);
    assert.equal(await editorText(page), ex.source, `${ex.name}: the editor shows the example`);
    await page.getByTestId("run").click();
    const state = await waitRunDone(page);
    const want = golden(ex.name);
    assert.deepEqual(await outputLines(page), want.output, `${ex.name}: output`);
    assert.equal(state, want.outcome === "ok" ? "ok" : "error", `${ex.name}: outcome ${want.outcome}`);
    const tl = await page.getByTestId("timeline").evaluate((e) => ({ ...e.dataset }));
    const tasks = new Set(want.trace.filter((e) => e.kind === "task.create").map((e) => e.id)).size;
    const steps = want.trace.filter((e) => e.kind === "task.step" || e.kind === "cb.begin").length;
    // A slow-step report depends on the machine's speed, not the program: the golden trace has none.
    assert.equal(Number(tl.events) - Number(tl.slowSteps || 0), want.trace.length, `${ex.name}: timeline events`);
    assert.equal(Number(tl.lanes), tasks + 1, `${ex.name}: a lane per task plus callbacks`);
    assert.equal(Number(tl.spans), steps, `${ex.name}: a box per step and callback`);
    await page.getByTestId("timeline").screenshot({ path: join(artifacts, `timeline-${ex.name}.png`) });
  }
  assert.deepEqual(browser.errors, []);
  await page.close();
});

test("edit and re-run; re-run latency", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, HELLO);
  await page.getByTestId("run").click();
  await waitRunDone(page);
  assert.deepEqual(await outputLines(page), ["first version"]);
  await setEditorText(page, HELLO.replace("first version", "second version"));
  await page.locator('[data-testid="editor"] .cm-content').focus();
  await page.keyboard.press("ControlOrMeta+Enter");
  await waitRunDone(page);
  assert.deepEqual(await outputLines(page), ["second version"], "Mod+Enter re-runs the edited program");

  // Re-run latency of a seed example: click → output shown, best of 5 warm runs.
  const seed = examples.find((e) => e.name === "call_soon") ?? examples[0];
  await pickExample(page, seed.name);
  const times = [];
  for (let i = 0; i < 6; i++) {
    const ms = await page.evaluate(async () => {
      const status = document.querySelector('[data-testid="status"]');
      const run = document.querySelector('[data-testid="run"]');
      status.dataset.state = "pending";
      const t0 = performance.now();
      run.click();
      await new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (status.dataset.state === "ok" || status.dataset.state === "error") {
            obs.disconnect();
            resolve();
          }
        });
        obs.observe(status, { attributes: true });
      });
      return performance.now() - t0;
    });
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  console.log(`METRIC re-run latency (${seed.name}, click → output, warm): median ${times[2].toFixed(1)} ms, best ${times[0].toFixed(1)} ms`);
  await page.close();
});

test("a compile error shows at its line in the editor and in the output", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, `package main

import "fmt"

func main() {
	fmt.Println(undefinedThing)
}
`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "error");
  const diag = page.locator('[data-testid="output"] .out-diag').first();
  await diag.waitFor();
  assert.match(await diag.textContent(), /^6:14 .*undefinedThing/);
  // The squiggle sits on line 6, under the word.
  const range = page.locator(".cm-lintRange-error").first();
  await range.waitFor();
  assert.equal(await range.textContent(), "undefinedThing");
  const line = await range.evaluate((el) => [...el.closest(".cm-content").querySelectorAll(".cm-line")].indexOf(el.closest(".cm-line")) + 1);
  assert.equal(line, 6);
  await page.close();
});

test("a Python program run in Go mode (the page's first mode) says to choose Python", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, "import asyncio\n\nasync def main():\n    print('hello')\n\nasyncio.run(main())\n");
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "error");
  assert.match(await page.getByTestId("output-note").textContent(), /^This looks like a Python program, and the playground is running Go: choose Python in the language menu at the top left/);
  await page.screenshot({ path: join(artifacts, "python-in-go-mode.png") });
  await page.close();
});

test("a panic shows at its line in the editor and in the output", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("about to fail")\n\tvar m map[string]int\n\tm["x"] = 1\n}\n');
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "error");
  // The status line names it; the output pane's diagnostic says it whole, marked as the outcome.
  assert.equal(await page.getByTestId("status").locator(".status-text").textContent(), "Failed: panic at main.go:8");
  assert.equal((await outputLines(page))[0], "about to fail");
  const diag = page.locator('[data-testid="output"] .out-diag').first();
  assert.match(await diag.textContent(), /^(line 8|8:\d+) panic at main.go:8: assignment to entry in nil map/);
  assert.match(await diag.getAttribute("class"), /\bout-said\b/);
  const marker = await page.locator(".cm-gutter-lint .cm-gutterElement").evaluateAll((els) =>
    els.filter((e) => e.querySelector(".cm-lint-marker-error")).map((e) => e.getBoundingClientRect().top),
  );
  const line8 = await page.locator(".cm-line").nth(7).evaluate((e) => e.getBoundingClientRect().top);
  assert.equal(marker.length, 1, "one error marker in the gutter");
  assert.ok(Math.abs(marker[0] - line8) < 3, "the marker sits on line 8");
  await page.close();
});

test("Stop ends an infinite loop and the next run works", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, `package main

func main() {
	n := 0
	for {
		n++
	}
}
`);
  // Wait for the runner so the loop really spins in the worker.
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "ready", null, { timeout: 30_000 });
  await page.getByTestId("run").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "running");
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId("stop").isEnabled(), true);
  await page.getByTestId("stop").click();
  assert.equal(await waitRunDone(page, 5000), "error");
  assert.match(await page.getByTestId("status").textContent(), /Stopped/);
  await setEditorText(page, HELLO);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  assert.deepEqual(await outputLines(page), ["first version"]);
  await page.close();
});

test("Stop pressed from the keyboard hands the focus to Run, not to the top of the page", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n");
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "ready", null, { timeout: 30_000 });
  await page.getByTestId("format").focus();
  await page.keyboard.press("ControlOrMeta+Enter");
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "running");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "stop", "Format, disabled by the run, passed the focus to Stop");
  await page.keyboard.press("Enter");
  assert.equal(await waitRunDone(page, 5000), "error");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "run");
  await page.close();
});

test("Run and Stop while the runner loads: the waiting run is dropped, the load goes on", async () => {
  const page = await browser.page();
  const wasmRequests = [];
  page.on("request", (r) => new URL(r.url()).pathname.endsWith(".wasm") && wasmRequests.push(r.url()));
  // Hold the runner's download back, so the runs surely wait for it.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.context().route("**/*.wasm", async (route) => {
    await held;
    await route.continue();
  });
  try {
    await page.goto(`${base}/`);
    await setEditorText(page, HELLO);
    await page.getByTestId("run").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="output"]')?.textContent.includes("Waiting for the Go runner"));
    // A second Run replaces the waiting one; Stop drops that too.
    await setEditorText(page, HELLO.replace("first version", "second version"));
    await page.getByTestId("run").click();
    assert.equal(await page.getByTestId("stop").isEnabled(), true);
    await page.getByTestId("stop").click();
    assert.equal(await waitRunDone(page, 5000), "error");
    assert.match(await page.getByTestId("status").textContent(), /Stopped before it started/);
    assert.deepEqual(await outputLines(page), []);
    release();
    await page.getByTestId("run").click();
    assert.equal(await waitRunDone(page), "ok");
    assert.deepEqual(await outputLines(page), ["second version"]);
    // The page starts with the precompiled runner; the edit (no example) moved it to the interpreter's.
    const interpreter = wasmRequests.filter((u) => !u.includes("/loopscope-precompiled-"));
    assert.equal(interpreter.length, 1, `one download of the interpreter, its worker was never restarted: ${wasmRequests}`);
    assert.ok(wasmRequests.length <= 2, `${wasmRequests}`);
  } finally {
    release();
    await page.context().unroute("**/*.wasm");
    await page.close();
  }
});

test("a crashed runner is reported plainly and replaced", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, `package main

func f(n int) int { return f(n+1) + 1 }

func main() { f(0) }
`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page, 60_000), "error");
  assert.match(await page.getByTestId("status").textContent(), /runner crashed .*fresh one has been started/);
  await setEditorText(page, HELLO);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  assert.deepEqual(await outputLines(page), ["first version"]);
  await page.close();
});

test("a fragment link and a short link round-trip the program and clock", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  const program = HELLO.replace("first version", "shared <b>not bold</b> & so on");
  await setEditorText(page, program);
  await page.getByRole("radio", { name: "Real time" }).click();
  await page.getByTestId("share").click();
  const link = page.getByTestId("share-link");
  await page.waitForFunction(() => document.querySelector('[data-testid="share-link"]')?.value);
  const url = await link.inputValue();
  assert.match(url, /#code=[A-Za-z0-9_-]+$/);
  await page.waitForFunction(() => document.querySelector('[data-testid="share-short"]')?.value, null, { timeout: 10_000 });
  const short = await page.getByTestId("share-short").inputValue();
  assert.match(short, /\/s\/[A-Za-z0-9_-]+$/);
  assert.match(await page.getByTestId("share-embed").inputValue(), /^<iframe src="[^"]+\/embed\?timeline=1&axis=(step|time)#code=/);

  for (const target of [url, short]) {
    const other = await browser.page();
    await other.goto(target);
    await other.waitForFunction((p) => document.querySelector('[data-testid="editor"]')?.loopscopeEditor?.text === p, program);
    assert.equal(await other.getByRole("radio", { name: "Real time" }).getAttribute("aria-checked"), "true");
    await other.getByTestId("run").click();
    await waitRunDone(other);
    // Shared text comes back as text: the <b> is printed, not rendered.
    assert.deepEqual(await outputLines(other), ["shared <b>not bold</b> & so on"]);
    assert.equal(await other.locator('[data-testid="output"] b').count(), 0);
    await other.close();
  }
  await page.close();
});

test("a share link pasted into the address bar of an open playground replaces the old run, not just the text", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=call_soon`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  assert.ok(Number(await page.getByTestId("timeline").getAttribute("data-events")) > 0);
  // The link of another program, made by the page's own Share.
  await setEditorText(page, HELLO);
  await page.getByTestId("share").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="share-link"]')?.value);
  const hash = new URL(await page.getByTestId("share-link").inputValue()).hash;
  await page.keyboard.press("Escape");
  await page.evaluate(() => (location.hash = ""));
  await pickExample(page, "call_soon");
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  await page.evaluate((h) => (location.hash = h), hash);
  await page.waitForFunction((p) => document.querySelector('[data-testid="editor"]').loopscopeEditor.text === p, HELLO);
  assert.equal(await page.getByTestId("timeline").getAttribute("data-events"), "0", "the old run's timeline is gone");
  assert.equal(await page.getByTestId("example-picker").getAttribute("data-value"), "", "no example is named as on show");
  assert.equal(await page.getByTestId("lesson-title").textContent(), "A shared program", "nor its lesson");
  await page.close();
});

test("a corrupted or oversized link gives a clear message and a usable editor", async () => {
  const page = await browser.page();
  for (const [hash, words] of [
    ["#code=AAAA", /damaged/],
    ["#code=%%%", /damaged/],
    ["#code=" + "A".repeat(60_000), /too long/],
  ]) {
    await page.goto("about:blank");
    await page.goto(`${base}/${hash}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "error");
    assert.match(await page.getByTestId("status").textContent(), words);
    assert.ok((await editorText(page)).startsWith("package main"), "the editor holds a program, not a blank page");
  }
  await page.goto(`${base}/s/doesnotexist`);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "error");
  assert.match(await page.getByTestId("status").textContent(), /doesnotexist/);
  await page.close();
});

test("a short link whose id is mangled says so instead of quietly opening an example", async () => {
  const page = await browser.page();
  for (const path of ["/s/a%20b", "/s/" + "x".repeat(70)]) {
    await page.goto("about:blank");
    await page.goto(`${base}${path}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "error");
    assert.match(await page.getByTestId("status").textContent(), /not a valid short-link id/);
    assert.match(await page.getByTestId("output").textContent(), /not a valid short-link id/);
    assert.ok((await editorText(page)).startsWith("package main"), "the editor holds a program");
  }
  await page.close();
});

test("a run that waits for the net/http runner to load says Running, not Loading, once it runs", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "ready", null, { timeout: 30_000 });
  await page.locator('[data-clock="real"]').click();
  await setEditorText(page, `package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/loopscope/loopscope/core"
)

var _ = http.MethodGet

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		fmt.Println("started")
		return nil, core.Sleep(ctx, 2*time.Second)
	})
}
`);
  await page.getByTestId("run").click();
  await page.locator('[data-testid="output"] .out-line').first().waitFor({ timeout: 60_000 });
  const status = page.getByTestId("status");
  assert.equal(await status.getAttribute("data-state"), "running");
  assert.doesNotMatch(await status.textContent(), /Loading/);
  assert.equal(await waitRunDone(page), "ok");
  await page.close();
});

test("a program printing thousands of lines streams them without a layout per line", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  const n = 3000;
  await setEditorText(page, `package main\n\nimport "fmt"\n\nfunc main() {\n\tfor i := 0; i < ${n}; i++ {\n\t\tfmt.Println("line", i)\n\t}\n}\n`);
  // Reading scrollHeight forces a layout of the whole pane: once a line made
  // the time to show N lines grow as N², minutes for 10k lines.
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="output"]');
    const get = Object.getOwnPropertyDescriptor(Element.prototype, "scrollHeight").get;
    window.scrollHeightReads = 0;
    Object.defineProperty(el, "scrollHeight", { get() { window.scrollHeightReads++; return get.call(this); } });
  });
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page, 120_000), "ok");
  const lines = await outputLines(page);
  assert.equal(lines.length, n);
  assert.equal(lines[n - 1], `line ${n - 1}`);
  const reads = await page.evaluate(() => window.scrollHeightReads);
  assert.ok(reads < n / 10, `the pane was measured ${reads} times for ${n} lines`);
  await page.close();
});

test("real-time mode streams output while the program runs", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, `package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		fmt.Println("before the sleep")
		core.Sleep(ctx, 1500*time.Millisecond)
		fmt.Println("after the sleep")
		return nil, nil
	})
}
`);
  await page.getByRole("radio", { name: "Real time" }).click();
  await page.getByTestId("run").click();
  await page.locator('[data-testid="output"] .out-line', { hasText: "before the sleep" }).waitFor({ timeout: 15_000 });
  // The first line is there while the run still goes on.
  assert.equal(await page.getByTestId("status").getAttribute("data-state"), "running");
  assert.deepEqual(await outputLines(page), ["before the sleep"]);
  assert.equal(await waitRunDone(page), "ok");
  assert.deepEqual(await outputLines(page), ["before the sleep", "after the sleep"]);
  await page.close();
});

test("→ and ← step through the run right after Run, as the narration says, but not inside the editor", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=call_soon`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  assert.match(await page.getByTestId("narration").textContent(), /Press ▶ or →/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "run", "the focus is on Run");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  assert.match(await page.getByTestId("tl-step").textContent(), /^step 2\//);
  await page.keyboard.press("ArrowLeft");
  assert.match(await page.getByTestId("tl-step").textContent(), /^step 1\//);
  // In the editor the arrows move the cursor, not the run.
  await page.locator('[data-testid="editor"] .cm-content').click();
  await page.keyboard.press("ArrowRight");
  assert.match(await page.getByTestId("tl-step").textContent(), /^step 1\//);
  await page.close();
});

test("timeline: click highlights the source line; step-through shows output as of the step", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=call_soon`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  const total = (await outputLines(page)).length;
  await page.getByTestId("tl-next").click();
  await page.getByTestId("tl-next").click();
  assert.match(await page.getByTestId("tl-step").textContent(), /^step 2\//);
  const visible = await page.locator('[data-testid="output"] .out-line:not(.out-future)').count();
  assert.ok(visible < total, `output as of step 2 shows ${visible} of ${total} lines`);
  assert.equal(await page.locator(".cm-ls-current").count(), 1, "the step's line is highlighted");
  await page.getByTestId("tl-prev").click();
  assert.match(await page.getByTestId("tl-step").textContent(), /^step 1\//);

  // Clicking a box highlights its line: the last span of call_soon is the
  // second handler, whose line holds its Println.
  await page.evaluate(() => document.querySelector('[data-testid="editor"]').loopscopeEditor.highlightLine(0));
  const n = Number(await page.getByTestId("timeline").getAttribute("data-spans"));
  const at = await page.getByTestId("timeline").evaluate((el, i) => el.loopscopeTimeline.spanCenter(i), n - 1);
  await page.mouse.click(at.x, at.y);
  assert.match(await page.getByTestId("tl-step").textContent(), new RegExp(`^step ${n}/${n}`));
  const lineText = await page.locator(".cm-ls-current").textContent();
  assert.match(lineText, /second handler/, "the clicked callback's line is highlighted");
  await page.close();
});

test("at phone width, stepping through the timeline scrolls the editor and output, not the page", async () => {
  const page = await browser.page();
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${base}/?example=queue`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  await page.getByTestId("tl-next").scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => scrollY);
  assert.ok(y > 0, "the page scrolled down to the timeline");
  for (let i = 0; i < 8; i++) {
    await page.getByTestId("tl-next").click();
    assert.equal(await page.evaluate(() => scrollY), y, `step ${i + 1} left the page where it was`);
  }
  // The step's line and output still show, each in its own pane.
  const inside = (sel, box) => page.evaluate(([sel, box]) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    const b = document.querySelector(box).getBoundingClientRect();
    return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
  }, [sel, box]);
  assert.ok(await inside(".cm-ls-current", ".cm-scroller"), "the step's line shows in the editor");
  assert.ok(await inside(".out-line.out-latest", '[data-testid="output"]'), "the step's output shows in the output pane");
  await page.close();
});

test("at phone width the Docs link shares the brand's row instead of taking one of its own", async () => {
  const page = await browser.page();
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${base}/`);
  const brand = await page.locator(".brand").boundingBox();
  const docs = await page.getByRole("link", { name: "Docs" }).boundingBox();
  assert.ok(Math.abs(docs.y + docs.height / 2 - (brand.y + brand.height / 2)) < 6, `Docs at y=${docs.y}, the brand at y=${brand.y}`);
  assert.ok(docs.x + docs.width <= 375, "and inside the screen");
  const run = await page.getByTestId("run").boundingBox();
  assert.ok(run.x + run.width <= 375 && (await page.getByTestId("share").boundingBox()).x + 10 <= 375, "the buttons fit");
  await page.close();
});

test("the timeline exports a Chrome trace (Perfetto), an SVG and a PNG", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=call_soon`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  const spans = Number(await page.getByTestId("timeline").getAttribute("data-spans"));
  const save = async (item) => {
    await page.getByText("Export", { exact: true }).click();
    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: item }).click()]);
    const chunks = [];
    for await (const c of await dl.createReadStream()) chunks.push(c);
    return { name: dl.suggestedFilename(), data: Buffer.concat(chunks) };
  };
  const trace = await save("Chrome trace JSON (Perfetto)");
  assert.equal(trace.name, "loopscope-trace.json");
  const json = JSON.parse(trace.data.toString("utf8"));
  assert.equal(json.traceEvents.filter((e) => e.ph === "X").length, spans, "a complete event per step");
  assert.ok(json.traceEvents.some((e) => e.ph === "M" && e.name === "thread_name" && e.args.name === "callbacks"));
  const svg = await save("Picture as SVG");
  assert.match(svg.data.toString("utf8"), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>$/);
  assert.equal((svg.data.toString("utf8").match(/<rect [^>]*rx="3"/g) ?? []).length, spans, "a box per step in the SVG");
  const png = await save("Picture as PNG");
  assert.deepEqual([...png.data.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], "a PNG file");
  await page.close();
});

test("Format runs gofmt and keeps the program", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, 'package main\nimport "fmt"\nfunc main(){fmt.Println("x")}\n');
  await page.getByTestId("format").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="editor"]').loopscopeEditor.text.includes("func main() {"));
  assert.equal(await editorText(page), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("x") }\n');
  await page.close();
});

test("the controls are reachable by keyboard", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  const reached = new Set();
  await page.evaluate(() => document.activeElement?.blur());
  for (let i = 0; i < 40; i++) {
    const inEditor = await page.evaluate(() => !!document.activeElement?.closest(".cm-editor"));
    // Tab indents inside the editor; Escape then Tab leaves it (CodeMirror's rule).
    if (inEditor) await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => document.activeElement?.closest("[data-testid]")?.getAttribute("data-testid") ?? "");
    if (id) reached.add(id);
  }
  for (const id of ["example-picker", "run", "format", "share", "editor", "output", "timeline"]) assert.ok(reached.has(id), `Tab reaches ${id} (reached: ${[...reached].join(", ")})`);
  await page.close();
});

test("Escape or a click elsewhere closes the timeline's Export menu", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=call_soon`);
  const menu = page.locator("details.menu");
  const summary = menu.locator("summary");
  await summary.focus();
  await page.keyboard.press("Enter");
  assert.equal(await menu.evaluate((d) => d.open), true, "Enter opens it");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("role")), "menuitem");
  await page.keyboard.press("Escape");
  assert.equal(await menu.evaluate((d) => d.open), false, "Escape closes it");
  assert.equal(await summary.evaluate((el) => el === document.activeElement), true, "the focus goes back to its button");
  await summary.click();
  assert.equal(await menu.evaluate((d) => d.open), true);
  await page.getByTestId("output").click();
  assert.equal(await menu.evaluate((d) => d.open), false, "a click elsewhere closes it");
  await page.close();
});

test("the legend's glyphs follow the colour scheme when it flips", async () => {
  const page = await browser.page();
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`${base}/`);
  // The colour in the middle of the "result" glyph (a filled circle), and the palette's.
  const read = `(() => {
    const item = document.querySelector('.tl-legend-all [data-legend="mark:result"]');
    const [r, g, b] = item.querySelector("canvas").getContext("2d").getImageData(14, 14, 1, 1).data;
    const hex = "#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("");
    return { glyph: hex, palette: getComputedStyle(document.documentElement).getPropertyValue("--tl-result").trim().toLowerCase() };
  })()`;
  // Glyphs are drawn when they can be seen: open the legend.
  await page.getByTestId("tl-legend").locator("summary").click();
  await page.waitForFunction(`(() => { const c = ${read}; return c.glyph === c.palette; })()`, null, { timeout: 10_000 }).catch(() => {});
  const light = await page.evaluate(read);
  assert.equal(light.glyph, light.palette);
  await page.emulateMedia({ colorScheme: "dark" });
  // The stylesheet flips at once; the legend is redrawn by the media query's
  // change event, a task later: wait for both, then check.
  await page.waitForFunction(`(() => { const c = ${read}; return c.palette !== ${JSON.stringify(light.palette)} && c.glyph === c.palette; })()`, null, { timeout: 10_000 })
    .catch(() => {}); // the assertions below say what is wrong
  const dark = await page.evaluate(read);
  assert.notEqual(dark.palette, light.palette, "the dark palette has its own result colour");
  assert.equal(dark.glyph, dark.palette);
  await page.close();
});

test("focus rings are not clipped by the boxes around them (clock, axis, timeline)", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=call_soon`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  for (const [sel, clip] of [['[data-clock="virtual"]', ".seg"], [".tl-toolbar .seg-btn", ".seg"], ['[data-testid="timeline"] canvas[role="img"]', ".tl-canvas-wrap"]]) {
    await page.locator(sel).first().focus();
    // Focus by keyboard, so :focus-visible applies.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Shift+Tab");
    const ring = await page.evaluate((clip) => {
      const b = document.activeElement;
      const cs = getComputedStyle(b);
      const out = parseFloat(cs.outlineOffset) + parseFloat(cs.outlineWidth);
      const r = b.getBoundingClientRect();
      const g = b.closest(clip).getBoundingClientRect();
      return { style: cs.outlineStyle, inside: r.left - out >= g.left - 0.5 && r.right + out <= g.right + 0.5 && r.top - out >= g.top - 0.5 && r.bottom + out <= g.bottom + 0.5 };
    }, clip);
    assert.notEqual(ring.style, "none", `${sel} shows a focus ring`);
    assert.ok(ring.inside, `${sel}: the ring lies inside ${clip}, which clips what is outside`);
  }
  await page.close();
});

test("Ctrl+Enter runs the program from anywhere on the page, not only from the editor", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=call_soon`);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "ready", null, { timeout: 30_000 });
  for (const testid of ["output", "share"]) {
    await page.getByTestId(testid).focus();
    await page.keyboard.press("ControlOrMeta+Enter");
    assert.equal(await waitRunDone(page), "ok", `run from the ${testid}`);
    assert.deepEqual(await outputLines(page), golden("call_soon").output);
    assert.equal(await page.locator("#share-panel").isHidden(), true, "the focused button was not pressed");
    await page.evaluate(() => document.querySelector('[data-testid="status"]').dataset.state = "");
  }
  await page.close();
});

test("benchmark: the timeline draws 10k events", async () => {
  const page = await browser.page();
  await page.goto(`${base}/`);
  await setEditorText(page, `package main

import (
	"context"
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		var tasks []core.Awaitable
		for i := range 520 {
			tasks = append(tasks, loop.CreateTask("", func(ctx context.Context) (any, error) {
				core.Sleep(ctx, time.Duration(i%50)*time.Millisecond)
				core.Sleep(ctx, time.Millisecond)
				return i, nil
			}))
		}
		for _, t := range tasks {
			core.Await(ctx, t)
		}
		return nil, nil
	})
}
`);
  await page.getByTestId("run").click();
  await waitRunDone(page, 60_000);
  const events = Number(await page.getByTestId("timeline").getAttribute("data-events"));
  const draws = [];
  for (const label of ["Zoom in", "Zoom in", "Zoom out", "Zoom out"]) {
    await page.getByRole("button", { name: label, exact: true }).click();
    await page.waitForTimeout(50);
    draws.push(Number(await page.getByTestId("timeline").getAttribute("data-draw-ms")));
  }
  await page.getByRole("button", { name: "Fit" }).click();
  await page.waitForTimeout(50);
  draws.push(Number(await page.getByTestId("timeline").getAttribute("data-draw-ms")));
  draws.sort((a, b) => a - b);
  console.log(`METRIC timeline draw, ${events} events: median ${draws[2].toFixed(1)} ms, worst ${draws[draws.length - 1].toFixed(1)} ms (target ≤ 100 ms)`);
  assert.ok(events >= 10_000, `the program made ${events} events`);
  await page.getByTestId("timeline").screenshot({ path: join(artifacts, "timeline-10k-events.png") });
  await page.close();
});
