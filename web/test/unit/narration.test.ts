import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildModel } from "../../src/timeline/model";
import { LoopStates, pendingTimers, readyQueue } from "../../src/timeline/loop-state";
import { readyName, readyWhy, timerName } from "../../src/timeline/state-words";
import type { TraceEvent } from "../../src/contract";
import { narrate } from "../../src/timeline/narration";
import { taskFigures } from "../../src/timeline/task-figures";

// Real traces of the examples (the loop-state fixtures, recorded by the runner).
const load = (name: string) => {
  const fx = JSON.parse(readFileSync(`fixtures/loopstate/${name}.json`, "utf8"));
  const model = buildModel(fx.events);
  return { model, states: new LoopStates(model.events) };
};

test("lock: one sentence per step saying what the loop took, why, and what the step did", () => {
  const { model, states } = load("lock");
  const all = model.spans.map((_, i) => narrate(model, states, i));
  assert.equal(all.length, model.spans.length);
  assert.equal(all[0], "The loop takes Task-1 from the ready queue and starts it (created at line 33). It creates tasks alice and bob and then waits for gather(alice, bob) at line 36.");
  assert.equal(all[3], "alice's 100ms sleep is over: the loop runs its timer. It wakes alice.");
  assert.equal(all[4], "The loop takes alice from the ready queue: its 100ms sleep is over. It resumes after line 23, prints `alice leaves 70`, releases lock \"account\", wakes bob and then returns: the task is done.");
  assert.match(all[5], /^The loop takes bob from the ready queue: lock "account" is free for it\. It resumes after line 17/);
  assert.match(all[7], /which wakes Task-1 \(through gather\(alice, bob\)\)\.$/);
});

test("cancel_task: the worker's cancellation is narrated and its chain names who cancelled it", () => {
  const { model, states } = load("cancel_task");
  const all = model.spans.map((_, i) => narrate(model, states, i));
  assert.ok(all.some((s) => /cancels worker \("enough"\)/.test(s)), all.join("\n"));
  assert.ok(all.some((s) => /takes worker from the ready queue: what it awaited \(a 1s sleep\) was cancelled.*ends cancelled, which wakes Task-1/.test(s)));
  const worker = taskFigures(model, states.catalog).find((f) => f.name === "worker")!;
  assert.equal(worker.outcome, "cancelled");
  assert.deepEqual(worker.cancelChain, ['cancelled by Task-1 at line 31 ("enough")']);
});

test("task figures: busy, scheduled and idle steps add up to the steps of the task's life", () => {
  const { model, states } = load("gather_downloads");
  const figs = taskFigures(model, states.catalog);
  assert.deepEqual(figs.map((f) => f.name), ["Task-1", "fast.example", "medium.example", "slow.example"]);
  const slow = figs.find((f) => f.name === "slow.example")!;
  assert.equal(slow.steps, 2);
  assert.equal(slow.idleNs, 1_000_000_000, "it waited 1 s of loop time until its timeout");
  assert.equal(slow.outcome, "exception");
  assert.deepEqual(slow.createdBy, ["Task-1"]);
  const src = readFileSync("../../examples/gather_downloads/main.go", "utf8").split("\n");
  assert.equal(slow.createdLine, src.findIndex((l) => l.includes("loop.CreateTask(")) + 1, "the line of its CreateTask");
  for (const f of figs) {
    const lane = model.lanes[f.lane];
    const first = model.spans.findIndex((s) => s.kind === "step" && s.id === f.id);
    const last = model.spans.length - 1 - [...model.spans].reverse().findIndex((s) => s.kind === "step" && s.id === f.id);
    assert.equal(lane.id, f.id);
    // From its first step to its last, every step of the run was its own, or one it was ready or waiting through.
    assert.ok(f.busy + f.scheduled + f.idle >= last - first + 1, `${f.name}: ${f.busy}+${f.scheduled}+${f.idle} vs ${last - first + 1}`);
  }
  const medium = figs.find((f) => f.name === "medium.example")!;
  assert.equal(medium.scheduled, 1, "medium waited one step (fast's first) before its first step");
  assert.equal(medium.woken, 1);
  assert.equal(medium.wokenBy, "sleep");
});

