// The service worker (web/src/service-worker.ts, /sw.js): after one visit
// the playground and the docs work with the network off, and a new deploy
// shows on the next load with its own runner. These tests serve a copy of
// the built site from a server of their own, so that "offline" can be made
// true by stopping it, and a deploy by changing its files.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { artifacts, golden, openBrowser, outputLines, pickExample, repo, waitRunDone } from "./harness.mjs";
import { copySite, serveSite } from "./site-server.mjs";

let site; // a copy of the built site
let assets;

before(async () => {
  ({ dir: site, assets } = await copySite());
});

after(() => {
  if (site) rmSync(site, { recursive: true, force: true });
});

async function runExample(page, name) {
  await pickExample(page, name);
  await page.getByTestId("run").click();
  const want = golden(name);
  const state = await waitRunDone(page, 90_000);
  const status = await page.getByTestId("status").textContent();
  assert.equal(state, want.outcome === "ok" ? "ok" : "error", `${name} ends as its golden file says (status: ${status})`);
  assert.deepEqual(await outputLines(page), want.output, `${name}: output`);
}

// Polls an async condition in the page (waitForFunction would take its
// promise for a true value).
async function waitInPage(page, what, fn, arg, timeout = 90_000) {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(fn, arg))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(250);
  }
}

// The service worker controls the page and has installed this version.
function waitOffline(page, version) {
  return waitInPage(page, `service worker ${version}`, async (v) => !!navigator.serviceWorker.controller && (await caches.keys()).includes(`loopscope-${v}`), version);
}

function swVersion(dir) {
  const first = readFileSync(join(dir, "sw.js"), "utf8").split("\n")[0];
  return JSON.parse(first.replace(/^self\.loopscopeSite = /, "").replace(/;$/, "")).version;
}

test("after one visit, the playground runs examples and the docs open with the network off", async () => {
  const srv = await serveSite(site);
  const browser = await openBrowser();
  const downloaded = []; // responses, from the network or the HTTP cache
  browser.context.on("response", (r) => downloaded.push(new URL(r.url()).pathname));
  try {
    const page = await browser.page();
    await page.goto(`${srv.url}/`);
    await runExample(page, "call_soon");
    await waitOffline(page, swVersion(site));
    // A page's request starts while the worker boots (navigation preload).
    const preload = await page.evaluate(async () => (await navigator.serviceWorker.ready).navigationPreload.getState());
    assert.equal(preload.enabled, true, "navigation preload is on");

    // Online, the service worker passes the runner build through to the
    // HTTP cache (where Chromium keeps its compiled code) instead of
    // answering from its own copy.
    const fromWorker = [];
    const note = (r) => r.serviceWorker() && fromWorker.push(new URL(r.url()).pathname);
    browser.context.on("request", note);
    await page.reload();
    await runExample(page, "call_soon");
    browser.context.off("request", note);
    assert.ok(fromWorker.includes(assets.wasm_precompiled), `the service worker fetched the runner build itself (it fetched ${JSON.stringify(fromWorker)})`);
    // The page and its hashed scripts and styles do not wait for the
    // worker's script: static routes race the page's request against it and
    // answer the shell from the cache.
    const routes = await page.evaluate((urls) => {
      const route = (e) => `${e?.workerMatchedSourceType}/${e?.workerFinalSourceType}`;
      const entry = (u) => performance.getEntriesByName(new URL(u, location.href).href)[0];
      return { page: route(performance.getEntriesByType("navigation")[0]), files: urls.map((u) => `${u} ${route(entry(u))}`) };
    }, [assets["playground.js"], assets["runner-boot.js"], assets["playground.css"]]);
    assert.equal(routes.page, "race-network-and-fetch-handler/network", "online, the page came from the network, not waiting for the worker");
    for (const f of routes.files) assert.match(f, / cache\/cache$/, "a hashed file of the shell came from the cache by a static route");
    assert.ok(!fromWorker.includes(assets["playground.js"]), "the worker's fetch handler did not touch the page's bundle");

    await srv.stop();
    await browser.context.setOffline(true);
    await page.reload();
    await runExample(page, "call_soon"); // a new worker, its runner from the cache
    const offlinePage = await page.evaluate(() => performance.getEntriesByType("navigation")[0].workerFinalSourceType);
    assert.equal(offlinePage, "fetch-event", "offline, the race fell back to the worker's cached page");
    await page.screenshot({ path: join(artifacts, "offline-playground.png") });

    // A link to an example, and every docs page, though only the playground was visited.
    await page.goto(`${srv.url}/?example=queue`);
    await page.waitForFunction(() => document.querySelector('[data-testid="example-picker"]')?.dataset.value === "queue");
    for (const path of ["/docs/", "/docs/timeouts/", "/docs/api/"]) {
      await page.goto(`${srv.url}${path}`);
      assert.ok((await page.locator("h1").first().textContent())?.trim(), `${path} shows its title offline`);
    }
    await page.screenshot({ path: join(artifacts, "offline-docs.png") });

    // A Go user running the examples as shipped never downloaded an
    // interpreter's runner (precompiled examples), online or at install.
    assert.ok(!downloaded.includes(assets.wasm_http), "the HTTP runner was not downloaded");
    assert.ok(!downloaded.includes(assets.wasm), "the interpreter's runner was not downloaded");
    const cachedURLs = await cachedPaths(page);
    assert.ok(cachedURLs.includes(assets.wasm_precompiled), "the precompiled runner is cached");
    assert.ok(!cachedURLs.includes(assets.wasm_http), "the HTTP runner is not cached");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await srv.stop().catch(() => {});
  }
});

