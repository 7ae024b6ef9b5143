// Issue 14 item 6: the timeline and the panels beside it (narration, loop
// state, task table, warnings) at 375 px wide, in light and dark, and by
// keyboard alone. Screenshots of each in test-artifacts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { base, artifacts, openBrowser, runPastColdStart } from "./harness.mjs";

async function runExample(page, name) {
  await page.goto(`${base}/?example=${name}`);
  await runPastColdStart(page);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="timeline"]')?.dataset.events) > 0);
}

/** WCAG contrast of each element's text against what is behind it (its first ancestor with a background). */
function contrasts(page, selectors) {
  return page.evaluate((sels) => {
    const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const bgOf = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out = [];
    for (const sel of sels) {
      for (const el of document.querySelectorAll(sel)) {
        if (!el.textContent.trim() || !el.getClientRects().length) continue;
        const a = lum(rgb(getComputedStyle(el).color).slice(0, 3));
        const b = lum(bgOf(el));
        out.push({ sel, text: el.textContent.trim().slice(0, 40), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) });
      }
    }
    return out;
  }, selectors);
}

const PANEL_TEXT = [".tl-narration", ".sp-head", ".sp-section h3", ".sp-list li", ".sp-table th", ".sp-table td", ".tl-legend li", ".tl-legend summary", ".tl-stepinfo", ".sp-tab"];
const WARNING_TEXT = [".wn-head", ".wn-title", ".wn-where", ".wn-text", ".wn-advice"];

for (const scheme of ["light", "dark"]) {
  test(`at 375 px in ${scheme}: timeline, narration, loop state, task table and warnings fit and read well`, async () => {
    const b = await openBrowser({ viewport: { width: 375, height: 760 }, colorScheme: scheme, hasTouch: true, isMobile: true });
    try {
      const page = await b.page();
      await runExample(page, "lock");
      const timeline = page.getByTestId("timeline");
      await timeline.evaluate((el) => el.loopscopeTimeline.goToStep(3));
      await timeline.scrollIntoViewIfNeeded();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `the page does not scroll sideways (${width} px wide)`);
      const boxes = async (ids) => {
        const out = {};
        for (const id of ids) {
          const l = page.getByTestId(id);
          if (!(await l.count())) continue;
          out[id] = await l.evaluate((e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, w: r.width, h: r.height, visible: !!e.getClientRects().length }; });
        }
        return out;
      };
      const seen = await boxes(["timeline", "narration", "loop-state", "tl-legend", "warnings"]);
      for (const [id, r] of Object.entries(seen)) {
        if (!r.visible) continue;
        assert.ok(r.left >= -0.5 && r.right <= 375.5, `${id} fits the width: ${JSON.stringify(r)}`);
      }
      for (const id of ["timeline", "narration", "loop-state"]) assert.ok(seen[id]?.visible && seen[id].h > 20, `${id} shows`);
      // The canvas shows lanes, not a sliver.
      const wrap = await page.locator(".tl-canvas-wrap").evaluate((w) => ({ h: w.clientHeight, w: w.clientWidth }));
      assert.ok(wrap.h >= 120 && wrap.w >= 340, `the lanes have room: ${JSON.stringify(wrap)}`);
      assert.match(await page.getByTestId("narration").innerText(), /alice|bob/, "the narration tells step 4");
      await page.screenshot({ path: join(artifacts, `phone-${scheme}-page.png`), fullPage: true });
      await page.locator(".timeline-pane").screenshot({ path: join(artifacts, `phone-${scheme}-timeline.png`) });

      // The task table: its box fits; a wide table scrolls inside it, not the page.
      await page.getByTestId("tab-tasks").click();
      const table = await boxes(["task-table"]);
      assert.ok(table["task-table"].right <= 375.5, JSON.stringify(table));
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 375);
      await page.locator(".timeline-pane").screenshot({ path: join(artifacts, `phone-${scheme}-task-table.png`) });

      // Text stays readable against its background (WCAG AA: 4.5).
      const low = (await contrasts(page, PANEL_TEXT)).filter((c) => c.ratio < 4.5);
      await page.getByTestId("tab-state").click();
      low.push(...(await contrasts(page, PANEL_TEXT)).filter((c) => c.ratio < 4.5));
      assert.deepEqual(low, [], "low contrast text");
      // The canvas is drawn in this scheme's colours.
      const bg = await timeline.evaluate((el) => {
        const c = el.querySelector("canvas");
        const [r, g, b2] = c.getContext("2d").getImageData(c.width - 3, c.height - 3, 1, 1).data;
        return { pixel: "#" + [r, g, b2].map((v) => v.toString(16).padStart(2, "0")).join(""), want: [getComputedStyle(el).getPropertyValue("--tl-bg").trim().toLowerCase(), getComputedStyle(el).getPropertyValue("--tl-laneAlt").trim().toLowerCase()] };
      });
      assert.ok(bg.want.includes(bg.pixel), `the canvas's background is the ${scheme} one: ${JSON.stringify(bg)}`);
      if (scheme === "dark") assert.notEqual(bg.pixel, "#ffffff");
      // The words on the bars read well on both kinds of bar.
      const bars = await timeline.evaluate((el) => {
        const v = (n) => getComputedStyle(el).getPropertyValue(`--tl-${n}`).trim();
        const lum = (hex) => {
          const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
        return { step: ratio(v("label"), v("step")), callback: ratio(v("label"), v("callback")) };
      });
      assert.ok(bars.step >= 4.5 && bars.callback >= 4.5, `bar labels' contrast in ${scheme}: ${JSON.stringify(bars)}`);

      // The warnings panel: the stuck example warns that its task waits on something nothing can complete.
      await runExample(page, "stuck");
      const warnings = page.getByTestId("warnings");
      await warnings.waitFor({ state: "visible" });
      await warnings.scrollIntoViewIfNeeded();
      const wbox = await warnings.evaluate((e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, h: r.height }; });
      assert.ok(wbox.left >= -0.5 && wbox.right <= 375.5 && wbox.h > 30, `the warnings panel fits the width: ${JSON.stringify(wbox)}`);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 375);
      await warnings.locator(".wn-item").first().click();
      const wlow = (await contrasts(page, WARNING_TEXT)).filter((c) => c.ratio < 4.5);
      assert.deepEqual(wlow, [], "low contrast text in the warnings panel");
      assert.ok((await contrasts(page, WARNING_TEXT)).length >= 3, "the warning's text was read");
      await page.locator(".timeline-pane").screenshot({ path: join(artifacts, `phone-${scheme}-warnings.png`) });
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });
}

