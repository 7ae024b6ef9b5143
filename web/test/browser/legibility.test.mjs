// Issue 14 item 5: what the timeline draws is legible to a newcomer. Every
// check reads the page as drawn (the canvas's own layout, the DOM of the
// legend and tooltip) and each test leaves screenshots in test-artifacts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { base, artifacts, openBrowser, pickExample, runPastColdStart, setEditorText } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const program = (name) => readFileSync(join(here, "testdata", name), "utf8");

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  assert.deepEqual(browser.errors, [], "no page errors");
  await browser.close();
});

/** Runs an example (by name) or a program (a file in testdata); retries a run the cold start cut short. */
async function run(page, what) {
  if (what.endsWith(".go")) {
    if (!page.url().startsWith(base)) await page.goto(`${base}/`);
    await setEditorText(page, program(what));
  } else {
    await page.goto(`${base}/?example=${what}`);
  }
  await runPastColdStart(page);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="timeline"]')?.dataset.events) > 0);
  await page.waitForTimeout(100); // one frame: the canvas is drawn
}

const tl = (page, f, arg) => page.getByTestId("timeline").evaluate((el, [src, a]) => new Function("t", "a", `return (${src})(t, a)`)(el.loopscopeTimeline, a), [f.toString(), arg]);
const shot = (page, name) => page.locator(".timeline-pane").screenshot({ path: join(artifacts, `legible-${name}.png`) });

/** Hovers the item at a client point and returns the tooltip's lines. */
async function hoverTip(page, p) {
  await page.mouse.move(p.x, p.y);
  const tip = page.locator(".tl-tooltip");
  await tip.waitFor({ state: "visible", timeout: 5_000 });
  return tip.locator("div").allTextContents();
}

function overlaps(layout) {
  const bad = [];
  for (const l of layout.labels) {
    if (l.w > l.barW - 4 + 0.5 || l.x < l.barX || l.x + l.w > l.barX + l.barW) bad.push(`"${l.text}" leaves its bar`);
    for (const m of layout.marks) {
      if (m.lane !== l.lane || m.kind === "output") continue;
      if (m.x + 6 > l.x && m.x - 6 < l.x + l.w) bad.push(`"${l.text}" (${l.x.toFixed(0)}–${(l.x + l.w).toFixed(0)}) runs over a ${m.kind} mark at ${m.x.toFixed(0)}`);
    }
    if (l.text !== l.full && !l.text.endsWith("…")) bad.push(`"${l.text}" is cut without an ellipsis`);
  }
  return bad;
}

test("bar labels never run over marks, fit or are cut with an ellipsis, and the tooltip has the whole text", async () => {
  const page = await browser.page();
  let labels = 0;
  for (const what of ["gather_downloads", "lock", "timeouts", "cancel_task", "queue", "taskgroup-abort.go"]) {
    await run(page, what);
    for (const axis of ["step", "time"]) {
      await tl(page, (t, a) => t.setAxis(a), axis);
      for (const zoom of [1, 3]) {
        if (zoom > 1) await tl(page, (t, z) => t.zoomBy(z), zoom);
        await page.waitForTimeout(50);
        const layout = await tl(page, (t) => t.layout());
        labels += layout.labels.length;
        assert.deepEqual(overlaps(layout), [], `${what}, ${axis} axis, zoom ${zoom}`);
        // A cut label's whole text is in its step's tooltip.
        const cut = layout.labels.find((l) => l.text !== l.full);
        if (cut) {
          await tl(page, (t, i) => t.showLane(i), cut.lane);
          const o = (await tl(page, (t) => t.layout())).origin;
          const p = { x: o.x + cut.x + 3, y: o.y + cut.y };
          const tip = (await hoverTip(page, p)).join("\n");
          for (const part of cut.full.split(" · ")) assert.ok(tip.toLowerCase().includes(part.toLowerCase()), `${what}: the tooltip of "${cut.text}" has "${part}": ${tip}`);
          await page.mouse.move(1, 1);
        }
      }
    }
    await shot(page, `labels-${what.replace(/\.go$/, "")}`);
  }
  assert.ok(labels > 20, `${labels} labels checked`);
  await page.close();
});

