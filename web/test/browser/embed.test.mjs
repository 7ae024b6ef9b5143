// The /embed page and the docs-page embed script, in a real browser.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { base, artifacts, openBrowser, waitRunDone, outputLines, golden, setEditorText } from "./harness.mjs";

let browser;
before(async () => {
  // No service worker: these tests stand in for the server with page.route,
  // which never sees what a service worker answers (offline.test.mjs tests it).
  browser = await openBrowser({ serviceWorkers: "block" });
});
after(async () => {
  await browser?.close();
});

test("the embed page runs an example and shows its timeline on demand", async () => {
  const page = await browser.page();
  // timeline=0: closed, though the example's own view opens with it.
  await page.goto(`${base}/embed?example=call_soon&timeline=0`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  assert.deepEqual(await outputLines(page), golden("call_soon").output);
  assert.equal(await page.getByTestId("timeline").count(), 0, "no timeline until asked");
  await page.getByRole("button", { name: "Timeline" }).click();
  const spans = Number(await page.getByTestId("timeline").getAttribute("data-spans"));
  assert.ok(spans > 0, "the timeline shows the run");
  assert.match(await page.locator("#open-playground").getAttribute("href"), /example=call_soon/);
  await page.close();
});

test("the embed's status stops saying it is loading once the runner is ready", async () => {
  const page = await browser.page();
  await page.goto(`${base}/embed?example=call_soon`);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "ready", null, { timeout: 30_000 });
  assert.doesNotMatch(await page.getByTestId("status").textContent(), /Loading/);
  assert.equal(await page.locator(".status-progress").isVisible(), false, "no progress bar left behind");
  await page.close();
});

test("an embed without a program says so plainly", async () => {
  const page = await browser.page();
  await page.goto(`${base}/embed#code=broken`);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "error");
  assert.match(await page.getByTestId("status").textContent(), /damaged/);
  await page.close();
});

