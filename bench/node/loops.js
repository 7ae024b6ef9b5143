// Node side of `make bench`: Node's nearest equivalents of core's workloads.
// Usage: node --expose-gc loops.js [--repeat N] [--min-time SECONDS]
// Each throughput workload runs at least N times and until SECONDS have
// passed; the best run is kept (V8 optimizes a hot async function only
// after many calls: task_switch went 1.1, 1.9, 2.4 ... 9.6 M/s over ten runs).
// Prints one JSON object {"results": {name: {value, unit}}, "missing": {name: reason}}.
// Each workload is the same work as the Go function in bench/workloads named
// next to it; what differs is said there too.
"use strict";

const now = () => Number(process.hrtime.bigint()) / 1e9;

// call_soon, as workloads.CallSoonChain: 1M setImmediate callbacks, each
// scheduling the next. setImmediate is a macrotask queue, like the ready queue.
function callSoon() {
  const n = 1_000_000;
  return new Promise((resolve) => {
    let count = 0;
    const t0 = now();
    const f = () => {
      count++;
      if (count < n) setImmediate(f);
      else resolve({ value: n / (now() - t0), unit: "ops/s" });
    };
    setImmediate(f);
  });
}

// task_switch, as workloads.TaskSwitches: 10k async functions x 10 `await null`, under Promise.all;
// 110k switches counted. Differs: `await null` is a microtask hop, not a
// trip through the event loop's queue as sleep(0) is.
async function taskSwitch() {
  const tasks = 10_000, yields = 10;
  let steps = 0;
  const worker = async () => {
    for (let i = 0; i < yields; i++) await null;
    steps++;
  };
  const t0 = now();
  await Promise.all(Array.from({ length: tasks }, worker));
  const el = now() - t0;
  if (steps !== tasks) throw new Error(`tasks finished: ${steps}`);
  return { value: (tasks * (yields + 1)) / el, unit: "ops/s" };
}

// gather, as workloads.Gather: 100k async functions returning their index, under Promise.all.
// Differs: an async function runs synchronously up to its first await, so
// no task is scheduled per child.
async function gather() {
  const n = 100_000;
  const child = async (i) => i;
  const t0 = now();
  const res = await Promise.all(Array.from({ length: n }, (_, i) => child(i)));
  const el = now() - t0;
  if (res.length !== n || res[n - 1] !== n - 1) throw new Error("wrong results");
  return { value: n / el, unit: "ops/s" };
}

// mem_per_task, as workloads.MemPerTask: 100k async functions suspended awaiting one shared pending
// promise; V8 heapUsed delta after a forced GC (JS heap, not RSS).
async function memPerTask() {
  const n = 100_000;
  let open;
  const gate = new Promise((r) => (open = r));
  let finished = 0;
  const body = async () => {
    await gate;
    finished++;
  };
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const all = Array.from({ length: n }, body);
  await new Promise((r) => setImmediate(r));
  global.gc();
  const after = process.memoryUsage().heapUsed;
  open();
  await Promise.all(all);
  if (finished !== n) throw new Error(`finished: ${finished}`);
  return { value: (after - before) / n, unit: "bytes/task", note: "V8 heapUsed delta after gc()" };
}

// Every workload of the table, in its order; `missing` says why Node has none.
const workloads = [
  { name: "call_soon", fn: callSoon },
  { name: "task_switch", fn: taskSwitch },
  { name: "timers", missing: "setTimeout takes no absolute deadline and clamps delays to >= 1 ms: no call_at equivalent" },
  { name: "gather", fn: gather },
  { name: "queue", missing: "Node has no built-in async queue (a hand-written one would measure this script, not Node)" },
  { name: "lock", missing: "Node has no built-in async lock (no Web Locks API in Node 20)" },
  { name: "mem_per_task", fn: memPerTask, once: true },
];

async function main() {
  const arg = (name, def) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : def;
  };
  const repeat = arg("--repeat", 3);
  const minTime = arg("--min-time", 0);
  if (!(repeat >= 1)) throw new Error("--repeat must be at least 1");
  if (!(minTime >= 0)) throw new Error("--min-time must be a number of seconds");
  if (typeof global.gc !== "function") throw new Error("run with node --expose-gc");
  const results = {}, missing = {};
  for (const w of workloads) {
    if (w.missing) {
      missing[w.name] = w.missing;
      continue;
    }
    const until = now() + (w.once ? 0 : minTime);
    for (let r = 0; r < (w.once ? 1 : repeat) || now() < until; r++) {
      let res;
      try {
        res = await w.fn();
      } catch (e) {
        missing[w.name] = "failed: " + e.message;
        break;
      }
      if (!results[w.name] || res.value > results[w.name].value) results[w.name] = res;
    }
  }
  process.stdout.write(JSON.stringify({ results, missing }) + "\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