test("long task names are shortened in the lane column, with the full name on hover", async () => {
  const page = await browser.page();
  await run(page, "many-tasks.go");
  const lanes = await tl(page, (t) => t.currentModel.lanes.map((l) => l.name));
  const i = lanes.indexOf("producer-with-a-rather-long-descriptive-name");
  assert.ok(i > 0);
  await tl(page, (t, k) => t.showLane(k), i);
  const lines = await hoverTip(page, await tl(page, (t, k) => t.laneLabelCenter(k), i));
  assert.equal(lines[0], "Task producer-with-a-rather-long-descriptive-name");
  await page.close();
});

test("the legend lists every kind of mark, wait and arrow the drawing code can make", async () => {
  const page = await browser.page();
  await run(page, "lock");
  const kinds = await tl(page, (t) => t.layout());
  const listed = await page.getByTestId("tl-legend").locator(".tl-legend-all [data-legend]").evaluateAll((els) => els.map((e) => e.dataset.legend));
  const want = ["span:step", "span:callback", ...kinds.waitKinds.map((k) => `wait:${k}`), ...kinds.markKinds.map((k) => `mark:${k}`), ...kinds.arrowKinds.map((k) => `arrow:${k}`)];
  assert.deepEqual(listed.sort(), want.sort());
  // Each entry has words, and each mark entry a glyph drawn in colour.
  // The line always in view names exactly what this run draws.
  const shown = await page.getByTestId("tl-legend").locator(".tl-legend-used [data-legend]").evaluateAll((els) => els.map((e) => e.dataset.legend));
  const drawn = await tl(page, (t) => {
    const m = t.currentModel;
    return [...new Set([...m.spans.map((s) => `span:${s.kind}`), ...m.waits.map((w) => `wait:${w.kind}`), ...m.marks.map((k) => `mark:${k.kind}`), ...m.arrows.map((a) => `arrow:${a.kind}`)])];
  });
  assert.deepEqual(shown.sort(), drawn.sort());
  assert.ok(await page.getByTestId("tl-legend").locator(".tl-legend-used").isVisible());
  await page.getByTestId("tl-legend").getByText("All symbols").click();
  const blank = () => page.getByTestId("tl-legend").locator(".tl-legend-all [data-legend]").evaluateAll((els) =>
    els.filter((e) => !e.textContent.trim() || (e.dataset.legend.startsWith("mark:") && !(() => {
      const c = e.querySelector("canvas");
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
      return false;
    })())).map((e) => e.dataset.legend));
  // The glyphs are painted by the details' toggle event, a task queued after the click: a busy
  // machine ran the read first (CI, once). Wait up to 5 s for them, then say which are blank.
  for (const end = Date.now() + 5_000; (await blank()).length && Date.now() < end; ) await page.waitForTimeout(100);
  assert.deepEqual(await blank(), []);
  for (const k of ["diag", "timer-cancelled", "panic", "block"]) assert.ok(listed.includes(`mark:${k}`), `the legend has ${k}`);
  await page.getByTestId("tl-legend").screenshot({ path: join(artifacts, "legible-legend.png") });
  await page.close();
});

