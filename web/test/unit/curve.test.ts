import { test } from "node:test";
import assert from "node:assert/strict";
import { arrowCurve, curveBetween, type Cubic } from "../../src/timeline/curve";
import { lanesInView, type View } from "../../src/timeline/geometry";

const at = (c: Cubic, t: number) => {
  const m = 1 - t;
  const f = (k: "x" | "y") => m * m * m * c[0][k] + 3 * m * m * t * c[1][k] + 3 * m * t * t * c[2][k] + t * t * t * c[3][k];
  return { x: f("x"), y: f("y") };
};
// How far p is off the curve sideways: the whole curve's height is monotonic, so find its point at p's height by bisection.
const off = (c: Cubic, p: { x: number; y: number }) => {
  let [a, b] = [0, 1];
  const up = c[3].y > c[0].y;
  for (let i = 0; i < 60; i++) {
    const m = (a + b) / 2;
    if (at(c, m).y < p.y === up) a = m;
    else b = m;
  }
  return Math.abs(at(c, a).x - p.x);
};

test("an arrow's curve cut to the rows in view keeps its shape and ends at the cuts", () => {
  for (const [x0, y0, x1, y1] of [[200, 39, 203, 18039], [300, 9000, 900, 69], [150, 69, 150, 99]]) {
    const whole = arrowCurve(x0, y0, x1, y1);
    const [yMin, yMax] = [500, 800];
    const part = curveBetween(whole, yMin, yMax);
    if (Math.max(y0, y1) < yMin) {
      assert.equal(part, undefined);
      continue;
    }
    assert.ok(part);
    const ys = [part[0].y, part[3].y].sort((a, b) => a - b);
    assert.ok(Math.abs(ys[0] - yMin) < 1e-6 && Math.abs(ys[1] - yMax) < 1e-6, `ends at the cuts: ${ys}`);
    for (let i = 0; i <= 20; i++) assert.ok(off(whole, at(part, i / 20)) < 0.5, `point ${i} of the part lies on the whole curve`);
    // Drawn the same way round: from the start's side to the end's.
    assert.equal(Math.sign(part[3].y - part[0].y), Math.sign(y1 - y0));
  }
});

test("a curve within the rows in view is drawn whole, one out of them not at all", () => {
  const c = arrowCurve(200, 100, 260, 400);
  assert.equal(curveBetween(c, 0, 500), c);
  assert.equal(curveBetween(c, 450, 900), undefined);
  assert.equal(curveBetween(c, -300, 50), undefined);
});

test("the lanes in view follow the scroll, with a glyph's reach above and below", () => {
  const view: View = { axis: "step", scale: 1, offset: 0, width: 900, height: 24 + 4 * 30 };
  assert.deepEqual(lanesInView(view, 1000), [0, 5]);
  assert.deepEqual(lanesInView({ ...view, top: 300 }, 1000), [9, 15]);
  assert.deepEqual(lanesInView({ ...view, top: 300 }, 12), [9, 12]);
  assert.deepEqual(lanesInView(view, 0), [0, 0]);
});
