// The playground ships three runner builds: the precompiled one (the
// examples compiled in, no interpreter: the first load), the interpreter's
// default one without net/http, fetched once the program is no unchanged
// example (the first edit), and the full one, fetched only for a program
// that imports net/http. All run, an unchanged example fetches neither
// interpreter, and a build that fails to load says so (the full one) or
// hands over to the next (the precompiled one).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { artifacts, base, openBrowser, waitRunDone, setEditorText, editorText, pickExample, outputLines, golden } from "./harness.mjs";
import { copySite, serveSite } from "./site-server.mjs";

// Uses net/http for real: a GET of the site's own asset list (the page's
// CSP allows its own origin), off the loop as blocking code must be.
const httpProgram = (origin) => `package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/loopscope/loopscope/core"
)

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		status, err := core.ToThread(ctx, func(ctx context.Context) (any, error) {
			resp, err := http.Get("${origin}/assets.json")
			if err != nil {
				return nil, err
			}
			defer resp.Body.Close()
			return resp.Status, nil
		})
		fmt.Println("GET /assets.json:", status, err)
		return nil, nil
	})
}
`;

let browser;

// Waits for the run to end; the status line goes into the failure message.
async function ended(page, want, timeout = 60_000) {
  const state = await waitRunDone(page, timeout);
  const status = await page.getByTestId("status").textContent();
  assert.equal(state, want, `the run ended ${state}: ${status}`);
}

// wasmRequestsOf lists the paths of the .wasm files the context's pages and
// workers request from now on. Worker requests are reported on the context
// (the worker fetches the wasm); the service worker's own requests cache
// what the page has, so they are left out.
function wasmRequestsOf(context) {
  const paths = [];
  context.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith(".wasm") && !r.serviceWorker()) paths.push(path);
  });
  return paths;
}

before(async () => {
  // A fresh profile of its own, so every wasm download shows as a request.
  browser = await openBrowser();
});

after(async () => {
  await browser?.close();
});

test("unchanged examples use the precompiled runner; a net/http program switches to the full one", async () => {
  const assets = await (await fetch(`${base}/assets.json`)).json();
  assert.equal(new Set([assets.wasm, assets.wasm_http, assets.wasm_precompiled]).size, 3, "three runner builds listed");
  const wasmRequests = wasmRequestsOf(browser.context);
  const page = await browser.page();
  await page.goto(`${base}/`);

  // The headline example simulates its network: the precompiled runner runs it.
  for (const name of ["call_soon", "gather_downloads"]) {
    await pickExample(page, name);
    await page.getByTestId("run").click();
    await ended(page, "ok");
    assert.deepEqual(await outputLines(page), golden(name).output, `${name}: output`);
  }
  assert.deepEqual(wasmRequests, [assets.wasm_precompiled], "unchanged examples load only the precompiled runner");

  // Typing the import starts the full build's download, before Run.
  await setEditorText(page, httpProgram(base));
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state !== "running");
  await new Promise((resolve) => {
    const seen = () => wasmRequests.includes(assets.wasm_http);
    if (seen()) return resolve();
    const timer = setInterval(() => seen() && (clearInterval(timer), resolve()), 50);
  });
  await page.getByTestId("run").click();
  await ended(page, "ok");
  assert.deepEqual(await outputLines(page), ["GET /assets.json: 200 OK <nil>"], "net/http ran for real");
  assert.deepEqual(wasmRequests, [assets.wasm_precompiled, assets.wasm_http], "net/http brought the full runner");

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
  await ended(page, "error", 5000);
  await setEditorText(page, httpProgram(base));
  await page.getByTestId("run").click();
  await ended(page, "ok");
  assert.deepEqual(await outputLines(page), ["GET /assets.json: 200 OK <nil>"], "net/http after Stop");
  // The restarted worker gets the module the page compiled: no second download.
  assert.deepEqual(wasmRequests, [assets.wasm_precompiled, assets.wasm_http], "Stop restarted the runner without downloading it again");
  assert.deepEqual(browser.errors, []);
  await page.close();
});

test("the first edit loads the interpreter, which runs the edited example as the precompiled runner ran it", async () => {
  const assets = await (await fetch(`${base}/assets.json`)).json();
  const own = await openBrowser();
  const wasmRequests = wasmRequestsOf(own.context);
  try {
    const page = await own.page();
    await page.goto(`${base}/?example=lock`);
    await page.getByTestId("run").click();
    await ended(page, "ok");
    const want = golden("lock").output;
    assert.deepEqual(await outputLines(page), want, "precompiled: output");
    const events = async () => {
      const tl = await page.getByTestId("timeline").evaluate((e) => ({ ...e.dataset }));
      return Number(tl.events) - Number(tl.slowSteps || 0); // slow steps are the machine's, not the program's
    };
    assert.equal(await events(), golden("lock").trace.length, "precompiled: timeline events");
    assert.deepEqual(wasmRequests, [assets.wasm_precompiled], "the unchanged example: the precompiled runner only");
    await page.screenshot({ path: join(artifacts, "precompiled-lock.png") });

    // A comment at the end changes no line: same output, now interpreted.
    const source = await editorText(page);
    await setEditorText(page, source + "// my note\n");
    await page.getByTestId("run").click();
    await ended(page, "ok");
    assert.deepEqual(await outputLines(page), want, "interpreted: output");
    assert.equal(await events(), golden("lock").trace.length, "interpreted: timeline events");
    assert.deepEqual(wasmRequests, [assets.wasm_precompiled, assets.wasm], "the edit loaded the interpreter");
    await page.screenshot({ path: join(artifacts, "precompiled-lock-edited.png") });
    assert.deepEqual(own.errors, []);
  } finally {
    await own.close();
  }
});