test("tooltips never say a word twice in a row", async () => {
  const page = await browser.page();
  let read = 0;
  for (const what of ["timeouts", "cancel_task", "gather_downloads", "stuck"]) {
    await run(page, what);
    const n = await tl(page, (t) => t.currentModel.marks.length);
    for (let i = 0; i < n; i++) {
      const lines = await tl(page, (t, k) => (t.currentModel.marks[k].kind === "output" ? [] : t.tooltipOf(t.currentModel.marks[k])), i);
      const words = lines.join(" \n ").replace(/\[[^\]]*\]/g, " [value] ").toLowerCase().match(/[\p{L}\p{N}_'-]+/gu) ?? [];
      for (let k = 1; k < words.length; k++) assert.notEqual(words[k], words[k - 1], `${what}: ${JSON.stringify(lines)}`);
      read++;
    }
    // A cancelled mark as a person sees it: hover it.
    const c = await tl(page, (t) => t.currentModel.marks.findIndex((m) => m.kind === "cancelled"));
    if (c >= 0) {
      const tip = await hoverTip(page, await tl(page, (t, k) => t.markCenter(k), c));
      assert.doesNotMatch(tip.join(" "), /\bcancelled:? cancelled\b/i);
      await page.mouse.move(1, 1);
    }
  }
  assert.ok(read > 50);
  await page.close();
});

test("the Steps axis counts steps as the step counter does", async () => {
  const page = await browser.page();
  await run(page, "gather_downloads");
  await tl(page, (t) => t.setAxis("step"));
  await page.waitForTimeout(50);
  const { ticks } = await tl(page, (t) => t.layout());
  assert.ok(ticks.length >= 3, JSON.stringify(ticks));
  const n = Number(await page.getByTestId("timeline").getAttribute("data-spans"));
  for (const tick of ticks) {
    const k = Number(tick.label);
    assert.ok(k >= 1 && k <= n, `tick ${tick.label} is a step number (1–${n})`);
    // The step counter names step k where the axis says k.
    await tl(page, (t, i) => t.goToStep(i), k - 1);
    assert.match(await page.getByTestId("tl-step").innerText(), new RegExp(`^step ${k}/${n} `));
    const at = await tl(page, (t, i) => t.layout().ticks.find((x) => x.label === String(i)), k);
    const bar = await tl(page, (t, i) => { const c = t.spanCenter(i); const r = t.element.querySelector("canvas").getBoundingClientRect(); return c && c.x - r.left; }, k - 1);
    if (at) assert.ok(Math.abs(bar - at.x) <= 7, `step ${k}'s bar starts at its tick (${bar} vs ${at.x})`);
  }
  await tl(page, (t) => t.goToStep(-1));
  await shot(page, "steps-axis-gather");
  await page.close();
});

test("a TaskGroup's abort starts its cancel arrows at the failing task", async () => {
  const page = await browser.page();
  await run(page, "taskgroup-abort.go");
  const m = await tl(page, (t) => {
    const md = t.currentModel;
    return { lanes: md.lanes.map((l) => l.name), arrows: md.arrows.filter((a) => a.kind === "cancel").map((a) => [a.fromLane, a.toLane, a.label]), abort: md.marks.findIndex((k) => k.kind === "abort") };
  });
  const bad = m.lanes.indexOf("bad");
  assert.ok(m.arrows.length >= 3, JSON.stringify(m.arrows));
  for (const [from, , label] of m.arrows) assert.equal(from, bad, label);
  await tl(page, (t, k) => t.showLane(t.currentModel.marks[k].lane), m.abort);
  const tip = await hoverTip(page, await tl(page, (t, k) => t.markCenter(k), m.abort));
  assert.equal(tip[0], "TaskGroup abort");
  assert.match(tip[1], /task "bad" failed: boom/);
  await tl(page, (t) => t.setAxis("time"));
  await shot(page, "taskgroup-abort");
  await page.close();
});

test("after a deadlock: a wait-for arrow from each stuck task to what it waits on; the shutdown's cancellations are one quiet mark", async () => {
  const page = await browser.page();
  await run(page, "wait-chain.go");
  const m = await tl(page, (t) => {
    const md = t.currentModel;
    const exit = md.events.findIndex((e) => e.kind === "loop.exit");
    return {
      lanes: md.lanes.map((l) => l.name),
      waitFor: md.arrows.filter((a) => a.kind === "wait-for").map((a) => [md.lanes[a.fromLane].name, md.lanes[a.toLane].name]),
      stuck: md.marks.map((k, i) => [k, i]).filter(([k]) => k.kind === "stuck").map(([k, i]) => [md.lanes[k.lane].name, k.label, i]),
      loud: md.arrows.filter((a) => a.kind === "cancel" && a.o0 > exit).length + md.marks.filter((k) => k.o > exit && (k.kind === "cancelled" || k.kind === "cancel-request")).length,
      shutdown: md.marks.filter((k) => k.kind === "shutdown").map((k) => k.label),
    };
  });
  assert.deepEqual(m.waitFor.sort(), [["Task-1", "b"], ["b", "a"], ["c", "a"]]);
  assert.deepEqual(m.stuck.map(([n]) => n).sort(), ["Task-1", "a", "b", "c"]);
  assert.match(m.stuck.find(([n]) => n === "c")[1], /c waits on lock "db" \(line \d+\), held by a, which is stuck too/);
  assert.equal(m.loud, 0, "no red cancel arrows or crosses after the loop stopped");
  assert.equal(m.shutdown.length, 1);
  assert.match(m.shutdown[0], /4 tasks still pending \(Task-1, a, b, c\)/);
  assert.match(m.stuck.find(([n]) => n === "a")[1], /a waits on future "reply" \(line \d+\), which nothing will ever complete/);
  await tl(page, (t) => t.showLane(t.currentModel.lanes.findIndex((l) => l.name === "a")));
  const tip = await hoverTip(page, await tl(page, (t, k) => t.markCenter(k), m.stuck.find(([n]) => n === "a")[2]));
  assert.equal(tip[0], "Stuck");
  await page.mouse.move(1, 1);
  await tl(page, (t) => t.setAxis("step"));
  await shot(page, "deadlock-wait-chain");

  await run(page, "stuck");
  const stuck = await tl(page, (t) => t.currentModel.marks.filter((k) => k.kind === "stuck").map((k) => k.label));
  assert.deepEqual(stuck, ['Task-1 waits on future "reply" (line 15), which nothing will ever complete']);
  await shot(page, "deadlock-stuck");
  await page.close();
});

test("wait bands show what each task awaits, explained in the legend and on hover", async () => {
  const page = await browser.page();
  await run(page, "many-tasks.go");
  const kinds = await tl(page, (t) => [...new Set(t.currentModel.waits.map((w) => w.kind))].sort());
  assert.deepEqual(kinds, ["event", "future", "queue", "sleep"]);
  await run(page, "lock");
  const i = await tl(page, (t) => t.currentModel.waits.findIndex((w) => w.kind === "lock"));
  await tl(page, (t) => t.setAxis("step"));
  await tl(page, (t, k) => t.showLane(t.currentModel.waits[k].lane), i);
  await page.waitForTimeout(50);
  const tip = await hoverTip(page, await tl(page, (t, k) => t.waitCenter(k), i));
  assert.deepEqual(tip.slice(0, 2), ["Waiting on a lock or semaphore", 'bob waits for lock "account"']);
  // The band is drawn in the lock colour where the wait is.
  const colour = await page.getByTestId("timeline").evaluate((el, k) => {
    const t = el.loopscopeTimeline;
    const c = el.querySelector("canvas");
    const p = t.waitCenter(k);
    const r = c.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    // Along the band: some pixel has the lock colour (the band is dashed).
    const ctx = c.getContext("2d");
    const want = getComputedStyle(el).getPropertyValue("--tl-sync").trim().toLowerCase();
    for (let dx = -10; dx <= 10; dx++) {
      const [R, G, B] = ctx.getImageData(Math.round((p.x - r.left + dx) * dpr), Math.round((p.y - r.top) * dpr), 1, 1).data;
      if ("#" + [R, G, B].map((v) => v.toString(16).padStart(2, "0")).join("") === want) return want;
    }
    return "none";
  }, i);
  assert.notEqual(colour, "none");
  await page.mouse.move(1, 1);
  await shot(page, "waits-lock");
  await page.close();
});

test("after a run the timeline pane grows to show the run's lanes, keeping three lines of output; a height chosen by hand stays", async () => {
  const page = await browser.page();
  const sizes = () =>
    page.evaluate(() => ({
      pane: document.querySelector(".timeline-pane").getBoundingClientRect().height,
      output: document.querySelector(".output-pane").getBoundingClientRect().height,
    }));
  const hidden = () => tl(page, (t) => t.hiddenLanesPx());
  // At 1280×820 the layout's own pane showed two and a half of the bad
  // download's five lanes; get c.example, the end of its lesson, was below the edge.
  await page.goto(`${base}/?example=blocking_download`);
  const before = await sizes();
  await run(page, "blocking_download");
  assert.equal(await hidden(), 0, "every lane in view");
  const after = await sizes();
  assert.ok(after.pane > before.pane + 40, `the pane grew: ${before.pane} → ${after.pane} px`);
  assert.ok(after.output >= 100, `the output keeps its heading and three lines: ${after.output} px`);
  await page.screenshot({ path: join(artifacts, "legible-fit-blocking.png") });
  await run(page, "gather_downloads");
  assert.equal(await hidden(), 0, "every lane of the gather in view");
  assert.ok((await sizes()).output >= 100);
  await page.screenshot({ path: join(artifacts, "legible-fit-gather.png") });
  // A run of two lanes gives the rows back.
  await run(page, "call_soon");
  assert.equal(await hidden(), 0);
  assert.equal(await page.evaluate(() => document.querySelector(".workspace").style.getPropertyValue("--tl-h")), "", "a short run: the layout's own height");
  // Once the person sizes the pane, runs leave it as they chose.
  const bar = page.getByTestId("timeline-resizer");
  await bar.focus();
  await page.keyboard.press("ArrowDown");
  const chosen = (await sizes()).pane;
  await pickExample(page, "blocking_download");
  await runPastColdStart(page);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="timeline"]')?.dataset.lanes) === 5);
  assert.equal((await sizes()).pane, chosen, "the chosen height stays");
  assert.ok((await hidden()) > 0, "and this run's lanes scroll in it");
  await page.close();
});

