// Where a finished run's outcome is said, once: a failure of the program
// (it panicked, deadlocked, hit a limit, did not compile) in the output
// pane, after what it printed, in one whole sentence; the status line then
// names it in a few words ("Failed: deadlock"). What happened to the run
// itself (Stop pressed, a runner that did not load or died: byPage) is
// said in the status line alone: nothing in the output is about it.
import type { OutputLine, RunResult } from "./contract";

/** Whether the output pane says the outcome (else the status line does, whole). */
export function outcomeInOutput(r: Pick<RunResult, "outcome" | "message" | "byPage">): boolean {
  if (r.outcome === "ok" || r.outcome === "crash" || r.byPage) return false;
  // The runner's own word for a run the page cancelled.
  return !(r.outcome === "error" && /^stopped\b/i.test(r.message));
}

const MAX_STATUS = 90;

/** The status line's words for a finished run. */
export function statusText(r: Pick<RunResult, "outcome" | "message" | "byPage">): string {
  const m = r.message;
  if (r.outcome === "ok") return m || "Done.";
  if (!outcomeInOutput(r)) return m || "The run failed.";
  let s: string;
  switch (r.outcome) {
    case "compile-error": {
      const at = /^([\w.-]+:\d+(?::\d+)?): /.exec(m)?.[1];
      s = `Failed: does not compile${at ? ` (${at})` : ""}`;
      break;
    }
    case "deadlock":
      s = "Failed: deadlock";
      break;
    case "limit": {
      // "stopped: the program printed more than 1 MB, the playground's limit; …"
      const head = firstClause(m.replace(/^stopped:\s*/i, ""));
      s = /^stopped\b/i.test(head) ? head : `Stopped: ${head}`;
      break;
    }
    default: {
      // `task "parser" panicked at main.go:12: runtime error: …`, or
      // Python's "ZeroDivisionError: division by zero (main.py:4)".
      const head = beforeColon(m);
      const at = /\(([\w.-]+:\d+)\)$/.exec(m)?.[1];
      s = `Failed: ${head || "the run failed"}${at && !head.includes(at) ? ` at ${at}` : ""}`;
    }
  }
  return s.length > MAX_STATUS ? s.slice(0, MAX_STATUS - 1) + "…" : s;
}

/** s up to its first ": " outside double quotes. */
function beforeColon(s: string): string {
  let quoted = false;
  for (let i = 0; i < s.length - 1; i++) {
    if (s[i] === '"') quoted = !quoted;
    else if (!quoted && s[i] === ":" && s[i + 1] === " ") return s.slice(0, i);
  }
  return s;
}

/** s up to its first "; " or " (": the clause that says what happened. */
function firstClause(s: string): string {
  const cut = [s.indexOf("; "), s.indexOf(" (")].filter((i) => i > 0);
  return cut.length ? s.slice(0, Math.min(...cut)) : s;
}

/**
 * A sentence with its place taken out ("… panicked at main.go:12: x" and
 * "… panicked: x" say the same; so do "x (main.py:4)" and "x"), and the
 * task a logged exception names in parentheses (core's exception handler
 * writes "… result (task fetch): connection refused").
 */
function withoutPlace(s: string): string {
  return s
    .replace(/ at [\w.-]+:\d+(?::\d+)?(?=:)/, "")
    .replace(/ \([\w.-]+:\d+\)$/, "")
    .replace(/ \((?:task|future|handle) [^)]*\)(?=:)/, "")
    .trim();
}

/** Whether text says message, the run's outcome, in other words or the same. */
export function says(text: string, message: string): boolean {
  if (!message) return false;
  const t = withoutPlace(text);
  const m = withoutPlace(message);
  return t === m || t.endsWith(": " + m);
}

/** The last output line that already says the outcome, or -1. */
export function sayingLine(output: OutputLine[], message: string): number {
  for (let i = output.length - 1; i >= 0; i--) if (says(output[i].text, message)) return i;
  return -1;
}

/**
 * Whether the output pane says text (a warning's sentence): as the run's
 * outcome, which the pane always says (showResult), or in what the program
 * or the loop's exception handler wrote.
 */
export function outputSays(r: Pick<RunResult, "outcome" | "message" | "byPage" | "output">, text: string): boolean {
  return (outcomeInOutput(r) && says(r.message, text)) || sayingLine(r.output, text) >= 0 || loggedOverLines(r.output, text);
}

/**
 * Whether asyncio's logger wrote text over several lines: "Task exception
 * was never retrieved: OSError: disk full (task "check")" is its message on
 * a line, then the task, then the traceback ending in "OSError: disk full".
 */
function loggedOverLines(output: OutputLine[], text: string): boolean {
  const m = /^(.+?): (.+?)(?: \((?:task|future) "[^"]*"\))?$/.exec(text);
  if (!m) return false;
  const head = output.findIndex((l) => l.text === m[1]);
  return head >= 0 && output.slice(head + 1).some((l) => l.text === m[2]);
}
