// A visitor's cold start of the playground, in real Chromium profiles:
// navigation to the first output line of an example, with Run clicked the
// moment the button exists (it is in the page's HTML; runner-boot.ts notes a
// click made before the bundle has loaded). "fresh" is a new profile (empty
// HTTP cache, code cache and service worker); "returning" is the same
// profile opened again after the first visit ended. "edited" changes the
// example by one character in a comment (through the editor, as typing
// does) before clicking Run: the first run of a program that is no
// unchanged example, which the interpreter's runner runs (the page starts
// loading it at the edit).
//
// Each visit starts from a browser that has been running for SETTLE_MS, as
// a visitor's browser has: Chromium's own start-up work (its browser UI's
// WebUI renderers, about 2 s of CPU on this 2-core machine) would otherwise
// compete with the page for the CPU. The profile is still new: the HTTP
// cache, the code cache and the service workers are empty. A visit made the
// moment the browser launched is kept as a reference (atLaunch).
//
// Used by playground.mjs (make bench); alone, it prints each visit's phases:
//   node bench/node/coldstart.mjs BASE_URL [EXAMPLE] [ROUNDS] [edited|launch]
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "..", "package.json"));
const { chromium } = require("playwright-core");

export const SETTLE_MS = 3000;
export const FIRST_OUTPUT = "loopscope-bench: first output";

export const LAUNCH_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// Runs in the page before its own scripts: clicks Run as soon as it is
// parsed, and marks (performance.now, from navigation start) when the
// runner's worker reports each phase and when the first output line shows.
function probe({ edit, FIRST_OUTPUT }) {
  if (window.top !== window) return;
  const t = (window.loopscopeColdStart = { marks: {} });
  const mark = (k) => {
    if (t.marks[k] === undefined) t.marks[k] = performance.now();
  };
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(url, opts) {
      super(url, opts);
      mark("worker");
      this.addEventListener("message", (e) => {
        const m = e.data;
        if (m?.type === "downloading") mark("response");
        else if (m?.type === "compiled") mark("instantiated");
        else if (m?.type === "ready") {
          mark("ready");
          t.runnerMs = m.ms;
        } else if (m?.type === "stream") mark("streamed");
      });
    }
  };
  new MutationObserver(() => {
    const run = document.getElementById("run");
    if (edit && !t.edited) {
      // The example on show, once the page has put it in the editor.
      const ed = document.querySelector('[data-testid="editor"]')?.loopscopeEditor;
      const text = ed?.text ?? "";
      if (!text) return;
      t.edited = true;
      mark("edit");
      const i = text.indexOf("// ");
      const at = i >= 0 ? i + 3 : text.length;
      ed.view.dispatch({ changes: { from: at, insert: i >= 0 ? "x" : "//" }, userEvent: "input" });
    }
    if (run && !t.clicked) {
      t.clicked = true;
      mark("click");
      run.click();
    }
    if (t.marks.firstOutput === undefined && document.querySelector('[data-testid="output"] .out-line')) {
      mark("firstOutput");
      console.info(FIRST_OUTPUT);
    }
  }).observe(document, { childList: true, subtree: true });
}

async function visit(context, url, edit = false, settleMs = SETTLE_MS) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.waitForTimeout(settleMs);
  await page.addInitScript(probe, { edit, FIRST_OUTPUT });
  // Told by a console message, not by polling the page: Playwright's
  // waitForFunction injects its 330 KB helper script into the page at the
  // start of the visit, on the main thread the page needs to start its
  // runner (45 ms, traced).
  const shown = page.waitForEvent("console", { predicate: (m) => m.text() === FIRST_OUTPUT, timeout: 90_000 });
  await page.goto(url, { waitUntil: "commit" });
  await shown;
  const t = await page.evaluate(() => window.loopscopeColdStart);
  const output = await page.locator('[data-testid="output"] .out-line').first().textContent();
  // A visitor reads the output for a while: the site's service worker
  // installs after the first run (up to 30 s here), and Chromium writes the
  // compiled runner to its code cache once its optimizing compiler has been
  // idle for 2 s.
  await page
    .waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 30_000, polling: 250 })
    .catch(() => {});
  await page.waitForTimeout(3000);
  await page.close();
  return { ms: t.marks.firstOutput, marks: t.marks, runnerMs: t.runnerMs, output };
}

/**
 * Cold starts of the playground at url (e.g. BASE/?example=NAME): rounds
 * pairs of a fresh visit and a returning one, each in a browser of its own;
 * atLaunch navigates the moment the browser has started.
 */
export async function coldStarts(url, rounds, { edited = false, atLaunch = false } = {}) {
  const fresh = [];
  const returning = [];
  for (let i = 0; i < rounds; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loopscope-coldstart-"));
    try {
      // An edited visit is measured fresh only.
      for (const into of edited ? [fresh] : [fresh, returning]) {
        const ctx = await chromium.launchPersistentContext(dir, { executablePath: "/usr/bin/chromium", headless: true, args: LAUNCH_ARGS });
        try {
          into.push(await visit(ctx, url, edited, atLaunch ? 0 : SETTLE_MS));
        } finally {
          await ctx.close();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return { fresh, returning };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** One visit's phases in words, ms from navigation start. */
export function phases(v) {
  const m = v.marks;
  const f = (x) => (x === undefined ? "-" : Math.round(x));
  return `${m.edit === undefined ? "" : `edit ${f(m.edit)} `}worker ${f(m.worker)} response ${f(m.response)} instantiated ${f(m.instantiated)} ready ${f(m.ready)} click ${f(m.click)} streamed ${f(m.streamed)} first output ${f(m.firstOutput)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [base, example = "", rounds = "3", mode = ""] = process.argv.slice(2);
  const edited = mode === "edited";
  if (!base) {
    console.error("usage: node coldstart.mjs BASE_URL [EXAMPLE] [ROUNDS] [edited|launch]");
    process.exit(2);
  }
  const url = base + "/" + (example ? `?example=${encodeURIComponent(example)}` : "");
  const r = await coldStarts(url, Number(rounds), { edited, atLaunch: mode === "launch" });
  for (const kind of edited ? ["fresh"] : ["fresh", "returning"]) {
    for (const v of r[kind]) console.log(`${kind.padEnd(9)} ${Math.round(v.ms)} ms: ${phases(v)} (${JSON.stringify(v.output)})`);
    console.log(`${kind} median ${Math.round(median(r[kind].map((v) => v.ms)))} ms`);
  }
}
