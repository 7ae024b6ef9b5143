// One plain sentence per step: what the loop took from the ready queue and
// why it was there, what the step did, and how it ended. Text only, so a
// screen reader or a phone gets the story the timeline draws.
import { lineOfPos, type TraceEvent } from "../contract";
import type { Span, TimelineModel } from "./model";
import { readyQueue, type LoopStates } from "./loop-state";
import { api, awaitedThing, callbackName, lineWord, readyWhy, runnerName, taskName, taskRuns, wakeReason, waitPhrase } from "./state-words";

const quote = (s: string) => `\`${s.length > 60 ? s.slice(0, 57) + "…" : s}\``;

function list(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** The sentence for step i of the model (a span), or "" when there is none. */
export function narrate(model: TimelineModel, states: LoopStates, i: number): string {
  const span = model.spans[i];
  if (!span) return "";
  const cat = states.catalog;
  const before = states.stateAt(span.o0 - 1);
  const begin = model.events[span.o0];
  const entry = readyQueue(before).find((r) =>
    span.kind === "step" ? r.kind === "step" && r.id === span.id : r.kind === "callback" && r.id === span.id,
  );
  const inner = model.events.slice(span.o0 + 1, span.o1 + 1);
  // What the step's end set off before the loop moved on (a finished task wakes its awaiters).
  const nextBegin = model.spans[i + 1]?.o0 ?? model.events.length;
  const after = model.events.slice(span.o1 + 1, nextBegin).filter((e) => e.kind === "task.wake");
  const did = effects(states, span, inner, after);
  let opening: string;
  if (span.kind === "step") {
    const name = taskName(cat, span.id);
    const prev = before.tasks.get(span.id);
    if (!entry || entry.reason === "created") {
      const made = cat.tasks.get(span.id);
      const by = runnerName(cat, made?.in);
      const at = lineWord(made?.pos);
      const runs = taskRuns(cat, span.id);
      opening = `The loop takes ${name} from the ready queue and starts it${runs ? `, running ${runs}` : ""}${by || at ? ` (created${by ? ` by ${by}` : ""}${at ? ` at ${at}` : ""})` : ""}.`;
    } else if (entry.reason === "yield") {
      opening = `The loop takes ${name} from the ready queue again: it had yielded with ${api(cat, "Sleep(0)")} to let the others run.`;
    } else {
      opening = `The loop takes ${name} from the ready queue: ${wakeReason(cat, before, begin.ref ?? entry.ref)}.`;
    }
    const resumeAt = lineOfPos(prev?.waitPos);
    const subject = entry && entry.reason !== "created" && resumeAt ? `It resumes after line ${resumeAt}` : "It";
    return `${opening} ${sentence(subject, did)}`;
  }
  // A callback.
  const sched = cat.handles.get(span.id);
  const why = entry ? readyWhy(cat, before, entry) : "";
  const setter = sched?.in && cat.tasks.has(sched.in) ? taskName(cat, sched.in) : "";
  if (sched?.detail === "timer" && /^sleep /.test(sched.name ?? "") && setter) {
    opening = `${setter}'s ${sched.name!.slice(6)} sleep is over: the loop runs its timer.`;
  } else if (sched?.detail === "timer" && sched.name) {
    opening = `The timer \`${sched.name}\`${setter ? ` (set by ${setter})` : ""} is due: the loop runs it.`;
  } else if (entry?.reason === "timer") {
    opening = `A timer is due: the loop runs ${callbackName(cat, span.id)} (${why}).`;
  } else {
    opening = `The loop runs ${callbackName(cat, span.id)} from the ready queue${why ? ` (${why})` : ""}.`;
  }
  return `${opening} ${sentence("It", did, true)}`;
}

/** "It prints `x`, creates task y and waits for z at line 3." */
function sentence(subject: string, did: string[], callback = false): string {
  if (did.length === 0) return callback ? `${subject} returns without doing anything the loop sees.` : `${subject} ends at once.`;
  return `${subject}${subject === "It" ? " " : ", "}${list(did)}.`;
}

/** What a step did, as verb phrases, in order; its last phrase is how it ended. */
function effects(states: LoopStates, span: Span, evs: TraceEvent[], after: TraceEvent[]): string[] {
  const cat = states.catalog;
  const out: string[] = [];
  const printed = evs.filter((e) => e.kind === "output");
  if (printed.length === 1) out.push(`prints ${quote(printed[0].value ?? "")}`);
  else if (printed.length > 1) out.push(`prints ${printed.length} lines, the first ${quote(printed[0].value ?? "")}`);
  const created = evs.filter((e) => e.kind === "task.create").map((e) => e.name || `#${e.id}`);
  if (created.length) out.push(`creates ${created.length === 1 ? "task" : "tasks"} ${list(created.slice(0, 4))}${created.length > 4 ? ` and ${created.length - 4} more` : ""}`);
  // Woken by the task's own end, or by a future completed by core's
  // bookkeeping (a gather) just after it.
  const woke = after.filter((e) => e.kind === "task.wake").map((e) =>
    e.ref === span.id ? taskName(cat, e.id ?? 0) : `${taskName(cat, e.id ?? 0)} (through ${awaitedThing(cat, e.ref)})`,
  );
  for (const ev of evs) {
    switch (ev.kind) {
      case "cb.schedule":
        if (ev.detail === "soon") out.push(`schedules ${callbackName(cat, ev.id ?? 0)} with ${api(cat, "CallSoon")}`);
        else if (ev.detail === "later" || ev.detail === "at") out.push(`sets a timer for ${callbackName(cat, ev.id ?? 0)}, due at ${fmt(ev.due)}`);
        break;
      case "task.wake":
        out.push(`wakes ${taskName(cat, ev.id ?? 0)}`);
        break;
      case "task.cancel":
        out.push(`cancels ${ev.name || "#" + ev.id}${ev.value ? ` ("${ev.value}")` : ""}`);
        break;
      case "timeout.expire":
        out.push(`finds the time is up (${ev.value ?? ev.detail ?? "timeout"})`);
        break;
      case "sync.acquire":
        if (ev.detail === "lock") out.push(`takes ${ev.name}`);
        else if (ev.detail?.includes("semaphore")) out.push(`takes a unit of ${ev.name} (${ev.value ?? ""})`);
        break;
      case "sync.release":
        if (ev.detail === "lock") out.push(`releases ${ev.name}`);
        else if (ev.detail?.includes("semaphore")) out.push(`gives back a unit of ${ev.name}`);
        else if (ev.detail === "event" && ev.value === "set") out.push(`sets ${ev.name}`);
        else if (/^(TaskDone|task_done)\b/.test(ev.value ?? "")) out.push(`marks a job of ${ev.name} done`);
        break;
      case "queue.put":
        out.push(`puts ${quote(ev.value ?? "")} in ${ev.name}`);
        break;
      case "queue.get":
        out.push(`takes ${quote(ev.value ?? "")} from ${ev.name}`);
        break;
      case "fut.done": {
        const f = cat.futures.get(ev.id ?? 0);
        if (f?.kind === "future" && !/^sleep /.test(f.name) && span.kind === "step") out.push(`completes ${f.name} (${ev.detail})`);
        break;
      }
      case "cb.panic":
        out.push(`panics: ${ev.value ?? ""}`);
        break;
    }
  }
  const end = evs[evs.length - 1];
  if (span.kind === "step" && end) {
    if (end.kind === "task.suspend") {
      const at = lineWord(end.pos);
      if (end.detail === "yield") out.push(`then yields with ${api(cat, "Sleep(0)")}${at ? ` at ${at}` : ""}, going to the back of the ready queue`);
      else out.push(`then ${waitPhrase(cat, end.ref)}${at ? ` at ${at}` : ""}`);
    } else if (end.kind === "task.done") {
      const wakes = woke.length ? `, which wakes ${list(woke)}` : "";
      if (end.detail === "exception") out.push(`then fails (${end.value ?? "an error"})${wakes}`);
      else if (end.detail === "cancelled") out.push(`then ends cancelled${wakes}`);
      else out.push(`then returns${end.value ? ` ${quote(end.value)}` : ""}: the task is done${wakes}`);
    }
  }
  return out;
}

function fmt(ns: number | undefined): string {
  if (!ns) return "0";
  if (ns < 1e6) return `${ns / 1e3}µs`;
  if (ns < 1e9) return `${ns / 1e6}ms`;
  return `${ns / 1e9}s`;
}
