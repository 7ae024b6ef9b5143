// The playground ships two runner builds: the default one without net/http
// (the first load) and the full one, fetched only for a program that
// imports net/http. Both run, and a plain program never fetches the full one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { base, openBrowser, waitRunDone, setEditorText, pickExample, outputLines, golden } from "./harness.mjs";

let browser;

before(async () => {
  // A fresh profile of its own, so every wasm download shows as a request.
  browser = await openBrowser();
});

after(async () => {
  await browser?.close();
});

test("a plain example uses the default runner; gather_downloads switches to the full one", async () => {
  const assets = await (await fetch(`${base}/assets.json`)).json();
  assert.ok(assets.wasm && assets.wasm_http && assets.wasm !== assets.wasm_http, "two runner builds listed");
  const wasmRequests = [];
  // Worker requests are reported on the context (the worker fetches the wasm).
  browser.context.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith(".wasm")) wasmRequests.push(path);
  });
  const page = await browser.page();
  await page.goto(`${base}/`);

  await pickExample(page, "call_soon");
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page), "ok");
  assert.deepEqual(await outputLines(page), golden("call_soon").output);
  assert.deepEqual(wasmRequests, [assets.wasm], "a plain example loads only the default runner");

  await pickExample(page, "gather_downloads");
  await page.getByTestId("run").click();
  const want = golden("gather_downloads");
  assert.equal(await waitRunDone(page, 60_000), want.outcome === "ok" ? "ok" : "error");
  assert.deepEqual(await outputLines(page), want.output, "gather_downloads: output");
  assert.deepEqual(wasmRequests, [assets.wasm, assets.wasm_http], "net/http brought the full runner");

  // Stop restarts the worker with the full build, which runs net/http again.
  await setEditorText(page, `package main

import _ "net/http"

func main() {
	for {
	}
}
`);
  await page.getByTestId("run").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "running");
  await page.waitForTimeout(300);
  await page.getByTestId("stop").click();
  assert.equal(await waitRunDone(page, 5000), "error");
  await pickExample(page, "gather_downloads");
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page, 60_000), want.outcome === "ok" ? "ok" : "error");
  assert.deepEqual(await outputLines(page), want.output, "gather_downloads after Stop: output");
  // The restarted worker gets the module the page compiled: no second download.
  assert.deepEqual(wasmRequests, [assets.wasm, assets.wasm_http], "Stop restarted the runner without downloading it again");
  assert.deepEqual(browser.errors, []);
  await page.close();
});
