// A failed run's status line on a phone: it was cut with an ellipsis at
// 390 px ("Failed: Task exception was ne…"), and it is the one place that
// names the failure beside the Run button. All of it must be readable;
// on a desktop it stays one line.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { base, artifacts, openBrowser, setEditorText, waitRunDone } from "./harness.mjs";

const LOST_ERROR = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "testdata", "lost-error.go"), "utf8");

const PANIC = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("about to fail")\n\tvar m map[string]int\n\tm["x"] = 1\n}\n';

const PHONE = { width: 390, height: 844 };

let browser;
before(async () => {
  browser = await openBrowser({ viewport: PHONE, hasTouch: true, isMobile: true });
});
after(async () => {
  await browser?.close();
});

/** Where the status text is, and whether any of it is hidden. */
function measure(page) {
  return page.getByTestId("status").evaluate((el) => {
    const t = el.querySelector(".status-text");
    const r = t.getBoundingClientRect();
    const x = el.querySelector(".status-extra").getBoundingClientRect();
    const d = el.querySelector(".status-dot").getBoundingClientRect();
    const row = el.getBoundingClientRect();
    const line = parseFloat(getComputedStyle(t).lineHeight);
    return {
      // The dot's middle, from the middle of the text's first line, and of the row.
      dotOffLine: (d.top + d.bottom) / 2 - (r.top + line / 2),
      dotOffRow: (d.top + d.bottom) / 2 - (row.top + row.bottom) / 2,
      text: t.textContent,
      clipped: t.scrollWidth > t.clientWidth || t.scrollHeight > t.clientHeight,
      left: r.left, right: r.right, extraRight: x.right, extraLeft: x.left,
      height: el.getBoundingClientRect().height,
      viewport: document.documentElement.clientWidth,
      pageWidth: document.documentElement.scrollWidth,
    };
  });
}

for (const c of [
  { name: "lost-error", source: LOST_ERROR, status: "Failed: Task exception was never retrieved", wraps: true },
  { name: "panic", source: PANIC, status: "Failed: panic at main.go:8", wraps: false },
]) {
  test(`at 390 px a failed run's status is shown whole (${c.name}); on a desktop it is one line`, async () => {
    const page = await browser.page();
    await page.goto(`${base}/`);
    await setEditorText(page, c.source);
    await page.getByTestId("run").click();
    assert.equal(await waitRunDone(page, 120_000), "error");
    const m = await measure(page);
    assert.equal(m.text, c.status);
    assert.ok(!m.clipped, `the status text is not cut: ${JSON.stringify(m)}`);
    assert.ok(m.left >= 0 && m.right <= m.viewport, `the status text is inside the screen: ${JSON.stringify(m)}`);
    assert.ok(m.extraRight <= m.viewport && m.extraLeft >= m.right, `the timing beside it is on screen, after it: ${JSON.stringify(m)}`);
    assert.ok(m.pageWidth <= PHONE.width, `the page does not scroll sideways (${m.pageWidth} px)`);
    // Wrapped, the dot stays beside the first words, not between the lines.
    assert.equal(m.height > 30, c.wraps, `the status takes ${c.wraps ? "two lines" : "one line"}: ${JSON.stringify(m)}`);
    assert.ok(Math.abs(m.dotOffLine) <= 1.5, `the dot is beside the first line: ${JSON.stringify(m)}`);
    await page.screenshot({ path: join(artifacts, `phone-status-${c.name}.png`), clip: { x: 0, y: 0, width: PHONE.width, height: 240 } });
    // A desktop's row has room: still one line, as before.
    await page.setViewportSize({ width: 1280, height: 820 });
    const d = await measure(page);
    assert.ok(!d.clipped && d.height <= 28, `on a desktop the status is one line: ${JSON.stringify(d)}`);
    assert.ok(Math.abs(d.dotOffRow) <= 1.5 && Math.abs(d.dotOffLine) <= 1.5, `on one line the dot is in the row's middle, beside the text: ${JSON.stringify(d)}`);
    await page.getByTestId("status").screenshot({ path: join(artifacts, `desktop-status-${c.name}.png`) });
    await page.close();
  });
}
