// scratch: a run of 1500 tasks in the playground: click → status, and the run's own ms
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
const src = readFileSync("/tmp/trace1500.go", "utf8");
const url = process.argv[2];
for (let r = 0; r < 3; r++) {
  const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
  const page = await b.newPage({ viewport: { width: 1280, height: 820 } });
  await page.goto(`${url}/?example=call_soon`);
  await page.waitForFunction(() => document.querySelector('[data-testid="editor"]')?.loopscopeEditor, null, { polling: 50 });
  await page.evaluate((t) => { const ed = document.querySelector('[data-testid="editor"]').loopscopeEditor; ed.view.dispatch({ changes: { from: 0, to: ed.view.state.doc.length, insert: t } }); }, src);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "ready", null, { polling: 50, timeout: 60000 });
  // warm run first (the runner's first run compiles as it goes)
  for (const k of ["first", "second"]) {
    const t0 = Date.now();
    await page.getByTestId("run").click();
    await page.waitForFunction(() => ["ok", "error"].includes(document.querySelector('[data-testid="status"]')?.dataset.state), null, { polling: 20, timeout: 120000 });
    const all = Date.now() - t0;
    const extra = await page.locator(".status-extra").textContent();
    const runMs = Number(/^([\d.]+) ms/.exec(extra)[1]);
    console.log(k, "click→shown", all, "ms; run", runMs, "ms; after the run", all - runMs, "ms", extra);
    await page.evaluate(() => (document.querySelector('[data-testid="status"]').dataset.state = "x"));
  }
  await b.close();
}
