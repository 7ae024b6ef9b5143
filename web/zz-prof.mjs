// scratch: CPU profile of the page's main thread over a 1500-task run and its showing
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync } from "node:fs";
const src = readFileSync("/tmp/trace1500.go", "utf8");
const url = process.argv[2];
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
const page = await b.newPage({ viewport: { width: 1280, height: 820 } });
await page.goto(`${url}/?example=call_soon`);
await page.waitForFunction(() => document.querySelector('[data-testid="editor"]')?.loopscopeEditor, null, { polling: 50 });
await page.evaluate((t) => { const ed = document.querySelector('[data-testid="editor"]').loopscopeEditor; ed.view.dispatch({ changes: { from: 0, to: ed.view.state.doc.length, insert: t } }); }, src);
await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "ready", null, { polling: 50, timeout: 60000 });
const done = async () => { await page.waitForFunction(() => ["ok", "error"].includes(document.querySelector('[data-testid="status"]')?.dataset.state), null, { polling: 20, timeout: 120000 }); await page.evaluate(() => (document.querySelector('[data-testid="status"]').dataset.state = "x")); };
await page.getByTestId("run").click(); await done();
const cdp = await page.context().newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
await cdp.send("Profiler.start");
await page.getByTestId("run").click(); await done();
const { profile } = await cdp.send("Profiler.stop");
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; let total = 0;
for (let i = 0; i < profile.samples.length; i++) { const n = byId.get(profile.samples[i]); const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + dt[i]); total += dt[i]; }
console.log("total ms", (total / 1000).toFixed(0));
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / 1000).toFixed(0).padStart(6), k);
writeFileSync("/tmp/page.cpuprofile", JSON.stringify(profile));
await b.close();
