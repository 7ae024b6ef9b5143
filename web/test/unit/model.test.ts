import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildModel, outputUpTo, formatNs } from "../../src/timeline/model";
import { toChromeTrace } from "../../src/timeline/chrome-trace";
import type { TraceEvent } from "../../src/contract";

// A trace core recorded for: a CallSoon callback, a CallLater(5ms) timer,
// worker-a sleeping 10ms, worker-b sleeping 50ms and main awaiting a, then
// cancelling b (see the fixture for the exact events).
const events: TraceEvent[] = JSON.parse(readFileSync("fixtures/basic-trace.json", "utf8"));
const model = buildModel(events);

test("one lane per task in creation order, after the callbacks lane", () => {
  assert.deepEqual(model.lanes.map((l) => [l.kind, l.name]), [
    ["callbacks", "callbacks"], ["task", "worker-a"], ["task", "worker-b"], ["task", "main"],
  ]);
});

test("task steps and callbacks become spans in run order", () => {
  assert.deepEqual(model.spans.map((s) => `${s.kind}:${s.name}`), [
    "callback:callback #1", "step:worker-a", "step:worker-b", "step:main",
    "callback:callback #2", "callback:sleep 10ms", "step:worker-a", "step:main", "step:worker-b", "step:main",
  ]);
  const firstA = model.spans[1];
  assert.equal(firstA.outcome, "awaits sleep 10ms");
  assert.equal(firstA.line, 19, "a step highlights the line where it suspended");
  assert.equal(model.spans[6].cause, "woken by sleep 10ms");
  assert.match(model.spans[6].outcome, /^done: result 1/);
});

test("output lines are attached to the step that printed them", () => {
  const withOutput = model.spans.filter((s) => s.output.length).map((s) => [s.name, s.output]);
  assert.deepEqual(withOutput, [
    ["callback #1", ["hello from callback"]], ["worker-a", ["a start"]], ["worker-b", ["b start"]],
    ["callback #2", ["timer fired"]], ["worker-a", ["a done"]], ["main", ["main done"]],
  ]);
});

test("timer marks sit at their due time, on the lane that set them", () => {
  const timers = model.marks.filter((m) => m.kind === "timer").map((m) => [model.lanes[m.lane].name, m.t]);
  assert.deepEqual(timers, [["callbacks", 5e6], ["worker-a", 10e6], ["worker-b", 50e6]]);
  // worker-b's 50ms sleep was cancelled at 10ms: its due time is not part of the run.
  assert.equal(model.tMax, 10e6);
});

test("the time axis reaches a timer still set when the run ended", () => {
  const m = buildModel([
    { seq: 1, t: 0, kind: "cb.schedule", id: 1, detail: "later", due: 3e9 },
    { seq: 2, t: 0, kind: "loop.run" },
    { seq: 3, t: 1e9, kind: "loop.exit" },
  ]);
  assert.equal(m.tMax, 3e9);
});

test("future and task results, errors and cancellations are marked", () => {
  const kinds = model.marks.filter((m) => ["result", "exception", "cancelled"].includes(m.kind)).map((m) => `${m.kind}@${model.lanes[m.lane].name}`);
  assert.deepEqual(kinds, ["result@callbacks", "result@worker-a", "cancelled@main", "cancelled@worker-b", "result@main"]);
});

test("await → wake arrows run from where the awaited thing finished", () => {
  const wakes = model.arrows.filter((a) => a.kind === "wake").map((a) => [model.lanes[a.fromLane].name, model.lanes[a.toLane].name]);
  assert.deepEqual(wakes, [["callbacks", "worker-a"], ["worker-a", "main"], ["main", "worker-b"], ["worker-b", "main"]]);
});

test("a cancel arrow runs from the canceller to the cancelled task", () => {
  const cancels = model.arrows.filter((a) => a.kind === "cancel");
  assert.equal(cancels.length, 1);
  assert.equal(model.lanes[cancels[0].fromLane].name, "main");
  assert.equal(model.lanes[cancels[0].toLane].name, "worker-b");
  assert.equal(cancels[0].label, "main cancels worker-b");
});

