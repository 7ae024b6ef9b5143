import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { LoopStates, applyEvent, emptyState, pendingTimers, readyQueue, type LoopState } from "../../src/timeline/loop-state";
import type { TraceEvent } from "../../src/contract";

// The fixtures hold each example's trace and what core's loop really held
// after each of its events (core's Snapshot, recorded where it changed by
// wasm/runner/loopstate_test.go; UPDATE_GOLDEN=1 regenerates them). The
// state rebuilt from the trace alone must be the same at every event.

interface CoreState {
  running?: number;
  ready: { kind: string; id?: number; ref?: number; site?: string; cancelled?: boolean }[];
  timers: { id: number; due: number }[];
  tasks: { id: number; state: string; waitingOn?: number }[];
  prims: {
    id: number; kind: string; locked?: boolean; value?: number; set?: boolean;
    waiters?: number[]; getters?: number[]; putters?: number[]; joiners?: number[]; items?: string[]; unfinished?: number;
  }[];
}

interface Fixture {
  example: string;
  events: TraceEvent[];
  states: { seq: number; state: CoreState }[];
}

const dir = "fixtures/loopstate";
const fixtures: Fixture[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, "utf8")));

/** The rebuilt state in the shape of core's snapshot. */
function asCore(s: LoopState, coreTaskIds: Set<number>): CoreState {
  const tasks = [...s.tasks.values()]
    .filter((t) => t.status !== "done")
    .sort((a, b) => a.id - b.id)
    .map((t) => {
      if (t.status === "abandoned") return { id: t.id, state: "abandoned" };
      const e: { id: number; state: string; waitingOn?: number } = { id: t.id, state: t.status };
      if (t.status !== "running" && t.waitingOn) e.waitingOn = t.waitingOn;
      return e;
    });
  void coreTaskIds;
  return {
    running: s.running?.kind === "task" ? s.running.id : undefined,
    ready: readyQueue(s).map((r) => {
      const e: CoreState["ready"][number] = { kind: r.kind };
      if (r.kind === "internal") {
        e.ref = r.ref;
        e.site = r.site;
      } else e.id = r.id;
      if (r.cancelled) e.cancelled = true;
      return e;
    }),
    timers: pendingTimers(s).map((t) => ({ id: t.id, due: t.due })),
    tasks,
    prims: [...s.prims.values()]
      .sort((a, b) => a.id - b.id)
      .map((p) => {
        const e: CoreState["prims"][number] = { id: p.id, kind: p.kind };
        if (p.kind === "lock" && p.locked) e.locked = true;
        if (p.kind.includes("semaphore") && p.value) e.value = p.value;
        if (p.kind === "event" && p.set) e.set = true;
        const ids = (ws: { fut: number }[]) => (ws.length ? ws.map((w) => w.fut) : undefined);
        if (ids(p.waiters)) e.waiters = ids(p.waiters);
        if (ids(p.getters)) e.getters = ids(p.getters);
        if (ids(p.putters)) e.putters = ids(p.putters);
        if (ids(p.joiners)) e.joiners = ids(p.joiners);
        if (p.items.length) e.items = p.kind === "priority queue" ? [...p.items].sort() : p.items;
        if (p.unfinished) e.unfinished = p.unfinished;
        return e;
      }),
  };
}

/** Core's snapshot, in the comparable shape (absent fields dropped; after close, pending tasks are "abandoned"). */
function normalizeCore(c: CoreState, closed: boolean, knownPrims: Set<number>): CoreState {
  return {
    running: c.running || undefined,
    ready: c.ready.map((r) => {
      const e: CoreState["ready"][number] = { kind: r.kind };
      if (r.kind === "internal") {
        e.ref = r.ref;
        e.site = r.site;
      } else e.id = r.id;
      if (r.cancelled) e.cancelled = true;
      return e;
    }),
    timers: c.timers,
    tasks: c.tasks.map((t) => {
      if (closed) return { id: t.id, state: "abandoned" };
      const e: { id: number; state: string; waitingOn?: number } = { id: t.id, state: t.state };
      if (t.state !== "running" && t.waitingOn) e.waitingOn = t.waitingOn;
      return e;
    }),
    // A primitive the trace has not mentioned yet (used without an event,
    // such as waiting on an event already set) cannot be known.
    prims: c.prims
      .filter((p) => knownPrims.has(p.id))
      .map((p) => {
        const e: CoreState["prims"][number] = { id: p.id, kind: p.kind };
        if (p.kind === "lock" && p.locked) e.locked = true;
        if (p.kind.includes("semaphore") && p.value) e.value = p.value;
        if (p.kind === "event" && p.set) e.set = true;
        for (const k of ["waiters", "getters", "putters", "joiners"] as const) if (p[k]?.length) e[k] = p[k];
        if (p.items?.length) e.items = p.kind === "priority queue" ? [...p.items].sort() : p.items;
        if (p.unfinished) e.unfinished = p.unfinished;
        return e;
      }),
  };
}