test("reaching for the editor fetches the interpreter without leaving the precompiled runner; the edit's run reuses it", async () => {
  const assets = await (await fetch(`${base}/assets.json`)).json();
  const own = await openBrowser();
  const wasmRequests = wasmRequestsOf(own.context);
  try {
    const page = await own.page();
    await page.goto(`${base}/?example=queue`);
    await page.getByTestId("run").click();
    await ended(page, "ok");
    await page.waitForTimeout(1500);
    assert.deepEqual(wasmRequests, [assets.wasm_precompiled], "nothing of the interpreter before the visitor acts");

    await page.locator('[data-testid="editor"]').click();
    await page.waitForFunction(() => document.activeElement?.closest?.('[data-testid="editor"]'));
    const fetched = () => wasmRequests.includes(assets.wasm);
    for (let i = 0; i < 100 && !fetched(); i++) await page.waitForTimeout(100);
    assert.ok(fetched(), `the click fetched the interpreter's build: ${wasmRequests}`);
    // Not edited: still the precompiled runner's run (no new worker, no download).
    await page.getByTestId("run").click();
    await ended(page, "ok");
    assert.deepEqual(await outputLines(page), golden("queue").output);

    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.insertText("// mine\n");
    await page.getByTestId("run").click();
    await ended(page, "ok");
    assert.deepEqual(await outputLines(page), golden("queue").output, "edited, interpreted: same output");
    assert.deepEqual(wasmRequests, [assets.wasm_precompiled, assets.wasm], "the edit's worker got the module compiled on the click");
    assert.deepEqual(own.errors, []);
  } finally {
    await own.close();
  }
});

test("an edit right after reaching for the editor waits for that compile: the interpreter is downloaded once", async () => {
  const assets = await (await fetch(`${base}/assets.json`)).json();
  const own = await openBrowser();
  const wasmRequests = wasmRequestsOf(own.context);
  try {
    // The interpreter's build answers slowly, so the edit comes while the
    // page is still compiling it (on a busy machine this happened anyway).
    await own.context.route(`**${assets.wasm}`, async (route) => {
      await new Promise((r) => setTimeout(r, 2000));
      await route.continue();
    });
    const page = await own.page();
    await page.goto(`${base}/?example=queue`);
    await page.getByTestId("run").click();
    await ended(page, "ok");
    await page.locator('[data-testid="editor"]').click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.insertText("// mine\n");
    await page.getByTestId("run").click();
    await ended(page, "ok");
    assert.deepEqual(await outputLines(page), golden("queue").output, "edited, interpreted: same output");
    assert.deepEqual(wasmRequests, [assets.wasm_precompiled, assets.wasm], "one download of the interpreter's build");
    assert.deepEqual(own.errors, []);
  } finally {
    await own.close();
  }
});

test("a precompiled runner that fails to load hands over to the interpreter, which runs the example", async () => {
  const { dir, assets } = await copySite();
  unlinkSync(join(dir, assets.wasm_precompiled));
  const own = await openBrowser();
  const srv = await serveSite(dir, {});
  try {
    const page = await own.page();
    await page.goto(`${srv.url}/?example=call_later`);
    await page.getByTestId("run").click();
    await ended(page, "ok");
    assert.deepEqual(await outputLines(page), golden("call_later").output);
  } finally {
    await srv.stop();
    await own.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an HTTP runner that fails to load says so, and plain programs still run", async () => {
  const { dir, assets } = await copySite();
  const cases = [
    ["the connection drops mid-download", { broken: new Set([assets.wasm_http]) }, /^Could not load the HTTP runner: .+/],
    ["the file is missing", {}, new RegExp(`^Could not load the HTTP runner: ${assets.wasm_http} answered 404`)],
  ];
  const own = await openBrowser();
  try {
    for (const [what, opts, want] of cases) {
      if (what === "the file is missing") unlinkSync(join(dir, assets.wasm_http));
      const srv = await serveSite(dir, opts);
      try {
        const page = await own.page();
        await page.goto(`${srv.url}/`);
        await setEditorText(page, httpProgram(srv.url));
        await page.getByTestId("run").click();
        assert.equal(await waitRunDone(page, 60_000), "error", what);
        const status = await page.locator('[data-testid="status"] .status-text').textContent();
        assert.match(status ?? "", want, `${what}: the status says which runner failed`);
        assert.doesNotMatch(status ?? "", /crashed|recursion/, what);
        const shown = (await page.getByTestId("output").textContent()) ?? "";
        assert.doesNotMatch(shown, /Could not load the HTTP runner/, `${what}: said once, in the status line: the output is the program's`);
        await page.screenshot({ path: join(artifacts, `http-runner-failed-${what.split(" ").pop()}.png`) });

        // The default runner takes over again for a plain program (not the
        // example shown at load, which now holds the edit above).
        await pickExample(page, "gather_downloads");
        await page.getByTestId("run").click();
        // (The status says the failure until the new run has started.)
        await page.waitForFunction(() => !document.querySelector('[data-testid="status"]')?.textContent?.includes("HTTP runner"));
        await ended(page, "ok"); // a plain program runs after
        assert.deepEqual(await outputLines(page), golden("gather_downloads").output);
        await page.close();
      } finally {
        await srv.stop();
      }
    }
    assert.deepEqual(own.errors, []);
  } finally {
    await own.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
