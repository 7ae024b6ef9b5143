// The wait-for chain of a deadlock: when the loop finds that nothing can ever
// run again (diag "stuck"), which task waits on what. Each stuck task points
// at the task that could wake it — the task it awaits, or the holder of the
// lock it waits for — or, when no task can, at the thing itself ("future
// "reply", which nothing will resolve").
import type { TraceEvent } from "../contract";
import { applyEvent, emptyState, type Catalog } from "./loop-state";
import { awaitedThing, lineWord } from "./state-words";

export interface WaitFor {
  task: number;
  /** the task that could wake it, if one can */
  toTask?: number;
  /** what it waits on, in words */
  what: string;
  /** the line of its await */
  pos?: string;
}

/** Who waits on what as the loop holds after event o (the deadlock's diag). */
export function waitForChain(events: readonly TraceEvent[], cat: Catalog, o: number): WaitFor[] {
  const s = emptyState();
  for (let i = 0; i <= o && i < events.length; i++) applyEvent(s, events[i], i, cat);
  const out: WaitFor[] = [];
  for (const t of [...s.tasks.values()].sort((a, b) => a.id - b.id)) {
    if (t.status !== "waiting" || !t.waitingOn) continue;
    const f = cat.futures.get(t.waitingOn);
    let toTask: number | undefined;
    if (f?.kind === "task") toTask = t.waitingOn;
    else if (f?.kind === "waiter") {
      const p = s.prims.get(f.prim ?? -1);
      if (p?.kind === "lock" && p.locked && p.holder && cat.tasks.has(p.holder)) toTask = p.holder;
    }
    // A plain future by name, as the program made it: future "reply".
    const what = f?.kind === "future" && !/^sleep /.test(f.name) ? `future "${f.name}"` : awaitedThing(cat, t.waitingOn);
    out.push({ task: t.id, toTask, what, pos: t.waitPos });
  }
  return out;
}

/** The sentence a stuck task's mark says. */
export function stuckWords(w: WaitFor, taskName: (id: number) => string): string {
  const at = lineWord(w.pos);
  const wait = `${taskName(w.task)} waits on ${w.what}${at ? ` (${at})` : ""}`;
  if (w.toTask === undefined) return `${wait}, which nothing will ever complete`;
  if (w.what === `task ${taskName(w.toTask)}`) return `${wait}, which is stuck too`;
  return `${wait}, held by ${taskName(w.toTask)}, which is stuck too`;
}
