// The lesson comes first: each example's whole explanation beside it at
// desktop and phone widths, the picker as the guide's learning path, each
// example opening on the view that shows its lesson, edits kept across
// reloads and never lost by choosing another example.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { base, artifacts, openBrowser, waitRunDone, setEditorText, editorText, pickExample } from "./harness.mjs";

let browser;
let examples;
// The Go page's picker lists Go's examples (Python's: python-mode.test.mjs).
const goExamples = () => examples.filter((e) => (e.lang ?? "go") === "go");

before(async () => {
  // Edits are what these tests are about: keep them between page loads.
  browser = await openBrowser({ keepEdits: true });
  examples = await (await fetch(`${base}/examples.json`)).json();
});

after(async () => {
  await browser?.close();
});

const words = (s) => s.replace(/`/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\s+/g, " ").trim();

/** Is el wholly inside the viewport once the page is scrolled to it, and not cut by its own box? */
async function wholeAndUnclipped(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    let clipped = el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowY === "visible" && s.overflowX === "visible") continue;
      const pr = p.getBoundingClientRect();
      if (r.top < pr.top - 1 || r.bottom > pr.bottom + 1) clipped = true;
    }
    return { clipped, height: r.height, top: r.top, bottom: r.bottom, width: r.width, viewport: innerHeight };
  });
}

for (const [width, height] of [[1400, 900], [375, 812]]) {
  test(`each example's whole explanation is visible beside it at ${width} px`, async () => {
    const page = await browser.page();
    await page.setViewportSize({ width, height });
    for (const ex of examples) {
      await page.goto(`${base}/?example=${ex.name}`);
      const text = page.getByTestId("lesson-text");
      await text.waitFor();
      assert.equal(await page.getByTestId("lesson-title").textContent(), ex.title, `${ex.name}: title`);
      assert.equal(words(await text.innerText()), words(ex.description), `${ex.name}: the whole explanation, not a line of it`);
      const box = await wholeAndUnclipped(page.getByTestId("lesson"));
      assert.equal(box.clipped, false, `${ex.name} at ${width} px: nothing of the lesson is cut off (${JSON.stringify(box)})`);
      assert.ok(box.top >= 0 && box.bottom <= box.viewport, `${ex.name} at ${width} px: the lesson is on screen when the page opens (${JSON.stringify(box)})`);
      // Beside the program: on a desktop, next to the editor; on a phone, right above it.
      const ed = await page.getByTestId("editor").boundingBox();
      const ls = await page.getByTestId("lesson").boundingBox();
      if (width > 760) assert.ok(ls.x >= ed.x + ed.width - 2 && ls.y < ed.y + ed.height, `${ex.name}: the lesson is to the right of the editor`);
      else assert.ok(ls.y + ls.height <= ed.y + 2, `${ex.name}: the lesson is above the editor`);
      if (["gather_downloads", "blocking_download", "queue"].includes(ex.name)) {
        await page.screenshot({ path: join(artifacts, `lesson-${ex.name}-${width}.png`) });
      }
    }
    await page.close();
  });
}