// What is cached of the site, by path.
function cachedPaths(page) {
  return page.evaluate(async () => {
    const all = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) all.push(new URL(r.url).pathname);
    return all;
  });
}

// Only the service worker's caches left, as when the browser's HTTP cache
// has been evicted (it had the runner's worker script, which hid a miss).
async function clearHTTPCache(browser, page) {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("Network.clearBrowserCache");
  await cdp.detach();
}

// A visit in a browser of its own, on a server of its own; both are gone
// after fn, whatever it did.
async function visit(fn) {
  const srv = await serveSite(site);
  const browser = await openBrowser();
  try {
    await fn(srv, browser, await browser.page());
  } finally {
    await browser.close();
    await srv.stop().catch(() => {});
  }
}

// The network gone, with the browser's HTTP cache: the page reloads from
// the service worker's caches alone.
async function reloadOffline(srv, browser, page) {
  await clearHTTPCache(browser, page);
  await srv.stop();
  await browser.context.setOffline(true);
  await page.reload();
}

// Runs a docs page's embedded example (of the language given) and returns
// its output lines.
async function runEmbed(page, lang) {
  await page.locator(`.loopscope-embed[data-lang="${lang}"] .loopscope-embed-run`).click();
  const frame = page.locator(`.loopscope-embed[data-lang="${lang}"] iframe.loopscope-embed-frame`).contentFrame();
  await frame.locator('[data-testid="status"]:is([data-state="ok"], [data-state="error"], [data-state="failed"])').waitFor({ timeout: 240_000 });
  const status = await frame.getByTestId("status").textContent();
  assert.equal(await frame.getByTestId("status").getAttribute("data-state"), "ok", `the ${lang} embed ran (status: ${status})`);
  return frame.locator('[data-testid="output"] .out-line').allTextContents();
}

// docs/event-loop's examples print this (Go's clock says 0s, Python's 0ms).
const eventLoopOutput = (unit) => ["a", "b", "c", "timer 0", "a-child"].map((n) => `${n.padEnd(8)} at 0${unit}`).concat("timer 50 at 50ms");

// The runners' workers are asked for with their parameters in the query
// (runner.worker.js?wasm=…&exec=…, python.worker.js?index=…): the copies
// cached at install have none, and the worker must still get its query.
test("a visitor who never ran anything runs the playground's example offline, from the service worker's caches alone", async () => {
  await visit(async (srv, browser, page) => {
    await page.goto(`${srv.url}/`);
    await waitOffline(page, swVersion(site));
    // The runner build the page loaded at once is in the worker's cache.
    await waitInPage(page, "the precompiled runner to be cached", async (u) => {
      for (const n of await caches.keys()) if (await (await caches.open(n)).match(u)) return true;
      return false;
    }, assets.wasm_precompiled, 30_000);

    await reloadOffline(srv, browser, page);
    await runExample(page, "call_soon");
    await page.screenshot({ path: join(artifacts, "offline-first-run-playground.png") });
    assert.deepEqual(browser.errors, []);
  });
});

test("a visitor who chose Python and reached for the editor, but ran nothing, runs the docs' Go and Python examples offline", async () => {
  await visit(async (srv, browser, page) => {
    await page.goto(`${srv.url}/`);
    await waitOffline(page, swVersion(site));
    // Reaching for the editor downloads the interpreter's build (docs
    // examples are no shipped examples); choosing Python, its runtime. The
    // service worker keeps what it passes on, as the design has it: the
    // large files are cached once downloaded, never before.
    await page.locator('[data-testid="editor"] .cm-content').click();
    await page.getByTestId("language").selectOption("python");
    await page.locator('[data-testid="status"]:is([data-state="ready"], [data-state="failed"])').waitFor({ timeout: 240_000 });
    assert.equal(await page.getByTestId("status").getAttribute("data-state"), "ready", `Python's runner loaded (status: ${await page.getByTestId("status").textContent()})`);
    const wanted = [assets.wasm, assets["python.worker.js"], `${assets.pyodide}pyodide.asm.wasm`, assets.pyodide_stdlib, assets.pyodide_snapshot].filter(Boolean);
    await waitInPage(page, `${wanted} to be cached`, async (urls) => {
      const all = [];
      for (const n of await caches.keys()) for (const r of await (await caches.open(n)).keys()) all.push(new URL(r.url).pathname);
      return urls.every((u) => all.includes(u));
    }, wanted, 60_000);
    await page.goto(`${srv.url}/docs/event-loop/`);
    await page.locator(".loopscope-embed-run").first().waitFor();

    await reloadOffline(srv, browser, page);
    assert.deepEqual(await runEmbed(page, "go"), eventLoopOutput("s"), "the Go embed's output, offline");
    assert.deepEqual(await runEmbed(page, "python"), eventLoopOutput("ms"), "the Python embed's output, offline");
    await page.screenshot({ path: join(artifacts, "offline-first-run-docs.png"), fullPage: true });
    // Each hashed file is cached once, whatever the query it was asked with.
    const paths = await cachedPaths(page);
    for (const p of new Set(paths)) if (p.startsWith("/assets/")) assert.equal(paths.filter((q) => q === p).length, 1, `${p} cached once`);
    assert.deepEqual(browser.errors, []);
  });
});

