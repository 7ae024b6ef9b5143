// Where a visitor's cold start goes: a fresh and a returning visit (as in
// coldstart.mjs) with Chromium's tracing on from browser start, then the
// runner worker's thread split into phases and V8's wasm compile work
// summed. The numbers in bench/README.md ("Where a cold start's time goes")
// come from it.
//   node bench/node/coldprofile.mjs BASE_URL [EXAMPLE] [TRACE_DIR]
// TRACE_DIR keeps the two traces (open them in chrome://tracing or
// ui.perfetto.dev); by default they go to a temporary folder, removed after.
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FIRST_OUTPUT, LAUNCH_ARGS, SETTLE_MS } from "./coldstart.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "..", "package.json"));
const { chromium } = require("playwright-core");

const CATEGORIES = [
  "devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.wasm",
  "disabled-by-default-v8.wasm.detailed", "blink.user_timing", "loading", "toplevel",
].join(",");

// Clicks Run as soon as it exists, and marks the first output line.
function probe(FIRST_OUTPUT) {
  if (window.top !== window) return;
  new MutationObserver(() => {
    const run = document.getElementById("run");
    if (run && !window.coldProfileClicked) {
      window.coldProfileClicked = true;
      run.click();
    }
    if (!window.coldProfileFirst && document.querySelector('[data-testid="output"] .out-line')) {
      window.coldProfileFirst = performance.now();
      performance.mark("first output");
      console.info(FIRST_OUTPUT);
    }
  }).observe(document, { childList: true, subtree: true });
}

async function visit(profile, url, traceFile) {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [...LAUNCH_ARGS, `--trace-startup=${CATEGORIES}`, `--trace-startup-file=${traceFile}`, "--trace-startup-duration=0", "--trace-startup-format=json"],
  });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.waitForTimeout(SETTLE_MS); // as coldstart.mjs: a browser already running
    await page.addInitScript(probe, FIRST_OUTPUT);
    // As coldstart.mjs: told by the console, not by polling the page.
    const shown = page.waitForEvent("console", { predicate: (m) => m.text() === FIRST_OUTPUT, timeout: 120_000 });
    await page.goto(url, { waitUntil: "commit" });
    await shown;
    const first = await page.evaluate(() => window.coldProfileFirst);
    // As coldstart.mjs: the visitor stays while the service worker installs.
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 30_000, polling: 250 }).catch(() => {});
    await page.waitForTimeout(3000);
    return first;
  } finally {
    await ctx.close(); // writes the trace
  }
}

/** The runner worker's phases and V8's wasm work, from one visit's trace. */
export function breakdown(traceFile) {
  const events = JSON.parse(fs.readFileSync(traceFile, "utf8")).traceEvents;
  const threads = new Map();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const nav = events.find((e) => e.name === "navigationStart" && JSON.stringify(e.args ?? {}).includes("documentLoaderURL\":\"http"));
  if (!nav) throw new Error(`${traceFile}: no navigation to the playground`);
  const t0 = nav.ts;
  const ms = (us) => Math.round(us / 1000);
  const inPage = events.filter((e) => e.pid === nav.pid && e.ts >= t0);
  const worker = inPage.filter((e) => threads.get(`${e.pid}:${e.tid}`) === "DedicatedWorker thread");
  const sum = (list, name) => ms(list.filter((e) => e.name === name).reduce((s, e) => s + (e.dur ?? 0), 0));
  const first = (name) => worker.find((e) => e.name === name);
  const fetchStart = worker.find((e) => e.name === "ResourceFetcher::requestResource" && /\.wasm$/.test(e.args?.url ?? ""));
  const bytes = worker.filter((e) => e.name === "wasm.OnBytesReceived");
  const finish = first("wasm.FinishStreaming");
  const instantiate = first("wasm.SyncInstantiate");
  const firstOutput = inPage.find((e) => e.name === "first output");
  const cacheEvents = {};
  for (const e of inPage) if (/^v8\.wasm\.(compiledModule|moduleCacheHit|moduleCacheInvalid)/.test(e.name)) cacheEvents[e.name] = (cacheEvents[e.name] ?? 0) + 1;
  const topTier = inPage.filter((e) => e.name === "wasm.TopTierCompilation");
  const topTierEnd = topTier.reduce((m, e) => Math.max(m, e.ts + (e.dur ?? 0)), 0);
  return {
    "worker script runs": ms((worker.find((e) => e.name === "EvaluateScript")?.ts ?? t0) - t0),
    "wasm requested": fetchStart ? ms(fetchStart.ts - t0) : undefined,
    "first bytes": bytes.length ? ms(bytes[0].ts - t0) : undefined,
    "last bytes": bytes.length ? ms(bytes.at(-1).ts - t0) : undefined,
    "streaming decode on the worker thread": sum(worker, "wasm.OnBytesReceived"),
    "finish streaming": finish ? ms(finish.dur) : undefined,
    "instantiated": instantiate ? ms(instantiate.ts + instantiate.dur - t0) : undefined,
    "first output": firstOutput ? ms(firstOutput.ts - t0) : undefined,
    "lazy compiles (Liftoff, on the worker thread)": `${worker.filter((e) => e.name === "wasm.CompileLazy").length} functions, ${sum(worker, "wasm.CompileLazy")} ms`,
    "worker thread busy": sum(worker, "RunTask"),
    "optimizing compiles (TurboFan, background threads)": `${sum(inPage, "wasm.TopTierCompilation")} ms CPU, the last ending at ${topTier.length ? ms(topTierEnd - t0) : "-"}`,
    "page main thread busy": sum(inPage.filter((e) => threads.get(`${e.pid}:${e.tid}`) === "CrRendererMain"), "RunTask"),
    "wasm code cache": cacheEvents,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [base, example = "", keep] = process.argv.slice(2);
  if (!base) {
    console.error("usage: node coldprofile.mjs BASE_URL [EXAMPLE] [TRACE_DIR]");
    process.exit(2);
  }
  const url = base + "/" + (example ? `?example=${encodeURIComponent(example)}` : "");
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "loopscope-coldprofile-"));
  fs.mkdirSync(dir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "loopscope-coldprofile-profile-"));
  try {
    for (const kind of ["fresh", "returning"]) {
      const file = path.join(dir, `${kind}.json`);
      const ms = await visit(profile, url, file);
      console.log(`${kind}: first output ${Math.round(ms)} ms`);
      for (const [k, v] of Object.entries(breakdown(file))) console.log(`  ${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`);
    }
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
