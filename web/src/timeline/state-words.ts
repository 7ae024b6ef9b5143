// Words for what a rebuilt loop state holds: names of tasks, callbacks and
// the things tasks wait on, and why an entry is in the ready queue. Shared by
// the state panel, the narration and the task table so each says a thing
// the same way.
import { lineOfPos } from "../contract";
import { formatNs } from "./model";
import { doneAt, type Catalog, type LoopState, type ReadyItem, type TaskState, type TimerItem } from "./loop-state";

export function taskName(cat: Catalog, id: number): string {
  return cat.tasks.get(id)?.name || `task #${id}`;
}

// core's calls and asyncio's, for the words a learner reads.
const PY_API: Record<string, string> = {
  "Sleep(0)": "asyncio.sleep(0)", CallSoon: "call_soon", CallLater: "call_later", CallAt: "call_at",
  "CallSoonThreadsafe (from another goroutine)": "call_soon_threadsafe (from another thread)",
};

/** The call as the trace's language names it: core's (Go mode) or asyncio's (Python mode). */
export function api(cat: Catalog, goName: string): string {
  return cat.py ? PY_API[goName] ?? goName : goName;
}

/**
 * What a task runs when the program gave it no name ("Task-2"): Python
 * mode's task.create value, as asyncio's repr says it ("download()",
 * "loop.shutdown_asyncgens()"); "" for a named task, or a Go one.
 */
export function taskRuns(cat: Catalog, id: number): string {
  const ev = cat.tasks.get(id);
  return ev?.value && /^Task-\d+$/.test(ev.name ?? "") ? ev.value : "";
}

/** A line reference for a "file.go:line" position: "line 23", or "". */
export function lineWord(pos: string | undefined): string {
  const n = lineOfPos(pos);
  return n ? `line ${n}` : "";
}

/** Who was running: a task's name, a callback, or "" for the loop itself. */
export function runnerName(cat: Catalog, id: number | undefined): string {
  if (!id) return "";
  if (cat.tasks.has(id)) return taskName(cat, id);
  const h = cat.handles.get(id);
  if (h?.detail === "timer" && h.name) return `the ${h.name} timer`;
  return callbackName(cat, id);
}

/**
 * A callback by its function's name, as the trace gives it (Go: "handler",
 * "(*Loop).Stop", "main.func1" for a function literal; Python: the
 * callback's qualified name): "callback `handler`"; "callback #3" when the
 * trace names none. Core's own timers (a sleep's, a timeout's) and
 * done-callbacks are named for what they serve instead.
 */
export function callbackName(cat: Catalog, id: number): string {
  const h = cat.handles.get(id);
  if (h?.name && h.detail === "timer") return `timer \`${h.name}\``;
  if (h?.name && h.detail === "done-callback") return `the done-callback of ${h.name}`;
  if (h?.name) return `callback \`${h.name}\``;
  return `callback #${id}`;
}

/** A sleep future's name is "sleep 100ms": the duration, or "". */
function sleepOf(name: string): string {
  const m = /^sleep (.+)$/.exec(name);
  return m ? m[1] : "";
}

/** What awaiting future id means, as a noun phrase: "a 100ms sleep", `lock "account"`, "task worker". */
export function awaitedThing(cat: Catalog, id: number | undefined): string {
  if (!id) return "something";
  const f = cat.futures.get(id);
  if (!f) return `future #${id}`;
  if (f.kind === "task") return `task ${f.name}`;
  if (f.kind === "waiter") return f.name;
  const d = sleepOf(f.name);
  if (d) return `a ${d} sleep`;
  return f.name;
}

/** How a task waits on id, as a verb phrase: "sleeps 100ms", `waits for lock "account"`, "waits for task x". */
export function waitPhrase(cat: Catalog, id: number | undefined): string {
  const f = id ? cat.futures.get(id) : undefined;
  if (f && f.kind === "future") {
    const d = sleepOf(f.name);
    if (d) return `sleeps ${d}`;
  }
  if (f?.kind === "waiter") {
    const p = cat.prims.get(f.prim!);
    if (p?.kind.endsWith("queue")) return `waits on ${f.name}`;
  }
  return `waits for ${awaitedThing(cat, id)}`;
}

/**
 * Why a woken task is ready: its await is over. wakeVia tells the future
 * that woke it; done says how that future ended.
 */
