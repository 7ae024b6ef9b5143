import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildModel } from "../../src/timeline/model";
import { fitView, FALLBACK_PALETTE } from "../../src/timeline/geometry";
import { toSVG } from "../../src/timeline/svg";
import type { TraceEvent } from "../../src/contract";

const events: TraceEvent[] = JSON.parse(readFileSync("fixtures/basic-trace.json", "utf8"));

test("the SVG export starts the axis label at the plot's left edge instead of centring it under the lane names", () => {
  const model = buildModel(events);
  // On loop time the first tick, 0, is at the plot's very left edge.
  const svg = toSVG(model, fitView(model, "time", 900, 300), FALLBACK_PALETTE);
  const labels = [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="(start|middle)"[^>]*>([^<]*)<\/text>/g)];
  assert.ok(labels.length > 2, "axis labels found");
  const [, , anchor, text] = labels[0];
  assert.equal(text, "0");
  assert.equal(anchor, "start");
  assert.ok(labels.slice(1).every(([, , a]) => a === "middle"), "the others stay centred");
});

test("program output in the SVG export is text, never markup", () => {
  const withMarkup = events.map((e) => (e.kind === "output" ? { ...e, value: '<img src=x onerror="alert(1)">' } : e));
  const svg = toSVG(buildModel(withMarkup), fitView(buildModel(withMarkup), "step", 900, 300), FALLBACK_PALETTE);
  assert.ok(!svg.includes("<img"), "no element made from the output");
  assert.ok(svg.includes("&lt;img src=x"), "the output is there, escaped");
});

test("no axis label of the SVG export runs past the picture's right edge", () => {
  const model = buildModel(events);
  let checked = 0;
  for (const width of [400, 900]) {
    const fitted = fitView(model, "step", width, 300);
    // Pan a little at a time, so ticks pass the right edge.
    for (let pan = 0; pan < 40; pan++) {
      const view = { ...fitted, offset: fitted.offset + (pan * 3) / fitted.scale };
      const svg = toSVG(model, view, FALLBACK_PALETTE);
      for (const [, x, anchor, text] of svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="(start|middle|end)"[^>]*>([^<]*)<\/text>/g)) {
        const w = text.length * 6;
        const right = anchor === "start" ? Number(x) + w : anchor === "middle" ? Number(x) + w / 2 : Number(x);
        assert.ok(right <= width, `width ${width}, pan ${pan}: label "${text}" (${anchor}) ends at ${right}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100, "labels checked");
});