test("the picker is the guide's learning path: its chapters and sections in order, a short line each", async () => {
  // The guide's order: the docs index lists the chapters; each page lists its sections.
  const index = await (await fetch(`${base}/docs/`)).text();
  const chapters = [...index.matchAll(/<li><a href="(\/docs\/[^"]+\/)">/g)].map((m) => m[1]);
  assert.ok(chapters.length >= 9, `the docs index lists the chapters (${chapters.length})`);
  const sectionsOf = new Map();
  for (const url of chapters) {
    const html = await (await fetch(base + url)).text();
    sectionsOf.set(url, [...html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]));
  }
  const place = (ex) => {
    const [path, frag] = ex.guide.url.split("#");
    const c = chapters.indexOf(path);
    assert.ok(c >= 0, `${ex.name}: ${path} is a chapter of the guide`);
    const s = frag ? sectionsOf.get(path).indexOf(frag) + 1 : 0;
    assert.ok(s >= 0, `${ex.name}: #${frag} is a section of ${path}`);
    return [c, s, ex.name];
  };
  const byGuide = goExamples().sort((a, b) => {
    const [pa, pb] = [place(a), place(b)];
    return pa[0] - pb[0] || pa[1] - pb[1] || (pa[2] < pb[2] ? -1 : 1);
  });

  const page = await browser.page();
  await page.goto(`${base}/`);
  await page.getByTestId("example-picker").click();
  const list = page.getByTestId("example-list");
  await list.waitFor();
  const shown = await list.locator('[role="option"]').evaluateAll((os) =>
    os.map((o) => ({ name: o.dataset.name, title: o.querySelector(".picker-title").textContent, line: o.querySelector(".picker-summary").textContent, num: o.querySelector(".picker-num").textContent })),
  );
  assert.deepEqual(shown.map((o) => o.name), byGuide.map((e) => e.name), "the guide's order, not the alphabet");
  assert.notDeepEqual(shown.map((o) => o.name), [...shown.map((o) => o.name)].sort(), "(which differs from the alphabet)");
  for (const o of shown) {
    const ex = examples.find((e) => e.name === o.name);
    assert.equal(o.title, ex.title);
    assert.ok(o.line.length > 10 && o.line.length <= 90 && o.line === ex.summary, `${o.name}: a short line of its own`);
    assert.match(o.num, new RegExp(`^${ex.guide.chapter}\\.\\d+$`), `${o.name}: numbered by its chapter`);
  }
  const groups = await list.locator('[role="group"]').evaluateAll((gs) => gs.map((g) => g.getAttribute("aria-label")));
  assert.match(groups[0], /^1\. What an event loop is$/, "grouped under the guide's chapters");
  await page.screenshot({ path: join(artifacts, "picker-1400.png") });
  // The keyboard: arrows move, Enter chooses, the list closes.
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  assert.equal(await list.isHidden(), true, "Enter closes the list");
  assert.equal(await page.getByTestId("example-picker").getAttribute("data-value"), shown[1].name, "the second step of the path");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "example-picker", "the focus goes back to the picker");
  await page.setViewportSize({ width: 375, height: 812 });
  await page.getByTestId("example-picker").click();
  await page.screenshot({ path: join(artifacts, "picker-375.png") });
  const lb = await list.boundingBox();
  assert.ok(lb.x >= 0 && lb.x + lb.width <= 375, "the list fits a phone's width");
  await page.close();
});

test("each example opens with its own clock and timeline axis; the blocking download on loop time", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=call_soon`);
  const pressed = () => page.locator('[data-testid="timeline"] [aria-label="Timeline axis"] [aria-pressed="true"]').textContent();
  for (const ex of goExamples()) {
    await pickExample(page, ex.name);
    assert.equal(await pressed(), ex.axis === "time" ? "Loop time" : "Steps", `${ex.name}: axis`);
    assert.equal(await page.locator(`#clock [aria-checked="true"]`).getAttribute("data-clock"), ex.clock, `${ex.name}: clock`);
  }
  const blocking = examples.find((e) => e.name === "blocking_download");
  assert.equal(blocking.axis, "time", "the blocking download opens on loop time");
  for (const name of ["blocking_download", "gather_downloads"]) {
    await pickExample(page, name);
    await page.getByTestId("run").click();
    const state = await waitRunDone(page, 120_000);
    assert.equal(state, "ok", `${name} ran: ${await page.getByTestId("status").textContent()}`);
    await page.getByTestId("timeline").screenshot({ path: join(artifacts, `default-view-${name}.png`) });
  }
  await page.close();
});

