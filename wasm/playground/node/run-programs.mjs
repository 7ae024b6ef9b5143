// Runs Go programs through the playground's wasm under Node, as the Web
// Worker does: usage `node run-programs.mjs WASM_EXEC_JS LOOPSCOPE_WASM FILE.go...`.
// A FILE.json is a whole request ({"source", "clock", "limits"}) instead.
// With LOOPSCOPE_PREPARE=1 each program is first prepared (compiled ahead,
// step by step) as the worker does while idle.
// Prints one JSON line per program: {"file", "result", "messages",
// "batches"}: the Result JSON, and how many messages were streamed while it
// ran in how many batches. A program that kills the instance (a stack
// overflow) gets outcome "crash", and a fresh instance runs the next program.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const [wasmExec, wasmPath, ...files] = process.argv.slice(2);
// stdout is for the results alone, a JSON line each. wasm_exec.js prints
// what Go writes to its stdout and stderr with console.log: a runtime's
// own last words as a program kills its instance ("fatal error: bad
// sweepgen in refill", once, from the runaway recursion under load) went
// between the results and broke the test reading them. They go to stderr,
// which the test logs.
console.log = (...args) => process.stderr.write(args.join(" ") + "\n");
createRequire(import.meta.url)(wasmExec); // defines globalThis.Go
const wasmBytes = readFileSync(wasmPath);
const module = await WebAssembly.compile(wasmBytes);

// A Go stack overflow in wasm surfaces as an uncaught RangeError (in a
// browser, the worker's error event): it ends the current instance.
let crashed = () => {};
process.on("uncaughtException", (err) => crashed(err));

// start boots one instance and resolves with its API, plus a promise that
// resolves when the instance exits or crashes (it never should otherwise).
async function start() {
  const go = new globalThis.Go();
  const instance = await WebAssembly.instantiate(module, go.importObject);
  const ready = new Promise((resolve) => { globalThis.loopscopeReady = resolve; });
  const died = new Promise((resolve) => { crashed = (err) => resolve({ exited: true, err }); });
  const exited = Promise.race([died, go.run(instance).then(() => ({ exited: true }), (err) => ({ exited: true, err }))]);
  await Promise.race([ready, exited]);
  return { api: globalThis.loopscope, exited };
}

const t0 = performance.now();
let inst = await start();
process.stderr.write(`cold start: ${(performance.now() - t0).toFixed(0)} ms (instantiate + Go init)\n`);

for (const file of files) {
  const text = readFileSync(file, "utf8");
  const req = file.endsWith(".json") ? text : JSON.stringify({ source: text, clock: "virtual" });
  const started = performance.now();
  let result;
  let messages = 0;
  let batches = 0;
  try {
    if (process.env.LOOPSCOPE_PREPARE === "1") {
      const source = file.endsWith(".json") ? JSON.parse(text).source : text;
      while (await inst.api.prepare(source));
    }
    const answer = await Promise.race([inst.api.run(req, (m) => { messages += JSON.parse(m).length; batches++; }), inst.exited]);
    if (typeof answer === "string") {
      result = JSON.parse(answer);
    } else {
      const why = answer.err ? String(answer.err).split("\n")[0] : "the instance exited";
      result = { outcome: "crash", message: `the runner crashed (${why}: runaway recursion?) and was restarted`, output: [], diagnostics: [], events: [] };
      inst = await start();
    }
  } catch (err) {
    const why = String(err).split("\n")[0];
    result = { outcome: "crash", message: `the runner crashed (${why}: runaway recursion?) and was restarted`, output: [], diagnostics: [], events: [] };
    inst = await start();
  }
  process.stderr.write(`${file}: ${result.outcome} in ${(performance.now() - started).toFixed(0)} ms\n`);
  process.stdout.write(JSON.stringify({ file, result, messages, batches }) + "\n");
}
// Exit once stdout is written out: a large result may still be queued for
// the pipe, and process.exit would cut it off.
process.stdout.write("", () => process.exit(0));
