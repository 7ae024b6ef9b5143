// Per-task figures over a whole run, tokio-console's model: busy (its own
// steps), scheduled (ready but another step running), idle (waiting), all
// counted in loop steps (the timeline's playback steps) and in loop time;
// wake-ups and by what; creation line and chain; the cancellation chain.
import { lineOfPos, type TraceEvent } from "../contract";
import type { TimelineModel } from "./model";
import type { Catalog } from "./loop-state";
import { awaitedThing, runnerName, taskName, taskRuns } from "./state-words";

export interface TaskFigures {
  id: number;
  name: string;
  /** what an unnamed task runs ("download()"), or "" */
  runs: string;
  lane: number;
  steps: number;
  /** in loop steps: its own steps / steps of others while it was ready / while it waited */
  busy: number;
  scheduled: number;
  idle: number;
  /** the same in loop time (ns) */
  busyNs: number;
  scheduledNs: number;
  idleNs: number;
  woken: number;
  /** what woke it, "sleep ×2, lock "db"" */
  wokenBy: string;
  createdLine: number;
  /** creator first, then its creator...: ["Task-1"] */
  createdBy: string[];
  outcome: string; // result / exception / cancelled / pending
  value?: string;
  /** for a cancelled task: who cancelled it, and why that one acted, outermost last */
  cancelChain: string[];
}

type Status = "ready" | "running" | "waiting" | "done";

export function taskFigures(model: TimelineModel, cat: Catalog): TaskFigures[] {
  const figs = new Map<number, TaskFigures>();
  const status = new Map<number, { s: Status; step: number; t: number }>();
  const wakers = new Map<number, Map<string, number>>();
  const cancels = new Map<number, TraceEvent[]>();
  const reasons: TraceEvent[] = []; // timeout.expire and group.abort, in order
  const stepSeqs = new Map<number, number[]>(); // task → seqs of its steps
  let step = 0; // playback steps begun so far
  const lastT = model.events.length ? model.events[model.events.length - 1].t || 0 : 0;

  const close = (id: number, stepNow: number, t: number) => {
    const st = status.get(id);
    const f = figs.get(id);
    if (!st || !f) return;
    const dSteps = stepNow - st.step;
    const dT = t - st.t;
    if (st.s === "ready") {
      f.scheduled += dSteps;
      f.scheduledNs += dT;
    } else if (st.s === "waiting") {
      f.idle += dSteps;
      f.idleNs += dT;
    } else if (st.s === "running") {
      f.busyNs += dT;
    }
  };
  const enter = (id: number, s: Status, stepNow: number, t: number) => {
    close(id, stepNow, t);
    status.set(id, { s, step: stepNow, t });
  };

  const begins = new Set(model.spans.map((s) => s.o0));
  const laneOf = new Map(model.lanes.filter((l) => l.kind === "task").map((l) => [l.id, l.index]));
  model.events.forEach((ev, o) => {
    const t = ev.t || 0;
    const id = ev.id ?? 0;
    if (begins.has(o)) step++;
    switch (ev.kind) {
      case "task.create": {
        const made = cat.tasks.get(id);
        const chain: string[] = [];
        let by = made?.in;
        const seen = new Set<number>();
        while (by && !seen.has(by)) {
          seen.add(by);
          chain.push(runnerName(cat, by));
          by = cat.tasks.get(by)?.in;
        }
        const lane = laneOf.get(id) ?? 0;
        figs.set(id, {
          id, name: taskName(cat, id), runs: taskRuns(cat, id), lane, steps: 0, busy: 0, scheduled: 0, idle: 0, busyNs: 0, scheduledNs: 0, idleNs: 0,
          woken: 0, wokenBy: "", createdLine: lineOfPos(ev.pos), createdBy: chain, outcome: "pending", cancelChain: [],
        });
        enter(id, "ready", step, t);
        break;
      }
      case "task.step": {
        const ss = stepSeqs.get(id) ?? [];
        ss.push(ev.seq);
        stepSeqs.set(id, ss);
        const f = figs.get(id);
        if (f) {
          f.steps++;
          f.busy++;
        }
        // The step begun now is its own, not one it waited through.
        enter(id, "running", step - 1, t);
        break;
      }
      case "task.suspend":
        enter(id, ev.detail === "yield" ? "ready" : "waiting", step, t);
        break;
      case "task.wake": {
        const f = figs.get(id);
        if (f) f.woken++;
        const what = wakeWord(cat, ev.ref);
        const m = wakers.get(id) ?? new Map<string, number>();
        m.set(what, (m.get(what) ?? 0) + 1);
        wakers.set(id, m);
        enter(id, "ready", step, t);
        break;
      }
      case "task.done": {
        const f = figs.get(id);
        if (f) {
          f.outcome = ev.detail || "result";
          f.value = ev.value;
        }
        enter(id, "done", step, t);
        break;
      }
      case "task.cancel": {
        const l = cancels.get(id) ?? [];
        l.push(ev);
        cancels.set(id, l);
        break;
      }
      case "timeout.expire":
      case "group.abort":
        reasons.push(ev);
        break;
    }
  });
  for (const id of figs.keys()) close(id, step, lastT);

  for (const [id, f] of figs) {
    const m = wakers.get(id);
    if (m) f.wokenBy = [...m].map(([w, n]) => (n > 1 ? `${w} ×${n}` : w)).join(", ");
    if (f.outcome === "cancelled") f.cancelChain = cancelChain(cat, id, cancels, reasons, stepSeqs, new Set());
  }
  return [...figs.values()];
}

/** What woke a task, in a word or two: "sleep", `lock "db"`, "task x". */
function wakeWord(cat: Catalog, ref: number | undefined): string {
  const f = ref ? cat.futures.get(ref) : undefined;
  if (f && f.kind === "future" && /^sleep /.test(f.name)) return "sleep";
  return awaitedThing(cat, ref);
}

/** Who cancelled task id, and who cancelled that one, outermost last. */
function cancelChain(cat: Catalog, id: number, cancels: Map<number, TraceEvent[]>, reasons: TraceEvent[], steps: Map<number, number[]>, seen: Set<number>, before = Infinity): string[] {
  const evs = cancels.get(id);
  if (!evs?.length || seen.has(id)) return [];
  seen.add(id);
  const ev = [...evs].reverse().find((e) => e.seq < before) ?? evs[0];
  const by = ev.in;
  const why = [...reasons].reverse().find((r) => r.seq <= ev.seq && (r.ref === id || r.id === id || (by !== undefined && (r.id === by || r.in === by))));
  const line = lineOfPos(ev.pos);
  const who = by ? runnerName(cat, by) : "the loop (shutdown)";
  let text = `cancelled by ${who}${line ? ` at line ${line}` : ""}${ev.value ? ` ("${ev.value}")` : ""}`;
  if (why) text += `: ${why.value || why.detail || why.kind}`;
  const out = [text];
  // The canceller acted because it was cancelled itself only if it did so
  // before it resumed, or in its first step after that cancellation.
  const upCancel = by ? [...(cancels.get(by) ?? [])].reverse().find((e) => e.seq < ev.seq) : undefined;
  const resumed = upCancel ? (steps.get(by!) ?? []).filter((s) => s > upCancel.seq && s < ev.seq).length : 0;
  if (by && cat.tasks.has(by) && upCancel && resumed <= 1) {
    const up = cancelChain(cat, by, cancels, reasons, steps, seen, ev.seq);
    if (up.length) out.push(`${taskName(cat, by)} was ${up[0]}`, ...up.slice(1));
  }
  return out;
}
