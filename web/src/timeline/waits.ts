// What a waiting task waits on, by kind — a sleep, another task, a queue, a
// lock (or semaphore), an event (or condition, barrier), or any other
// future (gather, wait, a future the program made) — and how the timeline
// draws each kind of wait: a band in the task's lane, coloured and patterned
// by what it awaits, explained in the legend.
import type { Catalog } from "./loop-state";
import type { Palette } from "./geometry";

export const WAIT_KINDS = ["sleep", "task", "queue", "lock", "event", "future"] as const;
export type WaitKind = (typeof WAIT_KINDS)[number];

export interface WaitStyle {
  color: keyof Palette;
  /** the band's dash pattern (canvas setLineDash); [] is solid */
  dash: number[];
  legend: string;
}

export const WAIT_STYLE: Record<WaitKind, WaitStyle> = {
  sleep: { color: "timer", dash: [6, 3], legend: "a sleep" },
  task: { color: "step", dash: [], legend: "a task" },
  queue: { color: "output", dash: [2, 2], legend: "a queue" },
  lock: { color: "sync", dash: [9, 2, 2, 2], legend: "a lock or semaphore" },
  event: { color: "result", dash: [1, 3], legend: "an event" },
  future: { color: "muted", dash: [], legend: "a future (gather, wait…)" },
};

/** The kind of thing future id is, for a task that awaits it. */
export function waitKind(cat: Catalog, id: number | undefined): WaitKind {
  const f = id ? cat.futures.get(id) : undefined;
  if (!f) return "future";
  if (f.kind === "task") return "task";
  if (f.kind === "waiter") {
    const k = cat.prims.get(f.prim ?? -1)?.kind ?? "";
    if (k.endsWith("queue")) return "queue";
    if (k === "lock" || k.includes("semaphore")) return "lock";
    return "event"; // event, condition, barrier
  }
  return /^sleep /.test(f.name) ? "sleep" : "future";
}
