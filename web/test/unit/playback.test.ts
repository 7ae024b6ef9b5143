import { test } from "node:test";
import assert from "node:assert/strict";
import { Playback, linesAsOf } from "../../src/timeline/playback";
import { ticks, fitView, xOf, unitOfX, LABEL_W } from "../../src/timeline/geometry";
import { buildModel } from "../../src/timeline/model";

test("playback steps forward and back within the run", () => {
  const seen: number[] = [];
  const p = new Playback(() => 3, (i) => seen.push(i));
  assert.equal(p.index, -1);
  p.next();
  p.next();
  p.next();
  assert.equal(p.next(), false, "no step after the last");
  assert.equal(p.index, 2);
  p.previous();
  p.previous();
  p.previous();
  assert.equal(p.index, 0, "no step before the first");
  p.goTo(-1);
  assert.deepEqual(seen, [0, 1, 2, 1, 0, -1]);
});

test("play walks to the end and stops by itself", async () => {
  const seen: number[] = [];
  const p = new Playback(() => 3, (i) => seen.push(i), 5);
  p.play();
  // Three 5 ms ticks; a busy machine runs timers late, so wait for the end rather than a fixed time.
  for (let waited = 0; p.playing && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  assert.equal(p.playing, false);
  assert.equal(p.index, 2);
  assert.deepEqual([...new Set(seen)], [0, 1, 2]);
});

test("an empty run has nothing to play", () => {
  const p = new Playback(() => 0, () => assert.fail("no change expected"));
  p.play();
  p.next();
  assert.equal(p.index, -1);
  assert.equal(p.playing, false);
});

test("the fitted view maps the run onto the plot and back", () => {
  const m = buildModel([
    { seq: 1, t: 0, kind: "task.step", id: 1, name: "a" },
    { seq: 2, t: 2e9, kind: "task.done", id: 1, name: "a" },
  ]);
  const v = fitView(m, "time", 1000, 200);
  assert.equal(xOf(v, 0), LABEL_W);
  assert.ok(Math.abs(xOf(v, 2e9) - (1000 - 16)) < 1e-6);
  assert.ok(Math.abs(unitOfX(v, xOf(v, 1.25e9)) - 1.25e9) < 1);
  const t = ticks(v);
  assert.ok(t.length >= 3 && t.length <= 12, `${t.length} ticks`);
  assert.equal(t[0].label, "0");
  assert.ok(t.some((x) => x.label === "1s"), t.map((x) => x.label).join(" "));
  const steps = ticks(fitView(m, "step", 1000, 200));
  assert.ok(steps.every((x) => Number.isInteger(x.unit)), "step ticks are whole steps");
});

test("the output as of a step counts lines printed before the loop and off it", () => {
  // "start" before the loop ran (seq 0), two lines of steps, one from a
  // thread printed after event 7, then a step's line at 9.
  const output = [{ seq: 0 }, { seq: 3 }, { seq: 5 }, { seq: 7 }, { seq: 9 }];
  assert.equal(linesAsOf(output, 0), 1);
  assert.equal(linesAsOf(output, 4), 2);
  assert.equal(linesAsOf(output, 7), 4);
  assert.equal(linesAsOf(output, 8), 4);
  assert.equal(linesAsOf(output, 100), 5);
  assert.equal(linesAsOf([{}, { seq: 2 }], 1), 1, "a line without seq is one from before the loop");
});
