// Warnings a learner needs, found in a run's trace: a Sleep(0) spin, a step
// that blocked the loop, a task that waits for something nothing can ever
// complete, a task nobody awaited whose result or error was lost, a
// cancellation that was swallowed, an await cycle. Each says what happened,
// at which line and step, and what to do instead. Read from the trace alone
// (core's and Python mode's are the same schema), in one pass.
//
// When is a wait "certain" never to end? Two rules, both checked as events
// arrive, so the warning sits at the step where it became certain:
//  1. Nothing can run again: the ready queue is empty, no timer is pending
//     and no work runs off the loop (ToThread) — the loop's own test, which
//     it reports at once as diag "stuck". Every task still waiting then waits
//     forever; the warning sits on the last step that ran.
//  2. An await cycle: task a awaits task b (directly, with no timeout of its
//     own pending) and b, following what each task awaits, leads back to a.
//     A task finishes only by running, so none of them can finish before the
//     others: from that step on they wait forever unless code outside the
//     cycle cancels one of them (which the warning says).
// A wait on a plain future, a lock, an event or a queue is never called
// certain while anything else can still run: any code may still complete it.
import { lineOfPos, type TraceEvent } from "../contract";
import { applyEvent, buildCatalog, emptyState, type Catalog, type LoopState } from "./loop-state";
import { awaitedThing, formatNs, runnerName, taskName } from "./state-words";

export type WarningKind = "spin" | "blocking" | "stuck" | "unawaited" | "swallowed-cancel" | "await-cycle";

export interface Warning {
  kind: WarningKind;
  /** a few words: "Sleep(0) spin", "Waits forever" */
  title: string;
  /** what happened */
  text: string;
  /**
   * What happened in fewer words, for where the run's output says text
   * already (asyncio's "Task exception was never retrieved", the run's
   * failure): the warning then adds its line, step and advice, not the
   * sentence again.
   */
  brief?: string;
  /** the sentence whose presence in the output makes brief enough, when not text itself */
  saidAs?: string;
  /** what to do instead */
  advice: string;
  /** the program line it is about (0: unknown) */
  line: number;
  /** where on the timeline: the event's ordinal and loop time, and the task (0: the callbacks lane) */
  o: number;
  t: number;
  task: number;
  /** how many times it happened (a blocking line in a loop is one warning) */
  count: number;
  /** drawn by a mark of its own; false where the timeline has one already (a blocking step, a slow step) */
  ownMark: boolean;
}

/** Consecutive Sleep(0) steps of one task, with nothing else run between them, that make a spin. */
export const SPIN_STEPS = 16;

const TITLES: Record<WarningKind, string> = {
  spin: "Sleep(0) spin",
  blocking: "Blocked the loop",
  stuck: "Waits forever",
  unawaited: "Never awaited",
  "swallowed-cancel": "Cancellation swallowed",
  "await-cycle": "Await cycle",
};

