import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildModel } from "../../src/timeline/model";
import { exportTimes, toChromeTrace } from "../../src/timeline/chrome-trace";
import type { TraceEvent } from "../../src/contract";

const MS = 1_000_000;

// Three tasks' steps under the instant clock: the first blocks the loop for
// 20 ms (the instant clock charges it as loop time), the other two compute
// for 3 ms and 2 ms of real time at one loop instant.
function run(): TraceEvent[] {
  let seq = 0;
  const ev = (kind: string, t: number, wall: number, more: Partial<TraceEvent> = {}): TraceEvent => ({ seq: ++seq, kind, t, wall, ...more });
  return [
    ev("task.create", 0, 0, { id: 1, name: "blocker" }),
    ev("task.create", 0, 10_000, { id: 2, name: "cruncher" }),
    ev("task.create", 0, 20_000, { id: 3, name: "quick" }),
    ev("loop.run", 0, 30_000),
    ev("iter.begin", 0, 40_000, { value: "3" }),
    ev("task.step", 0, 50_000, { id: 1, name: "blocker", in: 1 }),
    ev("task.done", 20 * MS, 20 * MS + 60_000, { id: 1, name: "blocker", in: 1, detail: "result" }),
    ev("task.step", 20 * MS, 20 * MS + 70_000, { id: 2, name: "cruncher", in: 2 }),
    ev("task.done", 20 * MS, 23 * MS + 70_000, { id: 2, name: "cruncher", in: 2, detail: "result" }),
    ev("task.step", 20 * MS, 23 * MS + 80_000, { id: 3, name: "quick", in: 3 }),
    ev("task.done", 20 * MS, 25 * MS + 80_000, { id: 3, name: "quick", in: 3, detail: "result" }),
    ev("iter.end", 20 * MS, 25 * MS + 90_000),
  ];
}

test("the export's clock is loop time where it moved and real time where it stood still", () => {
  const t = exportTimes(run());
  for (let i = 1; i < t.length; i++) assert.ok(t[i] >= t[i - 1], "never goes back");
  // Before the blocking step's end: only real time passed (10 µs apart).
  assert.deepEqual(t.slice(0, 6), [0, 10_000, 20_000, 30_000, 40_000, 50_000]);
  // The blocking step: its 20 ms of loop time, not the 20.01 ms of real time.
  assert.equal(t[6] - t[5], 20 * MS);
  // At the one loop instant that follows, the real time each step took.
  assert.equal(t[8] - t[7], 3 * MS);
  assert.equal(t[10] - t[9], 2 * MS);
});

test("exported steps under the instant clock have real durations, in order, none at ts 0 but the first", () => {
  const trace = toChromeTrace(buildModel(run()));
  const slices = trace.traceEvents.filter((e) => e.ph === "X");
  assert.deepEqual(slices.map((s) => s.name), ["blocker", "cruncher", "quick"]);
  assert.deepEqual(slices.map((s) => s.dur), [20_000, 3_000, 2_000], "µs: loop time of the blocking step, real time of the others");
  for (let i = 1; i < slices.length; i++) {
    assert.ok(slices[i].ts! >= slices[i - 1].ts! + slices[i - 1].dur!, `${slices[i].name} starts after ${slices[i - 1].name} ends`);
  }
  assert.deepEqual(slices.map((s) => s.args?.loop_time_ns), [[0, 20 * MS], 20 * MS, 20 * MS], "the loop time is kept in args");
  assert.match(trace.otherData.clock, /loop time where the loop's clock moved, real time where it stood still/);
});

test("a trace without real times (a golden file) exports at loop time, each step at least 1 µs wide", () => {
  const events: TraceEvent[] = JSON.parse(readFileSync("fixtures/basic-trace.json", "utf8")).map((e: TraceEvent) => ({ ...e, wall: undefined }));
  const model = buildModel(events);
  const trace = toChromeTrace(model);
  const slices = trace.traceEvents.filter((e) => e.ph === "X");
  assert.equal(slices.length, model.spans.length);
  slices.forEach((s, i) => {
    assert.equal(s.ts, model.spans[i].t0 / 1000, "ts is the loop time");
    assert.ok(s.dur! >= 1);
  });
});
