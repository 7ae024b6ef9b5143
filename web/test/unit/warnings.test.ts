import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { findWarnings, SPIN_STEPS, type Warning } from "../../src/timeline/warnings";
import { buildModel } from "../../src/timeline/model";
import type { TraceEvent } from "../../src/contract";

// Real traces: fixtures/warnings holds the runner's trace of each program of
// wasm/runner/testdata/warnings (one per kind of warning; TestWarningTraces
// keeps them current), fixtures/loopstate every example's.

const trace = (name: string): TraceEvent[] => JSON.parse(readFileSync(`fixtures/warnings/${name}.json`, "utf8"));
const source = (name: string): string[] => readFileSync(`../../../wasm/runner/testdata/warnings/${name}.go`, "utf8").split("\n");
/** The 1-based line of the program holding text. */
const lineOf = (name: string, text: string) => {
  const i = source(name).findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${name}.go has ${text}`);
  return i + 1;
};
const kinds = (ws: Warning[]) => ws.map((w) => w.kind);

test("a Sleep(0) spin: said once, at its Sleep(0) line and first step, with the timer it starved", () => {
  const ev = trace("spin");
  const ws = findWarnings(ev);
  assert.deepEqual(kinds(ws), ["spin"]);
  const w = ws[0];
  assert.equal(w.line, lineOf("spin", "core.Sleep(ctx, 0)"));
  assert.match(w.text, /^Task-1 yielded with Sleep\(0\) (\d+) times in a row/);
  // The first yield is not alone (the worker's first step runs after it): 99 in a row.
  assert.equal(Number(/(\d+) times/.exec(w.text)![1]), 99);
  assert.match(w.text, /the timer `sleep 100ms` of worker \(due at 100ms\) waited: .*time stood still/);
  assert.match(w.advice, /core\.Event/);
  // The mark is the warning's own, on Task-1's lane, where the spin began.
  const m = buildModel(ev);
  const pw = m.warnings[0];
  assert.equal(pw.mark?.kind, "warning");
  assert.equal(m.lanes[pw.lane].name, "Task-1");
  assert.equal(m.spans[pw.step].name, "Task-1");
  assert.ok(m.marks.includes(pw.mark!));
});

test("a spin needs SPIN_STEPS yields in a row with nothing else run between them", () => {
  const ev = trace("spin");
  // Cut the trace after fewer yields: no warning.
  let yields = 0;
  const cut = ev.findIndex((e) => e.kind === "task.suspend" && e.detail === "yield" && ++yields === SPIN_STEPS - 1);
  assert.deepEqual(findWarnings(ev.slice(0, cut + 1)), []);
});

test("a blocking call: one warning per line, with the step.block mark already drawn", () => {
  const ev = trace("block");
  const ws = findWarnings(ev);
  assert.deepEqual(kinds(ws), ["blocking"]);
  assert.equal(ws[0].line, lineOf("block", "time.Sleep(50"));
  assert.match(ws[0].text, /^The call at line \d+ blocked the loop for 50ms in a step of Task-1: nothing else could run meanwhile/);
  assert.match(ws[0].advice, /core\.Sleep\(ctx, d\) in place of time\.Sleep/);
  const m = buildModel(ev);
  assert.equal(m.warnings[0].mark?.kind, "block", "the block mark is the warning's mark");
  assert.equal(m.marks.filter((k) => k.kind === "warning").length, 0, "no second mark");
});

test("a task waiting forever: said at the step after which nothing could run, not at the end", () => {
  const ev = trace("stuck");
  const ws = findWarnings(ev);
  assert.deepEqual(kinds(ws), ["stuck", "stuck"]);
  const [main, waiter] = ws;
  assert.equal(waiter.line, lineOf("stuck", "ready.Wait(ctx)"));
  assert.match(waiter.text, /^waiter waits at line \d+ for event "ready", and nothing can ever complete it/);
  assert.match(waiter.advice, /Nothing sets event "ready": call Set\(\)/);
  assert.match(main.text, /^Task-1 waits at line \d+ for task waiter, which waits for event "ready"/);
  assert.equal(main.line, lineOf("stuck", "return core.Await(ctx, waiter)"));
  // Where: the end of Task-1's last step, before the loop's own "stuck" report and the shutdown.
  const diag = ev.findIndex((e) => e.kind === "diag" && e.detail === "stuck");
  assert.ok(waiter.o < diag);
  assert.equal(ev[waiter.o].kind, "task.suspend");
  assert.equal(ev[waiter.o].id, 1);
  assert.equal(waiter.t, 3e9, "at 3 s, when main began to wait too");
  // Their marks are the stuck marks the timeline draws after the deadlock, one per task: none added.
  const m = buildModel(ev);
  assert.deepEqual(m.warnings.map((w) => [w.mark?.kind, m.lanes[w.mark!.lane].name]), [["stuck", "Task-1"], ["stuck", "waiter"]]);
  assert.equal(m.marks.filter((k) => k.kind === "warning").length, 0);
});

test("tasks never awaited: a lost result, a lost error, unfinished work; a task read with Result() is not one", () => {
  const ev = trace("unawaited");
  const ws = findWarnings(ev);
  const texts = ws.map((w) => w.text);
  assert.equal(ws.length, 3, texts.join("\n"));
  assert.ok(ws.every((w) => w.kind === "unawaited"));
  const by = (name: string) => ws.find((w) => w.text.includes(`"${name}"`))!;
  assert.match(by("save").text, /never awaited: it had not finished when the main task returned, so Run cancelled it/);
  assert.equal(by("save").line, lineOf("unawaited", `CreateTask("save"`));
  assert.match(by("check").text, /never retrieved.*disk full/);
  assert.equal(by("check").line, lineOf("unawaited", `CreateTask("check"`));
  // Where the output says that sentence (the run's failure), the panel says fewer words: not it again.
  assert.equal(by("check").brief, 'Task "check" ended with the error the output reports.');
  assert.ok(!by("save").brief && !by("count").brief, "what only the warning says is said whole");
  assert.match(by("count").text, /returned 42, which nothing used/);
  assert.ok(!texts.some((t) => t.includes('"kept"')));
  // Each mark sits on its task's lane at the task's end.
  const m = buildModel(ev);
  for (const w of m.warnings) {
    assert.equal(ev[w.o].kind, "task.done");
    assert.equal(m.lanes[w.lane].id, w.task);
  }
});

test("a swallowed cancellation: core's ignored-cancel report, at the await that swallowed it", () => {
  const ev = trace("swallowed");
  const ws = findWarnings(ev);
  assert.deepEqual(kinds(ws), ["swallowed-cancel"]);
  assert.equal(ws[0].line, lineOf("swallowed", "core.Sleep(ctx, time.Second)"));
  assert.match(ws[0].text, /task "stubborn" was cancelled but awaited again/);
  assert.match(ws[0].advice, /return the error/);
  const m = buildModel(ev);
  assert.equal(m.lanes[m.warnings[0].lane].name, "stubborn");
});

test("an await cycle: said when it closes, naming both awaits", () => {
  const ev = trace("cycle");
  const ws = findWarnings(ev);
  assert.deepEqual(kinds(ws), ["await-cycle", "stuck"]);
  const [cycle, main] = ws;
  assert.match(cycle.text, /^b awaits a \(line \d+\), a awaits b \(line \d+\): neither can finish before the other/);
  assert.equal(cycle.line, lineOf("cycle", "return core.Await(ctx, a)"));
  // Said as the cycle closes: before the loop's stuck report.
  assert.ok(cycle.o < ev.findIndex((e) => e.kind === "diag" && e.detail === "stuck"));
  // Task-1 waits on a: stuck, and a and b are not said twice.
  assert.match(main.text, /^Task-1 waits at line \d+ for task a, which waits for task b/);
});

test("a task awaiting itself: core's report, as an await cycle", () => {
  const ws = findWarnings(trace("self"));
  assert.deepEqual(kinds(ws), ["await-cycle"]);
  assert.match(ws[0].text, /task "s" awaited itself/);
  assert.equal(ws[0].line, lineOf("self", "core.Await(ctx, me)"));
});

test("the examples: only the stuck and blocking ones warn", () => {
  const dir = "fixtures/loopstate";
  const seen: Record<string, string[]> = {};
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const fx = JSON.parse(readFileSync(`${dir}/${f}`, "utf8"));
    seen[fx.example] = kinds(findWarnings(fx.events));
  }
  const warned = Object.fromEntries(Object.entries(seen).filter(([, k]) => k.length));
  // Python's twins (their fixtures are beside Go's) warn the same way.
  assert.deepEqual(warned, { stuck: ["stuck"], blocking_download: ["blocking"], stuck_py: ["stuck"], blocking_download_py: ["blocking"] });
});

// Python mode: the twins of those programs (web/python/testdata/warnings,
// traces kept by web/python/tests/test_warnings.py) warn as Go's do, each at
// its own line, from the same schema.
const pySource = (name: string): string[] => readFileSync(`../../../web/python/testdata/warnings/${name}.py`, "utf8").split("\n");
const pyLine = (name: string, text: string) => {
  const i = pySource(name).findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${name}.py has ${text}`);
  return i + 1;
};

test("Python: each program warns as its Go twin does, at its own line", () => {
  const at: Record<string, string[]> = {
    spin: ["await asyncio.sleep(0)"],
    block: ["time.sleep(0.05)"],
    stuck: ["await w", "await ready.wait()"],
    cycle: ['return await tasks["a"]', 'return await tasks["a"]'], // b's await, then main's
    self: ["await asyncio.current_task()"],
    swallowed: ["await asyncio.sleep(1)"],
    unawaited: ['create_task(check(), name="check")', 'create_task(count(), name="count")', 'create_task(save(), name="save")'],
  };
  for (const [name, texts] of Object.entries(at)) {
    const ws = findWarnings(trace(`${name}_py`));
    assert.deepEqual(kinds(ws).sort(), kinds(findWarnings(trace(name))).sort(), name);
    ws.forEach((w, i) => {
      const lines = pySource(name).flatMap((l, j) => (l.includes(texts[i]) ? [j + 1] : []));
      assert.ok(lines.includes(w.line), `${name}: warning ${i} (${w.kind}) at line ${w.line}, expected one of ${lines}`);
    });
    // Python's words in the advice.
    for (const w of ws) assert.doesNotMatch(w.advice, /core\./, `${name}: ${w.advice}`);
  }
});

test("Python: a swallowed cancellation is said at the await that received it, in the task's lane", () => {
  const ev = trace("swallowed_py");
  const [w] = findWarnings(ev);
  assert.equal(w.kind, "swallowed-cancel");
  assert.equal(w.line, pyLine("swallowed", "await asyncio.sleep(1)"));
  assert.match(w.text, /task "stubborn" was cancelled but caught the CancelledError and awaited again/);
  assert.match(w.advice, /re-raise the CancelledError/);
  const m = buildModel(ev);
  assert.equal(m.lanes[m.warnings[0].lane].name, "stubborn");
  // After the line that printed the caught error: the step where it went on.
  assert.equal(ev[w.o + 1].kind, "task.suspend");
});

test("Python: tasks never awaited — a lost value, a lost error (asyncio's own report), unfinished work", () => {
  const ev = trace("unawaited_py");
  const ws = findWarnings(ev);
  assert.ok(ws.every((w) => w.kind === "unawaited"));
  const by = (name: string) => ws.find((w) => w.text.includes(`"${name}"`))!;
  assert.match(by("check").text, /^Task exception was never retrieved: OSError: disk full/);
  assert.equal(by("check").brief, 'Task "check" ended with the error the output reports.');
  assert.match(by("count").text, /returned 42, which nothing used/);
  assert.match(by("save").text, /it had not finished when the main task returned, so asyncio\.run cancelled it/);
  assert.equal(ws.length, 3);
  const m = buildModel(ev);
  for (const w of m.warnings) {
    assert.equal(ev[w.o].kind, "task.done");
    assert.equal(m.lanes[w.lane].id, w.task);
  }
});

test("Python: a task destroyed while pending (the loop closed first) is lost unless a task awaited it", () => {
  const ev = trace("pending_py");
  const ws = findWarnings(ev);
  assert.deepEqual(ws.map((w) => [w.kind, w.line]), [
    ["unawaited", pyLine("pending", 'name="lonely"')],
    ["unawaited", pyLine("pending", 'name="waiter"')],
  ]);
  assert.match(ws[0].text, /^Task was destroyed but it is pending! \(the loop closed while task "lonely" was waiting on future "sleep 100s"\)/);
  assert.match(ws[0].advice, /run_until_complete/);
  // asyncio's logger prints the headline in the output: the panel then says where the task stood instead.
  assert.equal(ws[0].saidAs, "Task was destroyed but it is pending!");
  assert.equal(ws[0].brief, 'Task "lonely" was waiting on future "sleep 100s" when the loop closed: what it had left to do never ran.');
  assert.equal(ws[1].brief, 'Task "waiter" was waiting on task "awaited" when the loop closed: what it had left to do never ran.');
  // "awaited" was awaited by waiter: that is waiter's loss, said once.
  const awaited = ev.find((e) => e.kind === "task.create" && e.name === "awaited")!.id;
  assert.ok(!ws.some((w) => w.task === awaited));
});

test("Go: core's report of a task destroyed while pending has the same fewer words, for where the output says it whole", () => {
  const [w] = findWarnings([
    { seq: 1, t: 0, kind: "task.create", id: 1, name: "lonely", pos: "main.go:12" },
    { seq: 2, t: 0, kind: "diag", id: 1, detail: "pending", value: 'Task was destroyed but it is pending: the loop closed while task "lonely" had not finished' },
  ]);
  assert.equal(w.kind, "unawaited");
  assert.equal(w.saidAs, undefined, "the output's line is the whole sentence");
  assert.equal(w.brief, 'Task "lonely" had not finished when the loop closed: what it had left to do never ran.');
});
