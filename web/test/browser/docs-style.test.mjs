// The docs pages on a phone and in a dark system colour scheme: nothing
// widens the page, and text, links and highlighted code stay readable.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { base, openBrowser, artifacts } from "./harness.mjs";

const PHONE = { width: 375, height: 812 };

let browser;
let pages = [];
before(async () => {
  browser = await openBrowser({ viewport: PHONE });
  const page = await browser.page();
  await page.goto(`${base}/docs/`);
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll("a[href]")]
      .map((a) => new URL(a.href))
      .filter((u) => u.origin === location.origin && u.pathname.startsWith("/docs/"))
      .map((u) => u.pathname),
  );
  pages = [...new Set(["/docs/", ...hrefs])];
  await page.close();
});
after(async () => {
  await browser?.close();
});

// Runs in the page: colours as [r, g, b], the contrast of what an element
// shows, WCAG's way.
function pageHelpers() {
  const rgba = (s) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(s);
    if (!m) throw new Error(`unexpected colour ${s}`);
    return { rgb: [m[1], m[2], m[3]].map(Number), alpha: m[4] === undefined ? 1 : Number(m[4]) };
  };
  const luminance = ([r, g, b]) => {
    const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  /** The first opaque background at or above el (the canvas is white if none). */
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c.alpha > 0.5) return c.rgb;
    }
    return [255, 255, 255];
  };
  const describe = (el) => {
    const c = rgba(getComputedStyle(el).color).rgb;
    const bg = background(el);
    return { text: el.textContent.trim().slice(0, 40), color: c, bg, contrast: contrast(c, bg), lum: luminance(c), bgLum: luminance(bg) };
  };
  return { describe };
}

/** What the page shows: body, links and every highlighted token. */
async function colours(page) {
  return page.evaluate(`(() => {
    const { describe } = (${pageHelpers.toString()})();
    const tokens = [...document.querySelectorAll("pre.chroma span")]
      .filter((s) => s.children.length === 0 && s.textContent.trim() !== "");
    const keyword = document.querySelector("pre.chroma .k, pre.chroma .kd, pre.chroma .kn");
    return {
      body: describe(document.body),
      links: [...document.querySelectorAll("a[href]")].map(describe),
      cells: [...document.querySelectorAll(".docs-content th, .docs-content td")].map(describe),
      tokens: tokens.map((t) => ({ ...describe(t), cls: t.className })),
      keyword: keyword && getComputedStyle(keyword).color,
    };
  })()`);
}

const unreadable = (items) => items.filter((x) => x.contrast < 4.5).map((x) => `${x.cls ?? ""} ${JSON.stringify(x.text)} ${x.contrast.toFixed(2)}`);

test("no docs page is wider than a phone's screen", async () => {
  assert.ok(pages.length >= 10, `the docs front page links every page (found ${pages.join(", ")})`);
  const page = await browser.page();
  const wide = [];
  for (const path of pages) {
    await page.goto(`${base}${path}`);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    if (scrollWidth > innerWidth) wide.push(`${path}: ${scrollWidth} px wide in ${innerWidth} px`);
  }
  assert.deepEqual(wide, [], "pages that scroll sideways");
  await page.goto(`${base}/docs/scheduling/`);
  // Go code is indented with tabs; at the browser's 8 columns a nested
  // line leaves little of a phone's width.
  assert.equal(await page.locator(".docs-content pre").first().evaluate((pre) => getComputedStyle(pre).tabSize), "4");
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(artifacts, `docs-scheduling-375-${scheme}.png`), fullPage: true });
  }
  await page.close();
});

test("docs pages are dark when the system is, and readable in both schemes", async () => {
  const page = await browser.page();
  let keywordSeen = false;
  for (const path of pages) {
    await page.goto(`${base}${path}`);
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await colours(page);
    assert.ok(dark.body.bgLum < 0.05, `${path}: the background is dark in dark mode (rgb ${dark.body.bg})`);
    assert.ok(dark.body.lum > 0.6, `${path}: the text is light in dark mode (rgb ${dark.body.color})`);
    assert.ok(dark.body.contrast >= 4.5, `${path}: body text contrast ${dark.body.contrast.toFixed(2)} in dark mode`);
    assert.deepEqual(unreadable(dark.links), [], `${path}: links too faint in dark mode`);
    assert.deepEqual(unreadable(dark.cells), [], `${path}: table cells too faint in dark mode`);
    assert.deepEqual(unreadable(dark.tokens), [], `${path}: code tokens too faint in dark mode`);

    await page.emulateMedia({ colorScheme: "light" });
    const light = await colours(page);
    assert.ok(light.body.bgLum > 0.8, `${path}: the background is light in light mode`);
    assert.ok(light.body.contrast >= 4.5, `${path}: body text contrast ${light.body.contrast.toFixed(2)} in light mode`);
    assert.deepEqual(unreadable(light.links), [], `${path}: links too faint in light mode`);
    assert.deepEqual(unreadable(light.tokens), [], `${path}: code tokens too faint in light mode`);
    if (light.keyword) {
      keywordSeen = true;
      assert.notEqual(dark.keyword, light.keyword, `${path}: keywords are coloured for each scheme`);
    }
  }
  assert.ok(keywordSeen, "some docs page has highlighted code");
  await page.close();
});

test("a docs example's Run button reads well and its embed follows the page's scheme", async () => {
  const page = await browser.page();
  let path;
  for (const p of pages) {
    await page.goto(`${base}${p}`);
    if (await page.locator(".loopscope-embed-run").count()) {
      path = p;
      break;
    }
  }
  assert.ok(path, "some docs page has a runnable example");
  for (const scheme of ["dark", "light"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${base}${path}`);
    const run = page.locator(".loopscope-embed-run").first();
    await run.scrollIntoViewIfNeeded();
    const looks = await page.evaluate(`(() => {
      const { describe } = (${pageHelpers.toString()})();
      return {
        run: describe(document.querySelector(".loopscope-embed-run")),
        open: describe(document.querySelector(".loopscope-embed-open")),
      };
    })()`);
    assert.ok(looks.run.contrast >= 4.5, `${scheme}: Run button contrast ${looks.run.contrast.toFixed(2)}`);
    assert.ok(looks.open.contrast >= 4.5, `${scheme}: "Open in playground" contrast ${looks.open.contrast.toFixed(2)}`);
    await page.screenshot({ path: join(artifacts, `docs-embed-375-${scheme}.png`) });
    await run.click();
    const src = await page.locator("iframe.loopscope-embed-frame").first().getAttribute("src");
    // The embed asks to stay light only on a light page.
    assert.equal(/[?&]theme=light/.test(src), scheme === "light", `${scheme}: embed URL ${src}`);
  }
  await page.close();
});
