import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { buildModel, MARK_KINDS, type TimelineModel } from "../../src/timeline/model";
import { MARK_STYLE } from "../../src/timeline/marks";
import { FALLBACK_PALETTE, fitView, ticks, type View } from "../../src/timeline/geometry";
import { toSVG } from "../../src/timeline/svg";
import { markPoint, spanRect } from "../../src/timeline/draw";
import { layoutLabels, MARK_CLEARANCE } from "../../src/timeline/labels";
import { tooltipLines } from "../../src/timeline/tooltip";
import { WAIT_KINDS } from "../../src/timeline/waits";
import { LoopStates } from "../../src/timeline/loop-state";
import { taskStatusText } from "../../src/timeline/state-words";
import type { TraceEvent } from "../../src/contract";

// The legibility rules of issue 14 item 5, checked on the trace of every
// example (fixtures/loopstate holds each example's trace) and on a few
// programs that no example covers (fixtures/legible: a TaskGroup abort, an
// deadlock with a chain of waits, a run with 14 tasks).

const examples: [string, TraceEvent[]][] = readdirSync("fixtures/loopstate")
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(`fixtures/loopstate/${f}`, "utf8")).events]);
const extra: [string, TraceEvent[]][] = readdirSync("fixtures/legible")
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(`fixtures/legible/${f}`, "utf8"))]);
// Python mode's examples (same trace schema, CPython's asyncio underneath).
const pyDir = "../../python/testdata/golden";
const python: [string, TraceEvent[]][] = readdirSync(pyDir)
  .filter((f) => f.endsWith(".golden"))
  .map((f) => [f.replace(/\.golden$/, ""), JSON.parse(readFileSync(`${pyDir}/${f}`, "utf8").split("--- trace\n")[1] ?? "[]")]);
const all = [...examples, ...extra, ...python].map(([name, events]) => [name, buildModel(events)] as [string, TimelineModel]);
const byName = new Map(all);

/** Text as wide as a proportional 11 px font's, about. */
const measure = (t: string) => t.length * 6.2;

/** Views of a run: the whole of it at three widths, on both axes, and zoomed into its start, middle and end. */
function views(m: TimelineModel): View[] {
  const out: View[] = [];
  for (const axis of ["step", "time"] as const) {
    for (const w of [375, 800, 1280]) {
      const v = fitView(m, axis, w, 400);
      out.push(v);
      for (const at of [0, 0.5, 0.9]) {
        const scale = v.scale * 6;
        out.push({ ...v, scale, offset: (at * (v.width - 128)) / v.scale });
      }
    }
  }
  return out;
}

test("every mark kind has a glyph, a colour, a tooltip title and legend words", () => {
  assert.deepEqual(Object.keys(MARK_STYLE).sort(), [...MARK_KINDS].sort());
  for (const k of MARK_KINDS) assert.ok(MARK_STYLE[k].legend && MARK_STYLE[k].title, k);
  // Two kinds that look the same must at least differ in colour.
  const looks = MARK_KINDS.map((k) => `${MARK_STYLE[k].shape}/${MARK_STYLE[k].color}`);
  assert.equal(new Set(looks).size, looks.length, `each kind looks different: ${looks.join(" ")}`);
});

test("the model only makes marks of the listed kinds", () => {
  for (const [name, m] of all) for (const mk of m.marks) assert.ok((MARK_KINDS as readonly string[]).includes(mk.kind), `${name}: ${mk.kind}`);
});

test("labels inside bars never run over a mark, and fit their bar or are cut with an ellipsis", () => {
  let placed = 0;
  let cut = 0;
  for (const [name, m] of all) {
    for (const v of views(m)) {
      for (const l of layoutLabels(m, v, measure)) {
        placed++;
        const w = measure(l.text);
        const r = spanRect(v, l.span);
        assert.ok(w <= l.maxW + 0.01, `${name}: "${l.text}" is wider than its room`);
        assert.ok(l.x >= r.x && l.x + w <= r.x + r.w, `${name}: "${l.text}" stays inside its bar`);
        for (const mk of m.marks) {
          if (mk.lane !== l.span.lane || mk.kind === "output") continue;
          const p = markPoint(v, mk);
          assert.ok(p.x + MARK_CLEARANCE <= l.x + 0.01 || p.x - MARK_CLEARANCE >= l.x + w - 0.01, `${name} (${v.axis}, ${v.width}px ×${v.scale.toPrecision(3)}): "${l.text}" at ${l.x.toFixed(1)}–${(l.x + w).toFixed(1)} runs over a ${mk.kind} mark at ${p.x.toFixed(1)}`);
        }
        if (l.cut) {
          cut++;
          assert.ok(l.text.endsWith("…") && l.full.startsWith(l.text.slice(0, -1).trimEnd()), `${name}: "${l.text}" is a cut of "${l.full}"`);
          // The full text is in the tooltip (the step's name, and its first output line).
          const tip = tooltipLines(m, l.span).join("\n");
          for (const part of l.full.split(" · ")) assert.ok(tip.toLowerCase().includes(part.toLowerCase()), `${name}: the tooltip has "${part}"`);
        }
      }
    }
  }
  assert.ok(placed > 100 && cut > 10, `labels placed: ${placed}, cut: ${cut}`);
});