test("there is a fixture for every example, Go and Python", () => {
  // Go's record core's state (wasm/runner/loopstate_test.go), Python's the
  // state of asyncio's own loop (web/python/tests/test_loopstate.py).
  const examples = readdirSync("../../examples", { withFileTypes: true })
    .filter((d) => d.isDirectory() && (existsSync(`../../examples/${d.name}/main.go`) || existsSync(`../../examples/${d.name}/main.py`)))
    .map((d) => d.name)
    .sort();
  assert.deepEqual(fixtures.map((f) => f.example).sort(), examples);
});

// Python programs beyond the examples (web/python/testdata/loopstate): the primitives the examples leave out.
const more: Fixture[] = readdirSync("fixtures/loopstate-more")
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(`fixtures/loopstate-more/${f}`, "utf8")));

test("the Python programs beyond the examples are there", () => {
  assert.deepEqual(more.map((f) => f.example), ["prims_py"]);
});

for (const fx of [...fixtures, ...more]) {
  test(`${fx.example}: the state rebuilt from the trace is core's at every event`, () => {
    const events = [...fx.events].sort((a, b) => a.seq - b.seq);
    const states = new LoopStates(events);
    let k = 0;
    let core: CoreState | undefined;
    let compared = 0;
    for (let o = 0; o < events.length; o++) {
      const ev = events[o];
      while (k < fx.states.length && fx.states[k].seq <= ev.seq) core = fx.states[k++].state;
      assert.ok(core, `no core state before seq ${ev.seq}`);
      const s = states.stateAt(o);
      const known = new Set(s.prims.keys());
      const got = asCore(s, new Set(core.tasks.map((t) => t.id)));
      const want = normalizeCore(core, s.closed, known);
      assert.deepEqual(got, want, `${fx.example}: after event seq ${ev.seq} (${ev.kind} ${ev.name ?? ""})`);
      compared++;
    }
    assert.equal(compared, events.length);
  });
}

test("random access gives the same state as replaying from the start", () => {
  const fx = fixtures.find((f) => f.example === "semaphore")!;
  const states = new LoopStates(fx.events);
  const forward = [...Array(fx.events.length).keys()].map((o) => JSON.stringify(asCore(states.stateAt(o), new Set())));
  for (const o of [fx.events.length - 1, 0, 77, 3, 130, 129, 128, 127]) {
    if (o >= fx.events.length) continue;
    assert.equal(JSON.stringify(asCore(states.stateAt(o), new Set())), forward[o], `event ${o}`);
  }
});

test("the lock example: bob waits on the lock alice holds, with the line of his await", () => {
  const fx = fixtures.find((f) => f.example === "lock")!;
  const states = new LoopStates(fx.events);
  const o = fx.events.findIndex((e) => e.kind === "task.suspend" && e.name === "bob");
  const s = states.stateAt(o);
  const lock = [...s.prims.values()].find((p) => p.kind === "lock")!;
  const alice = [...s.tasks.values()].find((t) => states.catalog.tasks.get(t.id)?.name === "alice")!;
  const bob = [...s.tasks.values()].find((t) => states.catalog.tasks.get(t.id)?.name === "bob")!;
  assert.equal(lock.holder, alice.id);
  assert.deepEqual(lock.waiters.map((w) => w.task), [bob.id]);
  assert.equal(bob.status, "waiting");
  assert.equal(bob.waitPos, "main.go:17");
  assert.equal(states.catalog.futures.get(bob.waitingOn!)?.prim, lock.id);
  assert.equal(alice.status, "waiting");
  assert.equal(states.catalog.futures.get(alice.waitingOn!)?.name, "sleep 100ms");
  assert.deepEqual(pendingTimers(s).map((t) => [t.name, t.due]), [["sleep 100ms", 100_000_000]]);
});