test("an edit survives a reload, and choosing another example keeps it to come back to", async () => {
  const page = await browser.page();
  const queue = examples.find((e) => e.name === "queue");
  const edited = queue.source.replace("for i := 1; i <= 5; i++", "for i := 1; i <= 7; i++");
  assert.notEqual(edited, queue.source);
  await page.goto(`${base}/?example=queue`);
  await setEditorText(page, edited);
  const label = () => page.getByTestId("example-picker").textContent();
  await page.waitForFunction(() => /edited/.test(document.querySelector('[data-testid="example-picker"]').textContent));
  assert.match(await label(), /producer\/consumer queue/i);
  assert.match(await label(), /\(edited\)/, "the picker shows the program as edited");
  assert.equal(await page.getByTestId("lesson").getAttribute("data-edit"), "edited");

  await page.reload();
  await page.getByTestId("lesson-text").waitFor();
  assert.equal(await editorText(page), edited, "the edit is back after a reload");
  assert.match(await label(), /\(edited\)/);

  // Another example, then back: the edit is there.
  await pickExample(page, "call_soon");
  assert.equal(await editorText(page), examples.find((e) => e.name === "call_soon").source);
  await page.getByTestId("example-picker").click();
  assert.match(await page.locator('[role="option"][data-name="queue"]').textContent(), /edited/, "the list marks the edited example");
  await page.keyboard.press("Escape");
  await pickExample(page, "queue");
  assert.equal(await editorText(page), edited, "coming back to the example brings the edit back");

  // The original on request, and the edit back again.
  await page.getByTestId("show-original").click();
  assert.equal(await editorText(page), queue.source);
  await page.waitForFunction(() => !/edited/.test(document.querySelector('[data-testid="example-picker"]').textContent));
  await page.getByTestId("restore-edit").click();
  assert.equal(await editorText(page), edited, "the edit is recoverable after showing the original");
  await page.screenshot({ path: join(artifacts, "lesson-edited-1400.png") });
  await page.close();
});

test("an edited shared program is kept as “Your program” when an example is chosen", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=call_soon`);
  const mine = `package main

import "fmt"

func main() {
	fmt.Println("mine")
}
`;
  await setEditorText(page, mine);
  await page.getByTestId("share").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="share-link"]')?.value);
  const link = await page.getByTestId("share-link").inputValue();
  await page.keyboard.press("Escape");
  await page.goto("about:blank"); // the link's address is the page's own by now: load it afresh
  await page.goto(link);
  await page.getByTestId("lesson-title").filter({ hasText: "A shared program" }).waitFor();
  const typed = mine.replace('"mine"', '"mine, edited"');
  await setEditorText(page, typed);
  // Kept (a moment after typing): the picker lists it.
  await page.waitForFunction(() => document.querySelector('[data-testid="example-list"] [role="option"][data-name=""]'));
  await pickExample(page, "coroutine");
  assert.notEqual(await editorText(page), typed);
  await pickExample(page, "");
  assert.equal(await editorText(page), typed, "the edited shared program is back");
  await page.reload();
  // The page sets its program once its start-up has run, after the load
  // event: read the editor once the lesson says what it shows.
  await page.getByTestId("lesson-title").filter({ hasText: "Your program" }).waitFor();
  assert.equal(await editorText(page), typed, "and after a reload");
  await page.close();
});

test("a trace exported from the instant clock has real durations: the blocking downloads one after another", async () => {
  const page = await browser.page();
  await page.goto(`${base}/?example=blocking_download`);
  await page.getByTestId("run").click();
  assert.equal(await waitRunDone(page, 60_000), "ok");
  await page.locator(".tl-toolbar summary", { hasText: "Export" }).click();
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: "Chrome trace JSON (Perfetto)" }).click()]);
  const chunks = [];
  for await (const c of await dl.createReadStream()) chunks.push(c);
  const trace = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const lanes = new Map(trace.traceEvents.filter((e) => e.name === "thread_name").map((e) => [e.tid, e.args.name]));
  const downloads = trace.traceEvents.filter((e) => e.ph === "X" && /^get /.test(lanes.get(e.tid)));
  assert.equal(downloads.length, 3, "one step per download task");
  // Each blocks for 20 ms (the program's time.Sleep): as loop time where the
  // instant clock charges it, as real time where it does not.
  for (const d of downloads) assert.ok(d.dur >= 15_000, `${lanes.get(d.tid)}: ${d.dur} µs, not a sliver at one instant`);
  for (let i = 1; i < downloads.length; i++) {
    assert.ok(downloads[i].ts >= downloads[i - 1].ts + downloads[i - 1].dur, "one after another, never overlapping");
  }
  assert.ok(new Set(trace.traceEvents.filter((e) => e.ph === "X").map((e) => e.ts)).size > 3, "not everything at ts 0");
  await page.close();
});