export function wakeReason(cat: Catalog, s: LoopState | undefined, fut: number | undefined): string {
  if (!fut) return "what it awaited is done";
  const f = cat.futures.get(fut);
  const how = s ? doneAt(cat, s, fut) : undefined;
  if (how?.outcome === "cancelled") return f?.kind === "task" ? `task ${f.name} was cancelled` : `what it awaited (${awaitedThing(cat, fut)}) was cancelled`;
  if (!f) return `future #${fut} is done`;
  if (f.kind === "task") {
    if (how?.outcome === "exception") return `task ${f.name} failed`;
    return `task ${f.name} has finished`;
  }
  if (f.kind === "waiter") {
    const p = cat.prims.get(f.prim!);
    const kind = p?.kind ?? "";
    if (kind === "lock") return `${f.name} is free for it`;
    if (kind.includes("semaphore")) return `${f.name} has a unit for it`;
    if (kind === "event") return `${f.name} is set`;
    if (kind === "condition") return `it was notified (${f.name})`;
    if (kind === "barrier") return `${f.name} let it through`;
    if (kind.endsWith("queue")) {
      if (f.why?.startsWith("full")) return `${f.name} has room for it`;
      if (/^join/i.test(f.why ?? "")) return `every item put in ${f.name} is marked done`;
      return `${f.name} has an item for it`;
    }
    return `${f.name} let it go on`;
  }
  const d = sleepOf(f.name);
  if (d) return `its ${d} sleep is over`;
  return `${f.name} is done`;
}

/** Why an entry is in the ready queue, after a dash in the panel. */
export function readyWhy(cat: Catalog, s: LoopState, r: ReadyItem): string {
  const at = lineWord(r.pos);
  switch (r.reason) {
    case "created": {
      const by = runnerName(cat, r.by);
      return `new task, first step${by ? ` (created by ${by}${at ? ` at ${at}` : ""})` : at ? ` (created at ${at})` : ""}`;
    }
    case "woken":
      return `woken: ${wakeReason(cat, s, r.ref)}`;
    case "yield":
      return `yielded with ${api(cat, "Sleep(0)")}${at ? ` at ${at}` : ""}`;
    case "soon":
      return `${api(cat, "CallSoon")}${at ? ` at ${at}` : ""}`;
    case "threadsafe":
      return api(cat, "CallSoonThreadsafe (from another goroutine)");
    case "done-callback":
      return `done-callback: ${awaitedThing(cat, r.ref)} is done`;
    case "timer": {
      const h = cat.handles.get(r.id);
      if (h?.name && h.detail === "timer") return `timer \`${h.name}\` is due`;
      return `timer is due (${api(cat, h?.detail === "at" ? "CallAt" : "CallLater")}${at ? ` at ${at}` : ""})`;
    }
    case "internal":
      return `${r.site ?? "core"} is told ${awaitedThing(cat, r.ref)} is done`;
  }
}

/** The name of a ready entry. */
export function readyName(cat: Catalog, r: ReadyItem): string {
  if (r.kind === "step") return taskName(cat, r.id);
  if (r.kind === "internal") return `${r.site ?? "core"}'s callback`;
  return callbackName(cat, r.id);
}

export function timerName(cat: Catalog, t: TimerItem): string {
  if (t.name && t.how === "timer") return t.name;
  return `${callbackName(cat, t.id)} (${api(cat, t.how === "at" ? "CallAt" : "CallLater")})`;
}

export function timerWho(cat: Catalog, t: TimerItem): string {
  const by = runnerName(cat, t.by);
  const at = lineWord(t.pos);
  return [by && `set by ${by}`, at && `at ${at}`].filter(Boolean).join(" ");
}

export { formatNs };

/** A task's state in a few words. */
export function taskStatusText(cat: Catalog, s: LoopState, t: TaskState): string {
  switch (t.status) {
    case "running":
      return "running";
    case "ready":
      return t.readyReason === "yield" ? "ready (yielded)" : t.readyReason === "created" ? "ready (not started)" : "ready";
    case "waiting": {
      const at = lineWord(t.waitPos);
      return `${waitPhrase(cat, t.waitingOn)}${at ? ` (${at})` : ""}`;
    }
    case "done":
      if (t.outcome === "exception") return `failed: ${t.value ?? ""}`;
      if (t.outcome === "cancelled") {
        // The error's text starts with "cancelled" itself: say the reason once.
        const why = (t.value ?? "").replace(/^cancelled\b:?\s*/i, "");
        return `cancelled${why ? ` (${why})` : ""}`;
      }
      return `done${t.value ? `: ${t.value}` : ""}`;
    case "abandoned":
      return "still pending when the loop closed";
  }
}
