import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
const src = readFileSync("/tmp/trace1500.go", "utf8");
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
const page = await b.newPage({ viewport: { width: 1280, height: 820 } });
await page.goto(`${process.argv[2]}/?example=call_soon`);
await page.waitForFunction(() => document.querySelector('[data-testid="editor"]')?.loopscopeEditor, null, { polling: 50 });
await page.evaluate((t) => { const ed = document.querySelector('[data-testid="editor"]').loopscopeEditor; ed.view.dispatch({ changes: { from: 0, to: ed.view.state.doc.length, insert: t } }); }, src);
await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "ready", null, { polling: 50, timeout: 60000 });
await page.getByTestId("run").click();
await page.waitForFunction(() => ["ok", "error"].includes(document.querySelector('[data-testid="status"]')?.dataset.state), null, { polling: 20, timeout: 120000 });
console.log(await page.evaluate(() => {
  const count = (sel) => document.querySelectorAll(sel).length;
  const out = { all: count("*") };
  for (const el of document.querySelectorAll("body *")) {
    const n = el.querySelectorAll("*").length;
    if (n > 1000 && [...el.children].every((c) => c.querySelectorAll("*").length < n * 0.9)) out[`${el.tagName}.${el.className}`.slice(0, 60)] = n;
  }
  return out;
}));
await page.screenshot({ path: "/tmp/big-after.png" });
await b.close();
