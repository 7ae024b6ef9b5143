import { test } from "node:test";
import assert from "node:assert/strict";
import { outcomeInOutput, outputSays, sayingLine, says, statusText } from "../../src/run-outcome";
import type { RunResult } from "../../src/contract";

const run = (outcome: RunResult["outcome"], message: string) => ({ outcome, message });

test("the status line names a failure in a few words; the whole sentence is the output pane's", () => {
  const cases: [RunResult["outcome"], string, string][] = [
    ["deadlock", 'deadlock: nothing can ever run again: task "Task-1" waits on future "reply", which nothing will resolve', "Failed: deadlock"],
    ["failed", 'Task exception was never retrieved: task "fetch" failed and nothing awaited it or asked for its result: connection refused', "Failed: Task exception was never retrieved"],
    ["failed", 'task "parser" panicked at main.go:12: runtime error: index out of range [3] with length 0', 'Failed: task "parser" panicked at main.go:12'],
    ["failed", 'task "a: b" failed: connection refused', 'Failed: task "a: b" failed'],
    ["panic", "panic at main.go:8: assignment to entry in nil map", "Failed: panic at main.go:8"],
    ["compile-error", "main.go:5:2: undefined: x", "Failed: does not compile (main.go:5:2)"],
    ["error", "ZeroDivisionError: division by zero (main.py:4)", "Failed: ZeroDivisionError at main.py:4"],
    ["limit", 'stopped: the program printed more than 1 MB, the playground\'s limit; the output shows what it printed until then; task "w" was still running at main.go:15', "Stopped: the program printed more than 1 MB, the playground's limit"],
    ["limit", "stopped: still running after 10s of real time (an endless loop, or a goroutine blocked forever?)", "Stopped: still running after 10s of real time"],
    ["limit", "Stopped after 11 s of real time (a loop that never ends, or never awaits?). The runner was restarted.", "Stopped after 11 s of real time"],
  ];
  for (const [outcome, message, want] of cases) {
    assert.ok(outcomeInOutput(run(outcome, message)), `${outcome} is said in the output`);
    assert.equal(statusText(run(outcome, message)), want);
  }
});

test("what happened to the run itself, not the program, stays whole in the status line", () => {
  for (const r of [
    { ...run("error", "Stopped: main was still running at main.py:2. The runner was restarted, ready for the next run."), byPage: true },
    { ...run("error", "Could not load the HTTP runner: it answered 404. It runs programs that import net/http; programs without it still run."), byPage: true },
    run("error", "stopped; main was still running at main.go:6"),
    run("crash", "The runner crashed (stack overflow?); a fresh one has been started."),
    run("ok", "the program finished; a callback panicked at main.go:13: the callback broke (the loop went on)"),
  ]) {
    assert.equal(outcomeInOutput(r), false, r.message);
    assert.equal(statusText(r), r.message);
  }
});

test("a line that already says the outcome is found, whatever place it names", () => {
  const stuck = 'deadlock: nothing can ever run again: task "Task-1" waits on future "reply", which nothing will resolve';
  assert.equal(sayingLine([{ text: "waiting" }, { text: "error: " + stuck }], stuck), 1, "the program printed the error it got");
  const lost = 'Task exception was never retrieved: task "fetch" failed and nothing awaited it or asked for its result: connection refused';
  const logged = 'Task exception was never retrieved: task "fetch" failed and nothing awaited it or asked for its result (task fetch): connection refused';
  assert.equal(sayingLine([{ text: "main done" }, { text: logged }], lost), 1, "the exception handler logged it");
  assert.ok(says('task "parser" panicked: runtime error: x', 'task "parser" panicked at main.go:12: runtime error: x'), "a diagnostic without the place");
  assert.ok(says("ZeroDivisionError: division by zero", "ZeroDivisionError: division by zero (main.py:4)"));
  assert.equal(sayingLine([{ text: "connection refused" }, { text: "deadlock" }], lost), -1, "a fragment of it is not the sentence");
});

// The warnings panel asks this before saying a lost error's sentence again.
test("the output says a sentence when it is the run's outcome, or a line the loop logged", () => {
  const lost = 'Task exception was never retrieved: task "fetch" failed and nothing awaited it or asked for its result: connection refused';
  const other = 'Task exception was never retrieved: task "parse" failed and nothing awaited it or asked for its result: bad input';
  const logged = 'Task exception was never retrieved: task "parse" failed and nothing awaited it or asked for its result (task parse): bad input';
  const r = (output: string[], outcome: RunResult["outcome"] = "failed", message = lost) => ({ outcome, message, output: output.map((text) => ({ text })) });
  assert.ok(outputSays(r([]), lost), "the outcome, said by the pane");
  assert.ok(!outputSays(r([]), other), "a second lost error the handler did not log");
  assert.ok(outputSays(r(["main done", logged]), other), "one the handler logged");
  assert.ok(!outputSays(r([], "ok", ""), lost), "nothing said");
  assert.ok(!outputSays({ ...r([]), byPage: true }, lost), "a run the page ended: the status line says its message, not the output");
  // Python: the run is ok, and asyncio's logger says it over several lines.
  const py = 'Task exception was never retrieved: OSError: disk full (task "check")';
  const logger = ["Task exception was never retrieved", "future: <Task finished name='check' coro=<check() done, defined at main.py:9> exception=OSError('disk full')>", "Traceback (most recent call last):", '  File "main.py", line 10, in check', '    raise OSError("disk full")', "OSError: disk full", "fine"];
  assert.ok(outputSays(r(logger, "ok", "the program finished"), py), "asyncio's log of it");
  assert.ok(!outputSays(r(logger.slice(1), "ok", "the program finished"), py), "the error alone is not the sentence");
  assert.ok(!outputSays(r(["OSError: disk full", "Task exception was never retrieved"], "ok", "the program finished"), py), "nor its words in another order");
});