/** Two equal words in a row ("cancelled cancelled"), across punctuation. */
function repeated(text: string): string | undefined {
  // A Go value the program returned ("[<nil> <nil>]") is the program's, not our words.
  const words = text.replace(/\[[^\]]*\]/g, " [value] ").toLowerCase().match(/[\p{L}\p{N}_'-]+/gu) ?? [];
  for (let i = 1; i < words.length; i++) if (words[i] === words[i - 1] && !/^\d+$/.test(words[i])) return `${words[i]} ${words[i]}`;
  return undefined;
}

test("tooltips never say a word twice in a row", () => {
  let n = 0;
  for (const [name, m] of all) {
    const items = [...m.spans, ...m.marks.filter((k) => k.kind !== "output"), ...m.waits, ...m.lanes];
    for (const it of items) {
      // Program output is the program's text, not ours.
      const lines = tooltipLines(m, it).filter((l) => !l.startsWith("» "));
      const twice = repeated(lines.join(" \n "));
      assert.equal(twice, undefined, `${name}: ${JSON.stringify(lines)}`);
      n++;
    }
  }
  assert.ok(n > 500, `${n} tooltips read`);
  assert.equal(repeated("slow.example: cancelled cancelled"), "cancelled cancelled", "the check itself finds a repeat");
});

test("the Steps axis counts steps, as the step counter does: tick k sits where step k begins", () => {
  for (const [name, m] of all) {
    for (const v of views(m).filter((x) => x.axis === "step")) {
      const ts = ticks(v, m.stepStarts);
      const inView = m.stepStarts.filter((u) => 128 + (u - v.offset) * v.scale >= 128 && 128 + (u - v.offset) * v.scale <= v.width).length;
      assert.ok(ts.length > 0 || inView === 0, `${name}: some ticks when a step starts in view`);
      if (inView >= 2) assert.ok(ts.length >= Math.min(2, inView) || v.width < 500, `${name}: ${ts.length} ticks for ${inView} steps in view`);
      for (const t of ts) {
        const k = Number(t.label);
        assert.ok(Number.isInteger(k) && k >= 1 && k <= m.spans.length, `${name}: tick ${t.label} names a step`);
        assert.equal(t.unit, m.spans[k - 1].o0, `${name}: tick ${k} is at step ${k}'s start`);
        assert.equal(spanRect(v, m.spans[k - 1]).x, 128 + (t.unit - v.offset) * v.scale);
      }
    }
  }
  // The lock example: 9 steps over 60-odd events; a fitted 1280 px view labels every step, 1 to 9.
  const lock = byName.get("lock")!;
  assert.deepEqual(ticks(fitView(lock, "step", 1280, 400), lock.stepStarts).map((t) => t.label), lock.spans.map((_, i) => String(i + 1)));
});

test("wait bands say what each task awaits: sleep, task, queue, lock, event, future", () => {
  const kinds = (name: string) => new Set(byName.get(name)!.waits.map((w) => w.kind));
  const seen = new Set(all.flatMap(([, m]) => m.waits.map((w) => w.kind)));
  assert.deepEqual([...seen].sort(), [...WAIT_KINDS].sort(), "every kind of wait occurs in some run");
  assert.ok(kinds("lock").has("lock") && kinds("lock").has("sleep"));
  assert.ok(kinds("queue").has("queue"));
  assert.ok(kinds("cancel_task").has("task"));
  assert.ok(kinds("gather_downloads").has("future"), "awaiting gather is awaiting a future");
  const lock = byName.get("lock")!;
  const bob = lock.lanes.find((l) => l.name === "bob")!.index;
  const w = lock.waits.find((x) => x.lane === bob && x.kind === "lock")!;
  assert.ok(w.o1 > w.o0, "bob's wait for the lock lasts until his next step");
  assert.deepEqual(tooltipLines(lock, w).slice(0, 2), ["Waiting on a lock or semaphore", 'bob waits for lock "account"']);
});

test("a TaskGroup's abort is drawn on the failing task, and its cancel arrows start there", () => {
  const m = byName.get("taskgroup-abort")!;
  const lane = (n: string) => m.lanes.find((l) => l.name === n)!.index;
  const abort = m.marks.filter((k) => k.kind === "abort");
  assert.equal(abort.length, 1);
  assert.equal(abort[0].lane, lane("bad"));
  assert.equal(tooltipLines(m, abort[0])[0], "TaskGroup abort");
  const cancels = m.arrows.filter((a) => a.kind === "cancel");
  assert.ok(cancels.length >= 3, "it cancels the other two and the body");
  for (const a of cancels) {
    assert.equal(a.fromLane, lane("bad"), a.label);
    assert.match(a.label, /^bad failed: its TaskGroup cancels /);
  }
  assert.ok(!m.marks.some((k) => k.kind === "sync" && /group\.abort/.test(k.label)), "no lock / queue mark for it");
});

test("after a deadlock: a wait-for mark on each stuck task, arrows to the task that could wake it, and one quiet shutdown", () => {
  const stuck = byName.get("stuck")!;
  const marks = stuck.marks.filter((k) => k.kind === "stuck");
  assert.equal(marks.length, 1);
  assert.equal(stuck.lanes[marks[0].lane].name, "Task-1");
  assert.match(marks[0].label, /^Task-1 waits on future "reply" \(line 15\), which nothing will ever complete$/);
  // The shutdown's cancellation: one mark for all, no red arrows or crosses.
  const exit = stuck.events.findIndex((e) => e.kind === "loop.exit");
  assert.equal(stuck.marks.filter((k) => k.kind === "shutdown").length, 1);
  assert.match(stuck.marks.find((k) => k.kind === "shutdown")!.label, /^The loop stopped with 1 task still pending \(Task-1\)/);
  assert.equal(stuck.arrows.filter((a) => a.kind === "cancel").length, 0);
  assert.deepEqual(stuck.marks.filter((k) => k.o > exit && (k.kind === "cancelled" || k.kind === "cancel-request")), []);
  assert.equal(stuck.marks.filter((k) => k.kind === "shutdown-cancel").length, 1);
  // Python mode's deadlock reads the same.
  const py = byName.get("stuck_py")!;
  assert.deepEqual(py.marks.filter((k) => k.kind === "stuck").map((k) => k.label), ['Task-1 waits on future "reply" (line 7), which nothing will ever complete']);
  assert.equal(py.marks.filter((k) => k.kind === "shutdown").length, 1);
  assert.equal(py.arrows.filter((a) => a.kind === "cancel").length, 0);

  // A chain: main waits for b, b for a, c for the lock a holds, a for a reply nobody sends.
  const chain = byName.get("wait-chain")!;
  const lane = (n: string) => chain.lanes.find((l) => l.name === n)!.index;
  const arrows = chain.arrows.filter((a) => a.kind === "wait-for").map((a) => [chain.lanes[a.fromLane].name, chain.lanes[a.toLane].name]);
  assert.deepEqual(arrows.sort(), [["Task-1", "b"], ["b", "a"], ["c", "a"]]);
  const said = (n: string) => chain.marks.find((k) => k.kind === "stuck" && k.lane === lane(n))!.label;
  assert.match(said("c"), /^c waits on lock "db" \(line \d+\), held by a, which is stuck too$/);
  assert.match(said("b"), /^b waits on task a \(line \d+\), which is stuck too$/);
  assert.match(said("a"), /^a waits on future "reply" \(line \d+\), which nothing will ever complete$/);
  assert.equal(chain.marks.filter((k) => k.kind === "shutdown").length, 1);
  assert.match(chain.marks.find((k) => k.kind === "shutdown")!.label, /4 tasks still pending \(Task-1, a, b, c\)/);
});

test("the state panel's task lines never say a word twice in a row either", () => {
  let n = 0;
  for (const [name, m] of all) {
    const states = new LoopStates(m.events);
    for (const o of [Math.floor(m.events.length / 2), m.events.length - 1]) {
      const s = states.stateAt(o);
      for (const t of s.tasks.values()) {
        const line = taskStatusText(states.catalog, s, t);
        assert.equal(repeated(line), undefined, `${name}: ${line}`);
        n++;
      }
    }
  }
  assert.ok(n > 50, `${n} task lines`);
  const cancel = byName.get("cancel_task")!;
  const states = new LoopStates(cancel.events);
  const fin = states.final();
  const worker = [...fin.tasks.values()].find((t) => states.catalog.tasks.get(t.id)?.name === "worker")!;
  assert.equal(taskStatusText(states.catalog, fin, worker), "cancelled (enough)");
});

test("the SVG export has the same bar labels, cut with the whole text in a title, and the stuck tags", () => {
  const lock = byName.get("lock")!;
  const svg = toSVG(lock, fitView(lock, "step", 900, 300), FALLBACK_PALETTE);
  const texts = [...svg.matchAll(/<text [^>]*><title>([^<]*)<\/title>([^<]*)<\/text>/g)].map(([, full, shown]) => [full, shown]);
  assert.ok(texts.length >= 3, svg.slice(0, 200));
  for (const [full, shown] of texts) assert.ok(shown === full || (shown.endsWith("…") && full.startsWith(shown.slice(0, -1).trimEnd())), `${shown} / ${full}`);
  const stuck = byName.get("stuck")!;
  assert.match(toSVG(stuck, fitView(stuck, "step", 900, 300), FALLBACK_PALETTE), /stuck on future &quot;reply&quot;/);
});