/** cat: the events' catalog, when the caller has built it already. */
export function findWarnings(input: readonly TraceEvent[], cat: Catalog = buildCatalog(input)): Warning[] {
  const events = input;
  const py = cat.py;
  const out: Warning[] = [];
  const s = emptyState();
  const add = (kind: WarningKind, w: Omit<Warning, "kind" | "title" | "count" | "ownMark"> & Partial<Pick<Warning, "count" | "ownMark">>) =>
    out.push({ kind, title: TITLES[kind], count: 1, ownMark: true, ...w });
  // Found once, when the first report asks: a run can lose hundreds of tasks.
  let awaited: Set<number> | undefined; // tasks some task awaited
  let ends: Map<number, number> | undefined; // task → the index of its task.done

  // The spin under way: the task, its yields so far, where it began.
  let spin: { task: number; n: number; o: number; t: number; tEnd: number; pos?: string; timers: string; alone: boolean } | undefined;
  const endSpin = (cut: boolean) => {
    if (spin && spin.n >= SPIN_STEPS) {
      const frozen = spin.timers && spin.tEnd === spin.t;
      add("spin", {
        text:
          `${taskName(cat, spin.task)} yielded with ${py ? "asyncio.sleep(0)" : "Sleep(0)"} ${spin.n} times in a row${cut ? " until the run ended" : ""}, ` +
          `waiting for nothing, while nothing else was ready: the loop ran it again and again.` +
          (spin.timers ? ` Meanwhile ${spin.timers} waited${frozen ? ": the loop never had a moment with nothing to run, so under the instant clock its time stood still and the timer could not come due" : ""}.` : ""),
        advice: py
          ? "Await what you are waiting for instead of polling: an asyncio.Event (await event.wait(), and event.set() where the condition becomes true), a future, or the task itself."
          : "Await what you are waiting for instead of polling: a core.Event (ev.Wait(ctx), and ev.Set() where the condition becomes true), a future, or the task itself (core.Await).",
        line: lineOfPos(spin.pos), o: spin.o, t: spin.t, task: spin.task,
      });
    }
    spin = undefined;
  };

  // Blocking steps and slow steps, one warning per line (a line in a loop, or run by several tasks, is one).
  const blocks = new Map<string, Warning & { dur: number; whos: string[]; slow: boolean }>();
  // Tasks in a cycle already warned about (rule 2): rule 1 does not repeat them.
  const inCycle = new Set<number>();

  for (let o = 0; o < events.length; o++) {
    const ev = events[o];
    applyEvent(s, ev, o, cat);
    const id = ev.id ?? 0;
    const t = ev.t ?? 0;
    switch (ev.kind) {
      case "task.step":
      case "cb.begin":
      case "internal.begin":
        if (spin && !(ev.kind === "task.step" && id === spin.task)) spin.alone = false;
        break;
      case "task.suspend":
        if (ev.detail === "yield") {
          if (spin && spin.task === id && spin.alone) spin.n++;
          else {
            endSpin(false);
            spin = { task: id, n: 1, o, t, tEnd: t, pos: ev.pos, timers: timersWaiting(cat, s), alone: true };
          }
          spin.alone = true;
          spin.tEnd = t;
          break;
        }
        if (spin?.task === id) endSpin(false);
        if (ev.ref && cat.futures.get(ev.ref)?.kind === "task") cycleAt(ev, o);
        break;
      case "task.done":
        if (spin?.task === id) endSpin(false);
        break;
      case "step.block":
      case "diag":
        if (ev.kind === "step.block" || ev.detail === "slow") blocking(ev, o);
        else diag(ev, o);
        break;
    }
  }
  endSpin(true);
  out.push(...blocks.values());
  // Slow steps last: real time depends on the machine (a busy one, a first run), the others on the program only.
  const late = (w: Warning) => ((w as { slow?: boolean }).slow ? 1 : 0);
  return out.sort((a, b) => late(a) - late(b) || a.o - b.o);

  function blocking(ev: TraceEvent, o: number) {
    const slow = ev.kind === "diag";
    const who = slow ? ev.id ?? 0 : ev.in ?? 0;
    const line = lineOfPos(ev.pos);
    const key = `${slow ? "slow" : "block"} ${line || "who " + who}`;
    const dur = ev.dur ?? 0;
    let b = blocks.get(key);
    if (!b) {
      b = {
        kind: "blocking", title: TITLES.blocking, count: 0, ownMark: false, dur: 0, whos: [], slow,
        text: "", advice: "", line, o, t: ev.t ?? 0, task: cat.tasks.has(who) ? who : 0,
      };
      blocks.set(key, b);
    }
    b.count++;
    b.dur += dur;
    const whose = cat.tasks.has(who) ? taskName(cat, who) : runnerName(cat, who) || "a callback";
    if (!b.whos.includes(whose)) b.whos.push(whose);
    const names = b.whos.length > 3 ? `${b.whos.slice(0, 3).join(", ")} and ${b.whos.length - 3} more` : b.whos.length > 1 ? `${b.whos.slice(0, -1).join(", ")} and ${b.whos[b.whos.length - 1]}` : b.whos[0];
    const inWhat = b.count > 1 ? `steps of ${names}` : cat.tasks.has(who) ? `a step of ${names}` : names;
    const times = b.count > 1 ? `, ${b.count} times (${formatNs(b.dur)} in all)` : "";
    if (slow) {
      const steps = b.count > 1 ? `${b.count} steps (${inWhat}) ran for ${formatNs(b.dur)} of real time in all` : `${inWhat} ran for ${formatNs(b.dur)} of real time`;
      b.text = `${steps}${line ? ` (last seen at line ${line})` : ""}: while a step runs, nothing else on the loop can. (Real time depends on the machine: a busy one, or a first run, can make any step slow.)`;
      b.advice = py
        ? "Look for a long computation or a blocking call in that step: await between chunks of work (await asyncio.sleep(0)), or run it off the loop with asyncio.to_thread."
        : "Look for a long computation or a blocking call in that step: await between chunks of work (core.Sleep(ctx, 0)), or run it off the loop with core.ToThread.";
    } else {
      b.text = `${line ? `The call at line ${line}` : "A blocking call"} blocked the loop for ${formatNs(b.count > 1 ? b.dur / b.count : dur)} in ${inWhat}${times}: nothing else could run meanwhile, not even timers that came due.`;
      b.advice = py
        ? "Await instead of blocking: await asyncio.sleep(d) in place of time.sleep(d); run blocking work with await asyncio.to_thread(f)."
        : "Await instead of blocking: core.Sleep(ctx, d) in place of time.Sleep(d); run blocking work with core.ToThread(ctx, f).";
    }
  }

  function diag(ev: TraceEvent, o: number) {
    const id = ev.id ?? 0;
    switch (ev.detail) {
      case "ignored-cancel":
        add("swallowed-cancel", {
          text: ev.value ?? `${taskName(cat, id)} was cancelled and went on running`,
          advice: py
            ? "After cleaning up, re-raise the CancelledError (`except asyncio.CancelledError: ...; raise`) so the task ends cancelled and whoever cancelled it sees it; call uncancel() only if going on is really meant."
            : "After cleaning up (defer is the place), return the error the await gave you (`if err != nil { return nil, err }`) so the task ends cancelled and whoever cancelled it sees it; call Uncancel only if going on is really meant.",
          line: lineOfPos(ev.pos), o, t: ev.t ?? 0, task: id,
        });
        break;
      case "stuck":
        stuck(ev, o);
        break;
      case "never-awaited":
      case "unretrieved":
        unawaited(ev, o);
        break;
      case "pending":
        // A task destroyed while pending (the loop closed first) that no task
        // awaited: its work is lost. (One that was awaited took its awaiter down with it.)
        if (ev.id && cat.tasks.has(ev.id) && !awaitedTasks().has(ev.id)) unawaited(ev, o);
        break;
      case "await-cycle":
        // core's report of a task awaiting itself (the await returned an error at once).
        add("await-cycle", {
          text: ev.value ?? `${taskName(cat, id)} awaited itself`,
          advice: "Await another task or future, never the task running the await: its result is what this very code returns.",
          line: lineOfPos(ev.pos), o, t: ev.t ?? 0, task: id,
        });
        break;
    }
  }

  // Rule 1: the loop found nothing could run again.
  function stuck(ev: TraceEvent, o: number) {
    // The last step that ran: from its end on, nothing could.
    let last = -1;
    for (let i = o - 1; i >= 0; i--) {
      const k = events[i].kind;
      if (k === "task.suspend" || k === "task.done" || k === "cb.end" || k === "internal.end") {
        last = i;
        break;
      }
    }
    const at = last >= 0 ? last : o;
    for (const ts of [...s.tasks.values()].sort((a, b) => a.id - b.id)) {
      if (ts.status !== "waiting" || inCycle.has(ts.id)) continue;
      const what = awaitedThing(cat, ts.waitingOn);
      const line = lineOfPos(ts.waitPos);
      add("stuck", {
        text:
          `${taskName(cat, ts.id)} waits${line ? ` at line ${line}` : ""} for ${what}${chainWords(ts.waitingOn)}, and nothing can ever complete it: ` +
          `after this step the loop had nothing ready, no timer and no work off the loop, so nothing could run again.`,
        advice: stuckAdvice(ts.waitingOn),
        line, o: at, t: events[at].t ?? 0, task: ts.id,
      });
    }
  }

  /** ", which waits for lock "db"" for a task awaited, following the chain a few steps. */
  function chainWords(fut: number | undefined): string {
    const bits: string[] = [];
    const seen = new Set<number>();
    for (let f = fut; f && cat.futures.get(f)?.kind === "task" && !seen.has(f) && bits.length < 4; ) {
      seen.add(f);
      const u = s.tasks.get(f);
      if (!u || u.status !== "waiting") break;
      bits.push(`, which waits for ${awaitedThing(cat, u.waitingOn)}`);
      f = u.waitingOn;
    }
    return bits.join("");
  }

  function stuckAdvice(fut: number | undefined): string {
    // Follow tasks awaited down to what really blocks.
    const seen = new Set<number>();
    while (fut && cat.futures.get(fut)?.kind === "task" && !seen.has(fut)) {
      seen.add(fut);
      const u = s.tasks.get(fut);
      if (!u?.waitingOn) break;
      fut = u.waitingOn;
    }
    const f = fut ? cat.futures.get(fut) : undefined;
    if (f?.kind === "task") {
      return `Task ${f.name} can never finish${inCycle.has(fut!) ? ": it is in an await cycle (see that warning)" : ""}. Remove the await that leads back, or await with a timeout (${py ? "asyncio.wait_for" : "core.WaitFor"}).`;
    }
    const timeout = py ? "or await it with a timeout (asyncio.wait_for, asyncio.timeout)" : "or await it with a timeout (core.WaitFor, core.Timeout)";
    if (f?.kind === "waiter") {
      const p = s.prims.get(f.prim!);
      const kind = p?.kind ?? "";
      if (kind === "lock") {
        const holder = p?.holder;
        const held = holder ? ` ${runnerName(cat, holder)} took it${s.tasks.get(holder)?.status === "done" ? " and finished without releasing it" : ""}.` : "";
        return `${f.name} is never released.${held} Release a lock on every path out of the code that holds it (${py ? "async with lock:" : "defer lk.Release() right after Acquire"}).`;
      }
      if (kind.includes("semaphore")) return `No unit of ${f.name} is ever given back: release each unit you acquire (${py ? "async with sem:" : "defer sem.Release()"}), ${timeout}.`;
      if (kind === "event") return `Nothing sets ${f.name}: call ${py ? "set()" : "Set()"} on it from the task or callback that should wake the waiters, ${timeout}.`;
      if (kind === "condition") return `Nothing notifies ${f.name}: call ${py ? "notify()" : "Notify"} when what the waiter waits for changes.`;
      if (kind.endsWith("queue")) {
        if (f.why?.startsWith("full")) return `Nothing takes from ${f.name} any more: keep a consumer running while producers put, or make the queue larger.`;
        if (/^join/i.test(f.why ?? "")) return `Some item of ${f.name} is never marked done: call ${py ? "task_done()" : "TaskDone()"} once for every item taken.`;
        return `Nothing puts into ${f.name} any more: when the producers are done, stop the consumers (cancel them, or put a last item that tells them to end), ${timeout}.`;
      }
      return `Nothing will let it go on: ${timeout}.`;
    }
    return `Something must complete it: call ${py ? "set_result() (or set_exception())" : "SetResult (or SetException)"} on it from a task or a callback that still runs, ${timeout}.`;
  }

  // Rule 2: task `ev.id` now awaits task ev.ref; does that close a cycle?
  function cycleAt(ev: TraceEvent, o: number) {
    const me = ev.id ?? 0;
    const chain = [me];
    let cur = ev.ref!;
    while (cur !== me) {
      const u = s.tasks.get(cur);
      if (!u || u.status !== "waiting" || !u.waitingOn || cat.futures.get(u.waitingOn)?.kind !== "task" || chain.includes(cur)) return;
      chain.push(cur);
      cur = u.waitingOn;
    }
    // A timeout pending for one of them will cancel it: not certain.
    for (const tm of s.timers.values()) if (tm.by && chain.includes(tm.by) && /^timeout/.test(tm.name)) return;
    chain.forEach((x) => inCycle.add(x));
    const names = chain.map((x) => taskName(cat, x));
    const links = chain.map((x, i) => {
      const next = chain[(i + 1) % chain.length];
      const at = lineOfPos(x === me ? ev.pos : s.tasks.get(x)?.waitPos);
      return `${taskName(cat, x)} awaits ${taskName(cat, next)}${at ? ` (line ${at})` : ""}`;
    });
    add("await-cycle", {
      text:
        `${links.join(", ")}: ${chain.length === 2 ? "neither" : "none of them"} can finish before the other${chain.length === 2 ? "" : "s"}, ` +
        `so ${chain.length === 2 ? "both" : "all"} wait forever from this step on, unless something else cancels one of them.`,
      advice: `Decide which of ${names.join(" and ")} depends on the other and remove the await going back: pass the value it needs in another way (a future, a queue), or await both from a third task (${py ? "asyncio.gather" : "core.Gather"}).`,
      line: lineOfPos(ev.pos), o, t: ev.t ?? 0, task: me,
    });
  }

  function awaitedTasks(): Set<number> {
    if (!awaited) {
      awaited = new Set();
      for (const e of events) if (e.kind === "task.suspend" && e.ref) awaited.add(e.ref);
    }
    return awaited;
  }
  function endOf(id: number): number | undefined {
    if (!ends) {
      ends = new Map();
      events.forEach((e, i) => e.kind === "task.done" && e.id && ends!.set(e.id, i));
    }
    return ends.get(id);
  }

  function unawaited(ev: TraceEvent, o: number) {
    let id = ev.id ?? 0;
    if (!id) {
      // Without an id, the words name the task: task "fetch".
      const m = /[Tt]ask "([^"]*)"/.exec(ev.value ?? "");
      if (m) for (const [tid, c] of cat.tasks) if (c.name === m[1]) id = tid;
    }
    const made = cat.tasks.get(id);
    const line = lineOfPos(ev.pos) || lineOfPos(made?.pos);
    // The mark goes where the result was lost: the task's end.
    const end = (made && endOf(id)) ?? o;
    const error = ev.detail === "unretrieved";
    const pending = ev.detail === "pending";
    const text = ev.value ?? "";
    const coroutine = !made && /^coroutine /.test(text);
    // asyncio's headline (and core's, which goes on in the same sentence), then where the task stood.
    const destroyed = pending ? /^(Task was destroyed but it is pending!) \(the loop closed while (task "[^"]*") (.+)\)$|^Task was destroyed but it is pending: the loop closed while (task "[^"]*") (.+)$/.exec(text) : null;
    add("unawaited", {
      text,
      brief: error && made
        ? `Task "${made.name}" ended with the error the output reports.`
        : destroyed
          ? `${capital(destroyed[2] ?? destroyed[4])} ${destroyed[3] ?? destroyed[5]} when the loop closed: what it had left to do never ran.`
          : undefined,
      saidAs: destroyed?.[1],
      advice: pending
        ? py
          ? "Run the loop until the task is done before closing it (loop.run_until_complete(task)), or cancel it and wait for its end; asyncio.run does both for you."
          : "Run the loop until the task is done before closing it (RunUntilComplete), or cancel it and wait for its end; core.Run does both for you."
        : coroutine
        ? "Put await before the call (await f()), or hand the coroutine to asyncio.create_task and await the task later: calling an async function alone runs none of it."
        : error
        ? py
          ? "Await the task (or gather it) where its result is needed, so its error reaches code that can handle it; a task you mean to run on its own should catch and report its own errors."
          : "Await the task (core.Await, or Gather it) where its result is needed, so its error reaches code that can handle it; a task you mean to run on its own should handle its own errors."
        : py
          ? "Keep the task and await it (or gather it) before main returns; asyncio.run cancels every task still running when main ends."
          : "Keep the *core.Task and await it (core.Await, or core.Gather several) before main returns; core.Run cancels every task still running when main ends.",
      line, o: end, t: events[end].t ?? 0, task: made ? id : 0,
    });
  }
}

/** The timers pending in s, for a learner: `sleep 100ms of worker (due at 100ms)`. */
function timersWaiting(cat: Catalog, s: LoopState): string {
  const ts = [...s.timers.values()].sort((a, b) => a.due - b.due);
  if (!ts.length) return "";
  const first = ts[0];
  const by = first.by && cat.tasks.has(first.by) ? ` of ${taskName(cat, first.by)}` : "";
  const name = first.name ? `the timer \`${first.name}\`${by}` : `a timer`;
  return `${name} (due at ${formatNs(first.due)})${ts.length > 1 ? ` and ${ts.length - 1} more` : ""}`;
}

/** s with its first letter a capital: a quoted phrase opening a sentence. */
function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