// A trace of n tasks that each sleep once, in the shape core records (see
// the coroutine example's trace): a state as big as n, as a run of
// hundreds of tasks has.
function manyTasks(n: number): TraceEvent[] {
  const ev: TraceEvent[] = [];
  const add = (e: Omit<TraceEvent, "seq" | "t">, t = 0) => ev.push({ seq: ev.length + 1, t, ...e } as TraceEvent);
  const task = (i: number) => 1 + i * 3; // a task, its sleep's future and its timer: ids in threes
  add({ kind: "task.create", id: 1, name: "Task-1", pos: "main.go:9" });
  add({ kind: "loop.run" });
  add({ kind: "iter.begin", value: "1" });
  add({ kind: "task.step", id: 1, name: "Task-1", in: 1 });
  for (let i = 1; i <= n; i++) add({ kind: "task.create", id: task(i), name: `w${i}`, in: 1, pos: "main.go:11" });
  add({ kind: "task.done", id: 1, name: "Task-1", detail: "result" });
  add({ kind: "iter.end" });
  add({ kind: "iter.begin", value: String(n) });
  for (let i = 1; i <= n; i++) {
    const id = task(i);
    add({ kind: "task.step", id, name: `w${i}`, in: id });
    add({ kind: "fut.create", id: id + 1, name: "sleep 1s", in: id, pos: "main.go:12" });
    add({ kind: "cb.schedule", id: id + 2, name: "sleep 1s", in: id, detail: "timer", due: 1e9 + i, pos: "main.go:12" });
    add({ kind: "task.suspend", id, name: `w${i}`, ref: id + 1, detail: "future", value: "sleep 1s", pos: "main.go:12" });
  }
  add({ kind: "iter.end" });
  for (let i = 1; i <= n; i++) {
    const id = task(i);
    const t = 1e9 + i;
    add({ kind: "timer.due", id: id + 2, due: t }, t);
    add({ kind: "iter.begin", value: "1" }, t);
    add({ kind: "cb.begin", id: id + 2, detail: "timer" }, t);
    add({ kind: "fut.done", id: id + 1, name: "sleep 1s", in: id + 2, detail: "result" }, t);
    add({ kind: "task.wake", id, name: `w${i}`, in: id + 2, ref: id + 1 }, t);
    add({ kind: "cb.end", id: id + 2 }, t);
    add({ kind: "iter.end" }, t);
    add({ kind: "iter.begin", value: "1" }, t);
    add({ kind: "task.step", id, name: `w${i}`, in: id, ref: id + 1 }, t);
    add({ kind: "task.done", id, name: `w${i}`, detail: "result" }, t);
    add({ kind: "iter.end" }, t);
  }
  return ev;
}

test("a run of many tasks: snapshots spaced by the state's size, and every state as replaying from the start gives it", () => {
  const events = manyTasks(400);
  const states = new LoopStates(events);
  // One every 128 events would be events/128 copies of 400 tasks and more.
  assert.ok(states.snapshotCount <= Math.ceil(events.length / 400) + 4, `${states.snapshotCount} snapshots of ${events.length} events`);
  const replayed = emptyState();
  const json = (s: LoopState) => JSON.stringify({ ...s, timers: [...s.timers], tasks: [...s.tasks], prims: [...s.prims] });
  for (let o = 0; o < events.length; o++) {
    applyEvent(replayed, events[o], o, states.catalog);
    if (o % 97 === 0 || o % 400 < 2 || o === events.length - 1) assert.equal(json(states.stateAt(o)), json(replayed), `event ${o}`);
  }
  const final = states.final();
  assert.equal(final.tasks.size, 401);
  assert.ok([...final.tasks.values()].every((t) => t.status === "done"));
});