test("output as of a step holds only what was printed so far", () => {
  assert.deepEqual(outputUpTo(model, model.spans[2].seq1), ["hello from callback", "a start", "b start"]);
  assert.equal(outputUpTo(model, Infinity).length, 6);
});

test("a run cut short leaves its open step marked as still running", () => {
  const cut = buildModel(events.slice(0, 17));
  const last = cut.spans[cut.spans.length - 1];
  assert.equal(last.name, "worker-b");
  assert.equal(last.outcome, "still running when the run ended");
});

test("an empty trace gives an empty model", () => {
  const m = buildModel([]);
  assert.equal(m.spans.length, 0);
  assert.equal(m.lanes.length, 1);
});

test("10k events build into the right lanes and spans", () => {
  const many: TraceEvent[] = [];
  let seq = 0;
  for (let i = 0; i < 2500; i++) {
    many.push({ seq: ++seq, t: i * 1000, kind: "task.step", id: 100 + (i % 20), name: `t${i % 20}` });
    many.push({ seq: ++seq, t: i * 1000, kind: "output", in: 100 + (i % 20), value: `line ${i}`, pos: "prog.go:9" });
    many.push({ seq: ++seq, t: i * 1000, kind: "fut.create", id: 10000 + i, name: "sleep", in: 100 + (i % 20) });
    many.push({ seq: ++seq, t: i * 1000, kind: "task.suspend", id: 100 + (i % 20), ref: 10000 + i, value: "sleep", pos: "prog.go:10" });
  }
  const m = buildModel(many);
  assert.equal(m.spans.length, 2500);
  assert.equal(m.lanes.length, 21);
  assert.equal(m.spans[0].output[0], "line 0");
});

test("the Chrome trace export names one thread per lane and a complete event per span", () => {
  const ct = toChromeTrace(model);
  const threads = ct.traceEvents.filter((e) => e.name === "thread_name").map((e) => e.args?.name);
  assert.deepEqual(threads, ["callbacks", "worker-a", "worker-b", "main"]);
  const complete = ct.traceEvents.filter((e) => e.ph === "X");
  assert.equal(complete.length, model.spans.length);
  assert.ok(complete.every((e) => typeof e.ts === "number" && (e.dur ?? 0) > 0));
  const flows = ct.traceEvents.filter((e) => e.ph === "s" || e.ph === "f");
  assert.equal(flows.length, model.arrows.length * 2);
  JSON.parse(JSON.stringify(ct)); // serialisable
});

test("loop times read naturally", () => {
  assert.equal(formatNs(0), "0");
  assert.equal(formatNs(1500000), "1.5ms");
  assert.equal(formatNs(2e9), "2s");
  assert.equal(formatNs(750), "750ns");
});

test("Python lanes: a task asyncio named (Task-N, as get_name() says) shows the call it runs; a named one, and Go's, show their name alone", () => {
  const lanes = (name: string) => {
    const fx = JSON.parse(readFileSync(`fixtures/loopstate/${name}.json`, "utf8"));
    return buildModel(fx.events).lanes.filter((l) => l.kind === "task").map((l) => (l.runs ? `${l.name} ${l.runs}` : l.name));
  };
  assert.deepEqual(lanes("gather_downloads_py"), [
    "Task-1 main(…)", "Task-2 download(…, '…/a.pdf')", "Task-3 download(…, '…/b.pdf')", "Task-4 download(…, '…/c.pdf')",
    "Task-5 loop.shutdown_asyncgens()", "Task-6 loop.shutdown_default_executor()",
  ]);
  assert.deepEqual(lanes("blocking_download_py"), ["Task-1 main(…)", "a.pdf", "b.pdf", "c.pdf"]);
  assert.deepEqual(lanes("gather_vs_wait_py").slice(0, 5), ["Task-1 main()", "Task-2 job('slow', 2)", "Task-3 job('fast', 1)", "slow2", "fast2"]);
  assert.deepEqual(lanes("gather_downloads"), ["Task-1", "fast.example", "medium.example", "slow.example"]);
});