// A named callback (wasm/runner names them by their function, as Python's
// loop names them by their qualified name) is called by its name.
test("a named callback is called by its name in the narration, the ready queue and the timers", () => {
  const events = [
    { seq: 1, t: 0, kind: "cb.schedule", id: 1, name: "handler", detail: "soon", pos: "main.go:14" },
    { seq: 2, t: 0, kind: "cb.schedule", id: 2, name: "(*Loop).Stop", detail: "later", due: 1e9, pos: "main.go:15" },
    { seq: 3, t: 0, kind: "loop.run" },
    { seq: 4, t: 0, kind: "iter.begin", value: "1" },
    { seq: 5, t: 0, kind: "cb.begin", id: 1, detail: "soon" },
    { seq: 6, t: 0, kind: "output", in: 1, value: "handler runs", pos: "main.go:10" },
    { seq: 7, t: 0, kind: "cb.end", id: 1 },
    { seq: 8, t: 0, kind: "iter.end" },
    { seq: 9, t: 1e9, kind: "timer.due", id: 2, due: 1e9 },
    { seq: 10, t: 1e9, kind: "iter.begin", value: "1" },
    { seq: 11, t: 1e9, kind: "cb.begin", id: 2, detail: "later" },
    { seq: 12, t: 1e9, kind: "loop.stop", in: 2 },
    { seq: 13, t: 1e9, kind: "cb.end", id: 2 },
    { seq: 14, t: 1e9, kind: "iter.end" },
    { seq: 15, t: 1e9, kind: "loop.exit" },
  ] as TraceEvent[];
  const model = buildModel(events);
  const states = new LoopStates(model.events);
  const cat = states.catalog;
  assert.equal(narrate(model, states, 0), "The loop runs callback `handler` from the ready queue (CallSoon at line 14). It prints `handler runs`.");
  assert.match(narrate(model, states, 1), /^A timer is due: the loop runs callback `\(\*Loop\)\.Stop`/);
  const before = states.stateAt(model.spans[0].o0 - 1);
  const [entry] = readyQueue(before);
  assert.equal(`${readyName(cat, entry)} — ${readyWhy(cat, before, entry)}`, "callback `handler` — CallSoon at line 14");
  assert.deepEqual(pendingTimers(before).map((t) => timerName(cat, t)), ["callback `(*Loop).Stop` (CallLater)"]);
  assert.equal(model.spans[0].name, "handler", "the timeline's bar is labelled with it");
});

test("Python mode names asyncio's calls, not core's: call_soon, call_later, asyncio.sleep(0), task_done", () => {
  const py = (dir: string, name: string) => {
    const fx = JSON.parse(readFileSync(`fixtures/${dir}/${name}.json`, "utf8"));
    const model = buildModel(Array.isArray(fx) ? fx : fx.events);
    return { model, states: new LoopStates(model.events), all: model.spans.map((_, i) => narrate(model, new LoopStates(model.events), i)) };
  };
  const spin = py("warnings", "spin_py").all.join("\n");
  assert.match(spin, /yields with asyncio\.sleep\(0\) at line \d+/);
  assert.match(spin, /it had yielded with asyncio\.sleep\(0\) to let the others run/);
  assert.doesNotMatch(spin, /Sleep\(0\)/);
  const soon = py("loopstate", "call_soon_py");
  assert.match(soon.all.join("\n"), /from the ready queue \(call_soon at line \d+\)/);
  assert.doesNotMatch(soon.all.join("\n"), /CallSoon/);
  const later = py("loopstate", "call_later_py");
  const timers = pendingTimers(later.states.stateAt(later.model.events.findIndex((e) => e.kind === "cb.schedule" && e.detail === "later")));
  assert.match(timerName(later.model.catalog, timers[0]), /\(call_later\)$/);
  assert.match(py("loopstate", "queue_py").all.join("\n"), /marks a job of queue "jobs" done/);
  // Go's words stay core's.
  const go = load("call_soon");
  assert.match(go.model.spans.map((_, i) => narrate(go.model, go.states, i)).join("\n"), /\(CallSoon at line \d+\)/);
});
