// Events in one shape (timeline/event.ts) must draw the same picture as the
// mixed-shape events JSON gives: the page normalises them as they arrive,
// tests and exports build from plain ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { buildModel } from "../../src/timeline/model";
import { Ev, normalizeEvents } from "../../src/timeline/event";
import { LoopStates } from "../../src/timeline/loop-state";
import type { TraceEvent } from "../../src/contract";

// Every recorded trace the unit tests have: Go and Python, every warning, every primitive.
function traces(): [string, TraceEvent[]][] {
  const out: [string, TraceEvent[]][] = [["basic-trace.json", JSON.parse(readFileSync("fixtures/basic-trace.json", "utf8"))]];
  for (const dir of ["warnings", "loopstate", "loopstate-more"]) {
    for (const f of readdirSync(`fixtures/${dir}`).filter((x) => x.endsWith(".json"))) {
      const raw = JSON.parse(readFileSync(`fixtures/${dir}/${f}`, "utf8"));
      out.push([`${dir}/${f}`, Array.isArray(raw) ? raw : raw.events]);
    }
  }
  return out;
}

// What is drawn and told: the model without its event and catalog objects, as JSON
// (an absent field and an undefined one read the same, and JSON says so).
function picture(events: readonly TraceEvent[]) {
  const m = buildModel(events);
  const { events: evs, catalog, ...rest } = m;
  return JSON.parse(JSON.stringify({ ...rest, events: evs, futures: [...catalog.futures], py: catalog.py }));
}

test("a trace in one shape builds the same model as the mixed shapes JSON gives", () => {
  const all = traces();
  assert.ok(all.length > 30, `only ${all.length} traces`);
  for (const [name, events] of all) {
    assert.ok(events.length > 0, name);
    const norm = normalizeEvents(events);
    assert.ok(norm.every((e) => e instanceof Ev), name);
    assert.deepEqual(picture(norm), picture(events), name);
  }
});

test("the loop's state after every event is the same from normalised events", () => {
  for (const [name, events] of traces()) {
    const a = new LoopStates(events);
    const b = new LoopStates(normalizeEvents(events));
    for (let o = 0; o < events.length; o++) {
      assert.deepEqual(JSON.parse(JSON.stringify(snapshot(b.stateAt(o)))), JSON.parse(JSON.stringify(snapshot(a.stateAt(o)))), `${name} @${o}`);
    }
  }
});

function snapshot(s: ReturnType<LoopStates["stateAt"]>) {
  return { ...s, timers: [...s.timers], tasks: [...s.tasks], prims: [...s.prims] };
}

test("normalising keeps every field and copies no Ev twice", () => {
  const e: TraceEvent = { seq: 7, t: 2e9, wall: 3e9, kind: "diag", id: 4, name: "n", in: 2, ref: 3, detail: "slow", value: "v", due: 5, pos: "main.go:9", dur: 6 };
  const [n] = normalizeEvents([e]);
  assert.deepEqual({ ...n }, e);
  assert.equal(normalizeEvents([n])[0], n);
  // Absent fields stay absent to JSON (exports, shares).
  assert.equal(JSON.stringify(new Ev({ seq: 1, t: 0, kind: "loop.run" })), JSON.stringify({ seq: 1, t: 0, kind: "loop.run" }));
});