test("a run with many tasks: the timeline pane can be made taller, by dragging or by keyboard", async () => {
  const page = await browser.page();
  await run(page, "many-tasks.go");
  const lanes = Number(await page.getByTestId("timeline").getAttribute("data-lanes"));
  assert.ok(lanes >= 12, `${lanes} lanes`);
  const wrap = page.locator(".tl-canvas-wrap");
  const before = await wrap.evaluate((w) => w.clientHeight);
  await page.locator(".timeline-pane").screenshot({ path: join(artifacts, "legible-many-tasks-before.png") });
  const bar = page.getByTestId("timeline-resizer");
  const box = await bar.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y - 250, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(100);
  const dragged = await wrap.evaluate((w) => w.clientHeight);
  assert.ok(dragged >= before + 200, `the lanes' area grew from ${before} to ${dragged} px`);
  await bar.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.waitForTimeout(50);
  const keyed = await wrap.evaluate((w) => w.clientHeight);
  assert.ok(keyed <= dragged - 60, `the down arrow makes it shorter (${dragged} → ${keyed})`);
  assert.equal(await bar.getAttribute("role"), "separator");
  await page.locator(".timeline-pane").screenshot({ path: join(artifacts, "legible-many-tasks-taller.png") });
  await page.close();
});

test("on a touch screen, a tap shows what a hover shows (and says tap, not click)", async () => {
  const phone = await openBrowser({ hasTouch: true, isMobile: true, viewport: { width: 375, height: 740 } });
  try {
    const page = await phone.page();
    await run(page, "lock");
    await page.getByTestId("timeline").scrollIntoViewIfNeeded();
    // On the steps axis, zoomed in as a phone's reader would, so the bars are wide enough to tap.
    await tl(page, (t) => { t.setAxis("step"); t.zoomBy(2.5, 130); });
    await page.waitForTimeout(100);
    // A task step and a timer mark that nothing else covers, each found just before its tap
    // (a tap on a step makes it the current one, which can scroll the view).
    const step = (t) => {
      const md = t.currentModel;
      const s = md.spans.findIndex((x, i) => x.kind === "step" && (() => { t.showLane(x.lane); const p = t.spanCenter(i); return t.itemAt(p.x, p.y) === x; })());
      t.showLane(md.spans[s].lane);
      return { ...t.spanCenter(s), want: t.tooltipOf(md.spans[s], "tap") };
    };
    const timer = (t) => {
      const md = t.currentModel;
      const m = md.marks.findIndex((k, i) => k.kind === "timer" && (() => { t.showLane(k.lane); const p = t.markCenter(i); return t.itemAt(p.x, p.y) === k; })());
      t.showLane(md.marks[m].lane);
      return { ...t.markCenter(m), want: t.tooltipOf(md.marks[m], "tap") };
    };
    for (const find of [step, timer]) {
      const { x, y, want } = await tl(page, find);
      await page.touchscreen.tap(x, y);
      const tip = page.locator(".tl-tooltip");
      await tip.waitFor({ state: "visible", timeout: 5_000 });
      assert.deepEqual(await tip.locator("div").allTextContents(), want);
    }
    await page.locator(".timeline-pane").screenshot({ path: join(artifacts, "legible-touch-tap.png") });
    assert.deepEqual(phone.errors, []);
  } finally {
    await phone.close();
  }
});

