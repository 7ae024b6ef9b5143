// Shared by the browser tests: a fresh headless Chromium (playwright-core
// driving /usr/bin/chromium) against the site at LOOPSCOPE_URL, which
// run.mjs serves with `go run ./build -serve` on a random loopback port.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const base = process.env.LOOPSCOPE_URL ?? "";
if (!base) throw new Error("LOOPSCOPE_URL is not set: run the browser tests through web/test/browser/run.mjs");

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, "..", "..", "..");
export const artifacts = join(repo, "test-artifacts");
mkdirSync(artifacts, { recursive: true });

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/**
 * A browser with a fresh profile; close() removes it. The playground keeps
 * edits in localStorage; unless keepEdits is set, every page load starts
 * without them, so one test's edit of an example never shows in another.
 */
export async function openBrowser({ keepEdits = false, ...opts } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "loopscope-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 820 },
    colorScheme: "light",
    ...opts,
  });
  if (!keepEdits) {
    await context.addInitScript(() => {
      try {
        for (const k of Object.keys(localStorage)) if (k.startsWith("loopscope:edit:")) localStorage.removeItem(k);
      } catch {
        // no storage on this page
      }
    });
  }
  const errors = [];
  context.on("page", (p) => p.on("pageerror", (e) => errors.push(e.message)));
  context.on("page", pollOnTimer);
  for (const p of context.pages()) pollOnTimer(p);
  return {
    context,
    errors,
    async page() {
      const p = await context.newPage();
      p.on("pageerror", (e) => errors.push(e.message));
      return p;
    },
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Playwright's waitForFunction checks its condition on the page's animation
 * frames unless told otherwise, and a busy machine can starve a page of
 * frames for as long as a test waits: the wait times out with nothing wrong
 * on the page (a known flake of browser tests, and the likeliest cause of
 * the one run CI saw "hang" for 120 s, which 200 runs here did not repeat).
 * Every page's waits check on a timer instead.
 */
const POLL_MS = 100;
function pollOnTimer(page) {
  const wait = page.waitForFunction.bind(page);
  page.waitForFunction = (fn, arg, opts) => wait(fn, arg, { polling: POLL_MS, ...opts });
}

/** Waits until the status bar reports a finished run; returns its state. */
export async function waitRunDone(page, timeout = 30_000) {
  const status = page.getByTestId("status");
  try {
    await page.waitForFunction(
      () => ["ok", "error", "failed"].includes(document.querySelector('[data-testid="status"]')?.dataset.state ?? ""),
      null,
      { timeout },
    );
  } catch (e) {
    throw new Error(`${e.message}\n${await whereStuck(page)}`);
  }
  return status.getAttribute("data-state");
}

/**
 * What a page that never finished its run shows, for the failure's message
 * (a run that hangs once in a hundred CI runs must say where it hung), and
 * a screenshot of it.
 */
export async function whereStuck(page) {
  const name = `stuck-run-${Date.now()}.png`;
  await page.screenshot({ path: join(artifacts, name) }).catch(() => {});
  const seen = await page
    .evaluate(() => {
      const text = (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? "(none)";
      return {
        status: `${document.querySelector('[data-testid="status"]')?.dataset.state}: ${text("status")}`,
        output: text("output").slice(0, 2000),
        runner: document.querySelector('[data-testid="status"]')?.loopscopeRunner?.().join("\n") ?? "(no runner log)",
      };
    })
    .catch((err) => ({ status: `page unreadable: ${err.message}`, output: "", runner: "" }));
  return `status: ${seen.status}\noutput: ${seen.output}\nrunner: ${seen.runner}\nscreenshot: test-artifacts/${name}`;
}

/**
 * Clicks Run and waits for the run to end. On a shared, busy machine the
 * runner's first load can outlast the run's wall limit: that is the cold
 * start, not what a test checks, so such a run is tried again (up to three
 * times; the runner is loaded by then). Returns the final state and status.
 */
export async function runPastColdStart(page) {
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId("run").click();
    const state = await waitRunDone(page, 120_000);
    const status = await page.getByTestId("status").innerText();
    if (state !== "ok" && /(Stopped after \d+ s|still running after \d+s) of real time/.test(status) && attempt < 3) continue;
    return { state, status };
  }
}

/** Replaces the editor's text the way a person would: select all, type. */
export async function setEditorText(page, text) {
  await page.evaluate((t) => {
    const ed = document.querySelector('[data-testid="editor"]')?.loopscopeEditor;
    if (ed) ed.view.dispatch({ changes: { from: 0, to: ed.view.state.doc.length, insert: t }, userEvent: "input" });
  }, text);
  const got = await editorText(page);
  if (got !== text) {
    // No handle on the view: type it instead.
    await page.locator('[data-testid="editor"] .cm-content').click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(text);
  }
}

export async function editorText(page) {
  return page.evaluate(() => document.querySelector('[data-testid="editor"]')?.loopscopeEditor?.text ?? null);
}

/** Chooses an example in the picker, as a person would. */
export async function pickExample(page, name) {
  await page.getByTestId("example-picker").click();
  await page.locator(`[data-testid="example-list"] [role="option"][data-name="${name}"]`).click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="example-picker"]')?.dataset.value === n, name);
}

export async function outputLines(page) {
  return page.locator('[data-testid="output"] .out-line').allTextContents();
}

/** The expected result of an example, from the runner's golden file. */
export function golden(name) {
  const text = readFileSync(join(repo, "wasm", "runner", "testdata", "golden", `${name}.golden`), "utf8");
  const outcome = /^outcome: (.*)$/m.exec(text)?.[1];
  const outSection = text.split("--- output\n")[1]?.split("--- trace\n")[0] ?? "";
  const output = outSection.split("\n").filter(Boolean).map((l) => l.replace(/^\[in \d+, seq \d+\] /, ""));
  const trace = JSON.parse(text.split("--- trace\n")[1] ?? "[]");
  return { outcome, output, trace };
}
