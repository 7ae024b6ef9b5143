// The /embed page and the docs-page embed script, in a real browser.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { base, openBrowser, waitRunDone, outputLines, golden } from "./harness.mjs";

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

test("the embed page runs an example and shows its timeline on demand", async () => {
  const page = await browser.page();
  await page.goto(`${base}/embed?example=call_soon`);
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