test("a run of hundreds of tasks: the canvas is the pane's height, the lanes scroll under the axis row, the pointer finds what is drawn", async () => {
  const page = await browser.page();
  await run(page, "hundreds-of-tasks.go");
  const size = () => page.evaluate(() => {
    const wrap = document.querySelector(".tl-canvas-wrap");
    const c = wrap.querySelector("canvas").getBoundingClientRect();
    return { canvasH: c.height, canvasTop: c.top, wrapH: wrap.clientHeight, wrapTop: wrap.getBoundingClientRect().top, scrollH: wrap.scrollHeight };
  });
  const s = await size();
  assert.equal(await tl(page, (t) => t.currentModel.lanes.length), 402);
  // Drawn: the pane's height, not the 12000 px of every lane (which took seconds, and past 32767 px drew nothing).
  assert.ok(s.canvasH <= s.wrapH + 1 && s.canvasH < 1500, `canvas ${s.canvasH} px in a pane of ${s.wrapH}`);
  assert.ok(s.scrollH > 402 * 30, `every lane scrolls into view: ${s.scrollH} px`);
  // Scroll to the last lanes: the canvas stays put, and the last lane's name is under the pointer at its place.
  await page.locator(".tl-canvas-wrap").evaluate((w) => { w.scrollTop = w.scrollHeight; });
  await page.waitForTimeout(150);
  const after = await size();
  assert.ok(Math.abs(after.canvasTop - after.wrapTop) < 1, "the canvas sticks to the pane's top");
  const last = await tl(page, (t) => t.laneLabelCenter(t.currentModel.lanes.length - 1));
  assert.ok(last.y > after.wrapTop + 24 && last.y < after.wrapTop + after.wrapH, `the last lane (at ${last.y}) is in the pane`);
  const tip = (await hoverTip(page, last)).join("\n");
  assert.match(tip, /\bmain\b/, `the last lane is main's: ${tip}`);
  await page.mouse.move(1, 1);
  // A mark on a lane scrolled into view is found where it is drawn (a mark of that lane: two can share a point).
  const found = await tl(page, (t) => {
    const m = t.currentModel;
    const lane = m.lanes.length - 1;
    const c = t.markCenter(m.marks.findLastIndex((x) => x.lane === lane));
    return { y: c.y, lane, got: t.itemAt(c.x, c.y)?.lane };
  });
  assert.ok(found.got === found.lane && found.y > after.wrapTop + 24 && found.y < after.wrapTop + after.wrapH, JSON.stringify(found));
  await shot(page, "many-tasks-scrolled");
  await page.close();
});