// The interpreter's build is cached only once downloaded: a reader of the
// docs alone has no runner for their examples offline, and is told why.
test("offline, a docs example whose runner was never downloaded says so, not just \"Failed to fetch\"", async () => {
  await visit(async (srv, browser, page) => {
    await page.goto(`${srv.url}/docs/event-loop/`);
    await waitOffline(page, swVersion(site));
    await reloadOffline(srv, browser, page);
    await page.locator('.loopscope-embed[data-lang="go"] .loopscope-embed-run').click();
    const frame = page.locator('.loopscope-embed[data-lang="go"] iframe.loopscope-embed-frame').contentFrame();
    const status = frame.locator('[data-testid="status"]:is([data-state="error"], [data-state="failed"])');
    await status.waitFor({ timeout: 60_000 });
    assert.match(await status.textContent(), /The Go runner could not load: .*\(this browser is offline, and has not downloaded this runner while online\)/);
  });
});

// A deploy as a host does it: new files in place of the old ones (the
// runner an unchanged example runs on: the precompiled build).
function deployNewRunner(dir) {
  const oldURL = assets.wasm_precompiled;
  const wasm = readFileSync(join(dir, oldURL));
  // A custom section (ignored by the engine): a runner with other bytes.
  const name = Buffer.from("deploy");
  const payload = Buffer.from(`second deploy ${Date.now()}`);
  const body = Buffer.concat([Buffer.from([name.length]), name, payload]);
  const newURL = oldURL.replace(/-[0-9a-f]+\.wasm$/, "-d2d2d2d2d2.wasm");
  writeFileSync(join(dir, newURL), Buffer.concat([wasm, Buffer.from([0, body.length]), body]));
  unlinkSync(join(dir, oldURL));
  const pages = ["index.html", "embed.html", "assets.json", ...readdirSync(join(dir, "docs"), { recursive: true }).filter((f) => f.endsWith(".html")).map((f) => join("docs", f))];
  for (const f of pages) writeFileSync(join(dir, f), readFileSync(join(dir, f), "utf8").replaceAll(oldURL, newURL));
  const examples = JSON.parse(readFileSync(join(dir, "examples.json"), "utf8"));
  const ex = examples.find((e) => e.name === "call_soon");
  ex.title += " (new deploy)";
  writeFileSync(join(dir, "examples.json"), JSON.stringify(examples));
  const r = spawnSync("go", ["run", "./build", "-service-worker", dir], { cwd: repo, encoding: "utf8" });
  assert.equal(r.status, 0, `go run ./build -service-worker: ${r.stderr}`);
  return { oldURL, newURL, title: ex.title };
}

test("a new deploy takes effect on the next load, runner included, and then works offline", async () => {
  const srv = await serveSite(site);
  const browser = await openBrowser();
  const wasmFetched = [];
  browser.context.on("request", (r) => {
    const p = new URL(r.url()).pathname;
    if (p.endsWith(".wasm") && !r.serviceWorker()) wasmFetched.push(p);
  });
  try {
    const page = await browser.page();
    await page.goto(`${srv.url}/`);
    await runExample(page, "call_soon");
    const first = swVersion(site);
    await waitOffline(page, first);

    const deploy = deployNewRunner(site);
    const second = swVersion(site);
    assert.notEqual(second, first, "the deploy changed the service worker");
    wasmFetched.length = 0;
    await page.reload();
    // Shown, an example's title is in the output pane's note.
    const shownTitle = async () => {
      await pickExample(page, "call_soon");
      return page.getByTestId("output").textContent();
    };
    assert.ok((await shownTitle()).includes(deploy.title), "the new deploy's examples on the very next load");
    await runExample(page, "call_soon");
    assert.deepEqual(wasmFetched, [deploy.newURL], "the page's worker loaded the new runner, not the old");

    // The new worker takes over and drops the old build's files.
    await waitOffline(page, second);
    await waitInPage(page, "the old build's files to go", async (old) => {
      const names = await caches.keys();
      if (names.some((n) => n === `loopscope-${old}`)) return false;
      for (const n of names) for (const r of await (await caches.open(n)).keys()) if (r.url.endsWith(".wasm") && !r.url.includes("d2d2d2d2d2")) return false;
      return true;
    }, first, 30_000);

    await srv.stop();
    await browser.context.setOffline(true);
    await page.reload();
    assert.ok((await shownTitle()).includes(deploy.title), "offline: still the new deploy");
    await runExample(page, "call_soon");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await srv.stop().catch(() => {});
  }
});