test("a docs page runs an embedded example in place", async () => {
  const page = await browser.page();
  const assets = await (await fetch(`${base}/assets.json`)).json();
  // A docs page as the build renders a ```go playground block.
  const source = `package main

import "fmt"

func main() {
	fmt.Println("hello from the docs")
}
`;
  const esc = source.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  await page.route(`${base}/docs-embed-test.html`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html><head><title>docs</title></head><body><h1>Guide</h1>
<div class="loopscope-embed" data-clock="virtual"><pre class="chroma"><code>${esc}</code></pre></div>
<p>after</p><script src="${assets["embed-script.js"]}"></script></body></html>`,
    }),
  );
  await page.goto(`${base}/docs-embed-test.html`);
  await page.getByRole("button", { name: "Run this example" }).click();
  const frame = page.frameLocator("iframe.loopscope-embed-frame");
  await frame.locator('[data-testid="output"] .out-line').first().waitFor({ timeout: 30_000 });
  assert.deepEqual(await frame.locator('[data-testid="output"] .out-line').allTextContents(), ["hello from the docs"]);
  // In place: the frame sits where the code block was, before the paragraph after it.
  const order = await page.evaluate(() => {
    const f = document.querySelector("iframe.loopscope-embed-frame");
    const p = [...document.querySelectorAll("p")].find((x) => x.textContent === "after");
    return f.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, "the example runs where the code block was");
  await page.close();
});

test("Run pressed from the keyboard on a docs page leaves the focus on the example", async () => {
  const page = await browser.page();
  await page.goto(`${base}/docs/event-loop/`);
  const run = page.getByRole("button", { name: "Run this example" }).first();
  await run.focus();
  await page.keyboard.press("Enter");
  const frame = page.locator("iframe.loopscope-embed-frame").first();
  await frame.waitFor();
  assert.equal(await frame.evaluate((f) => f === document.activeElement), true, "the focus moved to the example that replaced the button");
  await page.close();
});

test("a page of the built docs runs its first example in place", async () => {
  // Find a docs page with a runnable block, following the index's links.
  const index = await (await fetch(`${base}/docs/`)).text();
  const links = [...new Set([...index.matchAll(/href="([^"#]+)"/g)].map((m) => new URL(m[1], `${base}/docs/`).href))]
    .filter((u) => u.startsWith(`${base}/docs/`));
  let target = "";
  for (const u of [`${base}/docs/`, ...links]) {
    const html = await (await fetch(u)).text();
    if (html.includes('class="loopscope-embed"')) {
      target = u;
      break;
    }
  }
  assert.ok(target, "some docs page has a runnable example");
  const page = await browser.page();
  await page.goto(target);
  const block = page.locator(".loopscope-embed").first();
  const code = await block.locator("pre").textContent();
  await block.getByRole("button", { name: "Run this example" }).click();
  const frame = page.frameLocator("iframe.loopscope-embed-frame").first();
  await frame.locator('[data-testid="status"][data-state="ok"], [data-testid="status"][data-state="error"]').waitFor({ timeout: 30_000 });
  assert.equal(await frame.locator('[data-testid="status"]').getAttribute("data-state"), "ok", `the example on ${target} runs`);
  assert.ok((await frame.locator('[data-testid="output"] .out-line').count()) > 0, "it printed");
  const inFrame = await frame.locator('[data-testid="editor"]').evaluate((el) => el.loopscopeEditor.text);
  assert.equal(inFrame.trim(), code.trim(), "the embed runs the block's code");
  await page.close();
});

test("the embed opens with the timeline shown when asked, on the axis asked", async () => {
  const page = await browser.page();
  await page.goto(`${base}/embed?example=call_soon&timeline=1&axis=time`);
  const tl = page.getByTestId("timeline");
  await tl.waitFor();
  assert.equal(await tl.isVisible(), true, "shown before any run");
  assert.equal(await page.getByRole("button", { name: "Timeline" }).getAttribute("aria-expanded"), "true");
  assert.equal(await tl.locator('[aria-pressed="true"]').first().textContent(), "Loop time");
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  assert.ok(Number(await tl.getAttribute("data-spans")) > 0, "the run is drawn at once");
  // "Press ▶ or →", with the focus still on Run.
  await page.keyboard.press("ArrowRight");
  assert.match(await tl.getByTestId("tl-step").textContent(), /^step 1\//);
  // An example opens as its front matter says unless the page asks otherwise.
  await page.goto(`${base}/embed?example=blocking_download`);
  await page.getByTestId("timeline").waitFor();
  assert.equal(await page.getByTestId("timeline").locator('[aria-pressed="true"]').first().textContent(), "Loop time");
  await page.close();
});

/** Waits until the iframe's height settles (the same for 300 ms); returns it. */
async function settledHeight(frameEl) {
  let last = -1;
  let same = 0;
  for (let i = 0; i < 100 && same < 3; i++) {
    const h = await frameEl.evaluate((f) => f.getBoundingClientRect().height);
    same = h === last ? same + 1 : 0;
    last = h;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

test("the Share menu's iframe code sizes the embed to its content, timeline included", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=call_soon`);
  await setEditorText(page, `package main

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	defer loop.Close()
	loop.CallSoon(func() { fmt.Println("one") })
	loop.CallSoon(func() { fmt.Println("two"); loop.Stop() })
	loop.RunForever()
}
`);
  await page.getByTestId("share").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="share-embed"]')?.value);
  const snippet = await page.getByTestId("share-embed").inputValue();
  assert.match(snippet, /<iframe [^>]*src="[^"]*\/embed\?timeline=1&axis=step#code=/);
  assert.match(snippet, /<script>[\s\S]*loopscope-embed-height[\s\S]*<\/script>$/, "with the few lines that fit the frame");
  await page.route(`${base}/share-host.html`, (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><html><head><title>host</title></head><body style="margin:20px"><h1>My notes</h1>${snippet}<p id="after">after</p></body></html>` }),
  );
  await page.goto(`${base}/share-host.html`);
  const frameEl = page.locator("iframe[data-loopscope-embed]");
  const frame = page.frameLocator("iframe[data-loopscope-embed]");
  await frame.getByTestId("timeline").waitFor();
  const before = await settledHeight(frameEl);
  const fits = async () => {
    const inner = await frame.locator("html").evaluate((d) => ({ reported: Number(d.dataset.reportedHeight), scroll: d.scrollHeight, client: d.clientHeight }));
    const outer = await frameEl.evaluate((f) => f.getBoundingClientRect().height);
    assert.ok(inner.reported > 0, "the embed reported its height");
    assert.equal(Math.round(outer), inner.reported + 2, "the frame is the content's height (plus its border)");
    assert.ok(inner.scroll <= inner.client + 1, `nothing scrolls inside the frame (${inner.scroll} > ${inner.client})`);
    return inner.reported;
  };
  const h1 = await fits();
  assert.notEqual(before, 560, "not the snippet's first guess");
  assert.ok(await frame.getByTestId("timeline").isVisible(), "the timeline shows without a click");
  await frame.getByTestId("run").click();
  await frame.locator('[data-testid="status"][data-state="ok"]').waitFor({ timeout: 30_000 });
  await settledHeight(frameEl);
  const h2 = await fits();
  assert.ok(h2 >= h1, "after the run the frame still fits");
  await page.screenshot({ path: join(artifacts, "embed-share-snippet.png"), fullPage: true });
  await page.close();
});

test("a docs example opens with its timeline, and its frame fits it", async () => {
  const page = await browser.page();
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(`${base}/docs/blocking-vs-concurrent/`);
  const block = page.locator('.loopscope-embed[data-timeline="shown"]').first();
  assert.equal(await block.getAttribute("data-axis"), "time");
  await block.getByRole("button", { name: "Run this example" }).click();
  const frameEl = page.locator("iframe.loopscope-embed-frame").first();
  const frame = page.frameLocator("iframe.loopscope-embed-frame").first();
  await frame.locator('[data-testid="status"][data-state="ok"]').waitFor({ timeout: 60_000 });
  assert.ok(await frame.getByTestId("timeline").isVisible(), "the timeline shows without a click");
  assert.ok(Number(await frame.getByTestId("timeline").getAttribute("data-spans")) > 0);
  await settledHeight(frameEl);
  const reported = await frame.locator("html").evaluate((d) => Number(d.dataset.reportedHeight));
  assert.equal(Math.round(await frameEl.evaluate((f) => f.getBoundingClientRect().height)), reported + 2, "the frame is the embed's height");
  await frameEl.scrollIntoViewIfNeeded();
  await frameEl.screenshot({ path: join(artifacts, "docs-embed-timeline.png") });
  await page.close();
});

/** The docs pages the index links to, with the index itself. */
async function docsPages() {
  const index = await (await fetch(`${base}/docs/`)).text();
  const links = [...index.matchAll(/href="([^"#]+)"/g)].map((m) => new URL(m[1], `${base}/docs/`).href).filter((u) => u.startsWith(`${base}/docs/`));
  return [...new Set([`${base}/docs/`, ...links])];
}

test("every docs example shows its timeline after Run, a Python twin on its Go twin's axis", async () => {
  // The guide's text has the reader look at the timeline ("follow the
  // timeline", "the arrow from Task-1 to worker"): it must be on show, not
  // behind a button.
  let embeds = 0;
  for (const u of await docsPages()) {
    const html = await (await fetch(u)).text();
    for (const [tag] of html.matchAll(/<div class="loopscope-embed"[^>]*>/g)) {
      embeds++;
      assert.match(tag, /data-timeline="shown"/, `${u}: ${tag}`);
    }
    for (const [pair] of html.matchAll(/<div class="code-pair">[\s\S]*?<div class="code-pair-lang">Python<\/div>\s*<div class="loopscope-embed"[^>]*>/g)) {
      const axes = [...pair.matchAll(/<div class="loopscope-embed"[^>]*data-axis="(\w+)"/g)].map((m) => m[1]);
      assert.equal(axes.length, 2, `${u}: a pair of embeds`);
      assert.equal(axes[1], axes[0], `${u}: the Python twin's axis is its Go twin's`);
    }
  }
  assert.ok(embeds >= 30, `the docs have their examples (${embeds})`);
});

test("a docs example's timeline shows every lane on a phone, and its links open the playground on its axis", async () => {
  const page = await browser.page();
  await page.setViewportSize({ width: 390, height: 844 });
  // Cancelling: six lanes (callbacks, Task-1, ok, failing, worker, never started).
  await page.goto(`${base}/docs/tasks-and-cancellation/`);
  const block = page.locator(".loopscope-embed").filter({ hasText: "never started" }).first();
  assert.equal(await block.getAttribute("data-timeline"), "shown");
  await block.getByRole("button", { name: "Run this example" }).click();
  const frameEl = page.locator("iframe.loopscope-embed-frame").first();
  const frame = page.frameLocator("iframe.loopscope-embed-frame").first();
  await frame.locator('[data-testid="status"][data-state="ok"]').waitFor({ timeout: 60_000 });
  const tl = frame.getByTestId("timeline");
  assert.ok(await tl.isVisible(), "the timeline shows without a click");
  await frame.locator("html").evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const lanes = await tl.evaluate((el) => {
    const wrap = el.querySelector(".tl-canvas-wrap");
    const canvas = wrap.querySelector("canvas");
    return { names: el.loopscopeTimeline.currentModel.lanes.map((l) => l.name), wrap: wrap.clientHeight, canvas: canvas.getBoundingClientRect().height };
  });
  assert.ok(lanes.names.includes("Task-1") && lanes.names.includes("never started"), `lanes ${lanes.names}`);
  assert.ok(lanes.wrap >= lanes.canvas - 1, `every lane in view: ${lanes.canvas}px of lanes in ${lanes.wrap}px`);
  // The bar's "Open in playground" fits the phone's width, whole.
  const link = await frame.locator("#open-playground").evaluate((a) => {
    const r = a.getBoundingClientRect();
    return { right: r.right, width: document.documentElement.clientWidth, lines: Math.round(r.height / parseFloat(getComputedStyle(a).lineHeight || "16")) };
  });
  assert.ok(link.right <= link.width, `the link ends at ${link.right}, within ${link.width}`);
  await settledHeight(frameEl);
  await frameEl.screenshot({ path: join(artifacts, "docs-embed-phone-lanes.png") });

  // The blocking example is drawn on loop time: both of its playground
  // links (the page's, and the embed's after Run) say so, and the
  // playground opens on it.
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`${base}/docs/blocking-vs-concurrent/`);
  const blocking = page.locator('.loopscope-embed[data-clock="real"][data-lang="go"]');
  assert.equal(await blocking.getAttribute("data-axis"), "time");
  const pageLink = await blocking.locator(".loopscope-embed-open").getAttribute("href");
  assert.match(pageLink, /\/\?axis=time#code=/);
  await blocking.getByRole("button", { name: "Run this example" }).click();
  const bframe = page.frameLocator("iframe.loopscope-embed-frame").first();
  await bframe.locator("#open-playground").waitFor();
  await page.waitForFunction(() => document.querySelector("iframe.loopscope-embed-frame")?.contentDocument?.querySelector("#open-playground")?.getAttribute("href")?.includes("#code="));
  assert.match(await bframe.locator("#open-playground").getAttribute("href"), /^\/\?axis=time#code=/);
  await page.goto(pageLink);
  const ptl = page.getByTestId("timeline");
  await page.waitForFunction(() => document.querySelector('[data-testid="editor"]')?.loopscopeEditor?.text?.includes("slowTask"));
  assert.equal(await ptl.locator('[aria-pressed="true"]').first().textContent(), "Loop time");
  await page.close();
});