test("by keyboard: Tab reaches the timeline and its panels, arrow keys step the playback, focus is always visible", async () => {
  const b = await openBrowser({ viewport: { width: 1280, height: 860 } });
  try {
    const page = await b.page();
    await runExample(page, "lock");
    const n = Number(await page.getByTestId("timeline").getAttribute("data-spans"));
    await page.evaluate(() => document.activeElement?.blur());
    const reached = [];
    const invisible = [];
    for (let i = 0; i < 80; i++) {
      if (await page.evaluate(() => !!document.activeElement?.closest(".cm-editor"))) await page.keyboard.press("Escape");
      await page.keyboard.press("Tab");
      const f = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        const ring = (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 1) || (cs.boxShadow !== "none" && cs.boxShadow !== "");
        const where = el.closest("[data-testid]")?.getAttribute("data-testid") ?? "";
        return { where, what: `${el.tagName.toLowerCase()}${el.getAttribute("role") ? `[role=${el.getAttribute("role")}]` : ""}${el.dataset.testid ? `#${el.dataset.testid}` : ""} ${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 30)}`, ring, inTimeline: !!el.closest('[data-testid="timeline"]') || !!el.closest(".timeline-pane") };
      });
      if (!f) continue;
      reached.push(f);
      if (f.inTimeline && !f.ring) invisible.push(f.what);
    }
    const where = new Set(reached.map((r) => r.where));
    // The panel's tabs are one Tab stop (the chosen tab); the arrow keys move between them (below).
    for (const id of ["timeline", "tl-prev", "tl-next", "tl-play", "tab-state", "loop-state", "tl-legend", "timeline-resizer"]) assert.ok(where.has(id), `Tab reaches ${id} (reached: ${[...where].join(", ")})`);
    assert.deepEqual(invisible, [], "every focused control in the timeline shows a focus ring");

    // Arrow keys on the canvas step the playback.
    const canvas = page.getByRole("img", { name: /Timeline of the run/ });
    await canvas.focus();
    for (let i = 1; i <= 3; i++) {
      await page.keyboard.press("ArrowRight");
      assert.match(await page.getByTestId("tl-step").innerText(), new RegExp(`^step ${i}/${n} `));
    }
    await page.keyboard.press("ArrowLeft");
    assert.match(await page.getByTestId("tl-step").innerText(), new RegExp(`^step 2/${n} `));
    await page.keyboard.press("End");
    assert.match(await page.getByTestId("tl-step").innerText(), new RegExp(`^step ${n}/${n} `));
    // And on the playback buttons too (where a keyboard user arrives first).
    await page.getByTestId("tl-prev").focus();
    await page.keyboard.press("ArrowLeft");
    assert.match(await page.getByTestId("tl-step").innerText(), new RegExp(`^step ${n - 1}/${n} `));
    // The panel's tabs follow the arrow keys, as tabs do.
    await page.getByTestId("tab-state").focus();
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.getByTestId("tab-tasks").getAttribute("aria-selected"), "true");
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "tab-tasks");
    await page.getByTestId("task-table").locator("tbody tr").nth(1).focus();
    await page.keyboard.press("Enter");
    assert.ok(await page.getByTestId("timeline").getAttribute("data-lane-chosen"), "Enter on a focused row chooses its task");
    await page.locator(".timeline-pane").screenshot({ path: join(artifacts, "keyboard-focus.png") });

    // A run with a warning: Tab reaches it, with a ring, and Enter chooses it.
    await runExample(page, "stuck");
    await page.getByTestId("tl-next").focus();
    let onWarning = false;
    for (let i = 0; i < 15 && !onWarning; i++) {
      await page.keyboard.press("Tab");
      onWarning = await page.evaluate(() => !!document.activeElement?.closest('[data-testid="warnings"]'));
    }
    assert.ok(onWarning, "Tab reaches the warnings");
    const ring = await page.evaluate(() => { const cs = getComputedStyle(document.activeElement); return cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 1; });
    assert.ok(ring, "the focused warning shows a focus ring");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
