// What the loop held after any event of a run — ready queue, timers, tasks,
// locks, semaphores, events and queues — rebuilt from the trace alone. The
// rules mirror core's (each says which core code it follows); a Go test
// records core's real state at every event of every example
// (wasm/runner/loopstate_test.go) and a unit test checks these rules against
// it. Random access is snapshots plus replay (LoopStates): any step of a
// long trace costs at most a snapshot's spacing in events to rebuild.
import { isPythonPos, type TraceEvent } from "../contract";

/** Why an entry is in the ready queue. */
export type ReadyReason =
  | "created" // a new task's first step (task.create)
  | "woken" // what the task awaited is done (task.wake)
  | "yield" // the task yielded with Sleep(0)
  | "soon" // CallSoon
  | "threadsafe" // CallSoonThreadsafe
  | "done-callback" // a done-callback the program added
  | "timer" // a timer came due (CallLater / CallAt / a sleep or timeout)
  | "internal"; // core's own done-callback (gather, wait, ...)

export interface ReadyItem {
  kind: "step" | "callback" | "internal";
  /** the task (step) or handle (callback); 0 for internal */
  id: number;
  reason: ReadyReason;
  /** woken / internal / done-callback: the future that is done */
  ref?: number;
  /** internal: what it serves ("gather", "wait", ...) */
  site?: string;
  /** who was running when it joined (task or callback id) */
  by?: number;
  /** the program line that put it there, if any */
  pos?: string;
  seq: number;
  cancelled?: boolean;
}

export interface TimerItem {
  id: number;
  due: number;
  name: string; // "sleep 100ms", "timeout 1s", or "" for a program's CallLater/CallAt
  how: string; // later / at / timer
  by?: number;
  pos?: string;
  seq: number;
}

export type TaskStatus = "ready" | "running" | "waiting" | "done" | "abandoned";

export interface TaskState {
  id: number;
  status: TaskStatus;
  /** waiting (and ready after a wake-up): the future it awaits */
  waitingOn?: number;
  /** the line of that await */
  waitPos?: string;
  /** done: result / exception / cancelled, and the value or error text */
  outcome?: string;
  value?: string;
  cancelRequested?: boolean;
  /** the last time it was put on the ready queue, why */
  readyReason?: ReadyReason;
}

export interface Waiter {
  fut: number; // the waiter future
  task: number; // the task waiting
  pos?: string;
}

export interface PrimState {
  id: number;
  kind: string; // lock, semaphore, bounded semaphore, event, condition, queue, lifo queue, priority queue, barrier
  name: string; // the label: lock "db"
  locked?: boolean;
  holder?: number; // lock: the task that took it last
  value?: number; // semaphore: units left (known from its first event on)
  set?: boolean; // event
  waiters: Waiter[];
  getters: Waiter[];
  putters: Waiter[];
  joiners: Waiter[];
  /** queue: in the order they come out, as core's snapshot lists them (a priority queue's in put order) */
  items: string[];
  unfinished: number;
}

export interface FutInfo {
  name: string;
  kind: "future" | "task" | "waiter";
  prim?: number; // a primitive's waiter: the primitive
  why?: string; // a primitive's waiter: why it waits ("full: ...", "empty: ...", "Join: ...")
  created: number; // seq
  pos?: string;
  by?: number;
  /** when and how it completed: a future completes once, so this is not per state (see doneAt) */
  done?: { outcome: string; value?: string; seq: number };
}

/** Facts that never change once known: names, kinds, creation. Shared by every state. */
export interface Catalog {
  futures: Map<number, FutInfo>;
  /** handle id → its cb.schedule event */
  handles: Map<number, TraceEvent>;
  /** task id → its task.create event */
  tasks: Map<number, TraceEvent>;
  prims: Map<number, { kind: string; name: string }>;
  /** a Python mode trace (positions in main.py): the words name asyncio's calls, not core's */
  py: boolean;
}

export interface LoopState {
  /** index of the last event applied (-1: none) */
  o: number;
  seq: number;
  t: number;
  /** the running task, callback or core callback */
  running?: { kind: "task" | "callback" | "internal"; id: number; site?: string; ref?: number };
  /** entries of the iteration under way not reached yet, in order */
  batch: ReadyItem[];
  /** entries that joined since: they run in the next iteration */
  next: ReadyItem[];
  timers: Map<number, TimerItem>;
  tasks: Map<number, TaskState>;
  prims: Map<number, PrimState>;
  iteration: number;
  closed: boolean;
  /** waiters to drop from their primitive's list once their task has resumed (see applyEvent: task.step) */
  leaving: Waiter[];
}

/**
 * The fewest events between two snapshots. A snapshot copies the whole
 * state, so a run with a big one (1500 tasks) spaces them by its size: with
 * one every 128 events, a 180k-event run of 1500 tasks copied 2 million task
 * states, seconds of the page's time after the run.
 */
const SNAPSHOT_EVERY = 128;

/** About what cloneState copies. */
function stateSize(s: LoopState): number {
  return s.tasks.size + s.timers.size + s.prims.size + s.batch.length + s.next.length;
}

export function emptyState(): LoopState {
  return {
    o: -1, seq: 0, t: 0, batch: [], next: [], timers: new Map(), tasks: new Map(),
    prims: new Map(), iteration: 0, closed: false, leaving: [],
  };
}

function cloneState(s: LoopState): LoopState {
  const prims = new Map<number, PrimState>();
  for (const [id, p] of s.prims) {
    prims.set(id, { ...p, waiters: [...p.waiters], getters: [...p.getters], putters: [...p.putters], joiners: [...p.joiners], items: [...p.items] });
  }
  return {
    ...s,
    running: s.running && { ...s.running },
    batch: [...s.batch],
    next: [...s.next],
    timers: new Map(s.timers),
    tasks: new Map(s.tasks), // TaskState values are replaced, never changed in place
    prims,
    leaving: [...s.leaving],
  };
}

/** The ready queue in the order the loop will run it. */
export function readyQueue(s: LoopState): ReadyItem[] {
  return [...s.batch, ...s.next];
}

/** Pending timers in the order they will fire (due time, then scheduling order). */
export function pendingTimers(s: LoopState): TimerItem[] {
  return [...s.timers.values()].sort((a, b) => a.due - b.due || a.id - b.id);
}

/** Builds the catalog of a whole trace (one pass). */
export function buildCatalog(events: readonly TraceEvent[]): Catalog {
  const c: Catalog = { futures: new Map(), handles: new Map(), tasks: new Map(), prims: new Map(), py: false };
  // Indexed: a for-of's iterator allocated a result object per event until the JIT optimized the loop.
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    const id = ev.id ?? 0;
    if (!c.py && ev.pos && isPythonPos(ev.pos)) c.py = true;
    switch (ev.kind) {
      case "task.create":
        c.tasks.set(id, ev);
        c.futures.set(id, { name: ev.name || `task ${id}`, kind: "task", created: ev.seq, pos: ev.pos, by: ev.in });
        break;
      case "fut.create":
        if (!c.futures.has(id)) c.futures.set(id, { name: ev.name || `future ${id}`, kind: "future", created: ev.seq, pos: ev.pos, by: ev.in });
        break;
      case "cb.schedule":
        if (!c.handles.has(id)) c.handles.set(id, ev);
        break;
      case "fut.done":
      case "task.done": {
        const f = c.futures.get(id);
        if (f && !f.done) f.done = { outcome: ev.detail || "result", value: ev.value, seq: ev.seq };
        break;
      }
      case "sync.wait":
      case "sync.acquire":
      case "sync.release":
      case "queue.put":
      case "queue.get":
        if (!c.prims.has(id)) c.prims.set(id, { kind: ev.detail || "primitive", name: ev.name || `#${id}` });
        if (ev.kind === "sync.wait" && ev.ref) {
          const f = c.futures.get(ev.ref);
          if (f) {
            f.kind = "waiter";
            f.prim = id;
            f.why = ev.value;
          }
        }
        break;
    }
  }
  return c;
}

/** How future (or task) id had completed as of state s, if it had. */
export function doneAt(cat: Catalog, s: LoopState, id: number): { outcome: string; value?: string } | undefined {
  const d = cat.futures.get(id)?.done;
  return d && d.seq <= s.seq ? d : undefined;
}

/**
 * A new TaskState for task id, a copy of its current one, put in s for the
 * caller to change (snapshots share the old one). Every field is present, so
 * all states have one shape: spreading the old state and a change, as this
 * did, took a fifth of the warnings' replay of a 180k-event trace.
 */
function nextTask(s: LoopState, id: number): TaskState {
  const o = s.tasks.get(id);
  const t: TaskState = {
    id, status: o ? o.status : "ready", waitingOn: o?.waitingOn, waitPos: o?.waitPos, outcome: o?.outcome,
    value: o?.value, cancelRequested: o?.cancelRequested, readyReason: o?.readyReason,
  };
  s.tasks.set(id, t);
  return t;
}

function prim(s: LoopState, ev: TraceEvent): PrimState {
  const id = ev.id ?? 0;
  let p = s.prims.get(id);
  if (!p) {
    p = { id, kind: ev.detail || "primitive", name: ev.name || `#${id}`, waiters: [], getters: [], putters: [], joiners: [], items: [], unfinished: 0 };
    s.prims.set(id, p);
  }
  return p;
}

const isQueue = (kind: string) => kind.endsWith("queue");

/** The waiter lists of p a waiter future can be in. */
function lists(p: PrimState): Waiter[][] {
  return [p.waiters, p.getters, p.putters, p.joiners];
}

function removeWaiter(p: PrimState, fut: number): boolean {
  for (const l of lists(p)) {
    const i = l.findIndex((w) => w.fut === fut);
    if (i >= 0) {
      l.splice(i, 1);
      return true;
    }
  }
  return false;
}

/**
 * Takes the entry a begin event (task.step, cb.begin, internal.begin; a
 * task.done for a task cancelled before its first step) runs: the first
 * entry of the batch that matches. Entries before it are cancelled handles
 * the loop skipped (core: runOnce).
 */
function take(s: LoopState, match: (r: ReadyItem) => boolean): ReadyItem | undefined {
  const i = s.batch.findIndex(match);
  if (i < 0) return undefined;
  const item = s.batch[i];
  s.batch.splice(0, i + 1);
  return item;
}

/** Applies one event to s (in place). */
export function applyEvent(s: LoopState, ev: TraceEvent, o: number, cat: Catalog) {
  // A waiter leaves its lock's (semaphore's, event's) list in its task's
  // step right after the task.step event (core: Lock.Acquire and the others
  // remove it once Await returns): drop it at the next event.
  if (s.leaving.length) {
    for (const w of s.leaving) {
      const p = s.prims.get(cat.futures.get(w.fut)?.prim ?? -1);
      if (p) removeWaiter(p, w.fut);
    }
    s.leaving = [];
  }
  s.o = o;
  s.seq = ev.seq;
  s.t = ev.t || 0;
  const id = ev.id ?? 0;
  switch (ev.kind) {
    case "task.create": {
      const ts = nextTask(s, id);
      ts.status = "ready";
      ts.readyReason = "created";
      s.next.push({ kind: "step", id, reason: "created", by: ev.in, pos: ev.pos, seq: ev.seq });
      break;
    }
    case "task.wake": {
      const ts = nextTask(s, id);
      ts.status = "ready";
      ts.readyReason = "woken";
      s.next.push({ kind: "step", id, reason: "woken", ref: ev.ref, by: ev.in, seq: ev.seq });
      break;
    }
    case "task.step": {
      take(s, (r) => r.kind === "step" && r.id === id);
      const old = s.tasks.get(id);
      const waited = old?.waitingOn;
      const ts = nextTask(s, id);
      ts.status = "running";
      ts.waitingOn = undefined;
      ts.waitPos = undefined;
      s.running = { kind: "task", id };
      // If it waited on a primitive, it leaves that primitive's line now.
      // (A queue's woken getter or putter has left already: see fut.done.)
      if (waited && cat.futures.get(waited)?.kind === "waiter") s.leaving.push({ fut: waited, task: id });
      break;
    }
    case "task.suspend": {
      if (s.running?.kind === "task" && s.running.id === id) s.running = undefined;
      if (ev.detail === "yield") {
        const ts = nextTask(s, id);
        ts.status = "ready";
        ts.readyReason = "yield";
        ts.waitingOn = undefined;
        ts.waitPos = ev.pos;
        s.next.push({ kind: "step", id, reason: "yield", by: id, pos: ev.pos, seq: ev.seq });
      } else {
        const ts = nextTask(s, id);
        ts.status = "waiting";
        ts.waitingOn = ev.ref;
        ts.waitPos = ev.pos;
      }
      break;
    }
    case "task.done": {
      // Cancelled before its first step: the loop ran its step entry without a task.step.
      if (s.batch.some((r) => r.kind === "step" && r.id === id) && !(s.running?.kind === "task" && s.running.id === id)) {
        take(s, (r) => r.kind === "step" && r.id === id);
      }
      if (s.running?.kind === "task" && s.running.id === id) s.running = undefined;
      const ts = nextTask(s, id);
      ts.status = "done";
      ts.outcome = ev.detail || "result";
      ts.value = ev.value;
      ts.waitingOn = undefined;
      break;
    }
    case "task.cancel":
      if (s.tasks.has(id)) nextTask(s, id).cancelRequested = true;
      break;
    case "fut.done": {
      const f = cat.futures.get(id);
      if (f?.kind === "waiter" && ev.detail === "result") {
        const p = s.prims.get(f.prim!);
        if (p && (p.kind === "semaphore" || p.kind === "bounded semaphore") && p.value !== undefined) {
          // Release (or a woken waiter passing it on) hands a unit straight to this waiter (core: Semaphore.wakeUpNext).
          p.value--;
        }
        if (p && isQueue(p.kind) && !p.joiners.some((w) => w.fut === id)) {
          // A queue wakes a getter or putter by taking it out of line first,
          // dropping the done ones before it (core: Queue.wakeUpNext).
          for (const l of [p.getters, p.putters]) {
            const i = l.findIndex((w) => w.fut === id);
            if (i >= 0) l.splice(0, i + 1);
          }
        }
      }
      break;
    }
    case "cb.schedule": {
      const how = ev.detail || "soon";
      if (how === "later" || how === "at" || how === "timer") {
        s.timers.set(id, { id, due: ev.due ?? 0, name: ev.name || "", how, by: ev.in, pos: ev.pos, seq: ev.seq });
      } else {
        const reason: ReadyReason = how === "threadsafe" ? "threadsafe" : how === "done-callback" ? "done-callback" : "soon";
        s.next.push({ kind: "callback", id, reason, ref: ev.ref, by: ev.in, pos: ev.pos, seq: ev.seq });
      }
      break;
    }
    case "timer.due": {
      const tm = s.timers.get(id);
      s.timers.delete(id);
      s.next.push({ kind: "callback", id, reason: "timer", by: tm?.by, pos: tm?.pos, seq: ev.seq });
      break;
    }
    case "cb.cancel": {
      s.timers.delete(id);
      for (const l of [s.batch, s.next]) {
        const i = l.findIndex((r) => r.kind === "callback" && r.id === id);
        if (i >= 0) l[i] = { ...l[i], cancelled: true };
      }
      break;
    }
    case "cb.begin":
      take(s, (r) => r.kind === "callback" && r.id === id);
      s.running = { kind: "callback", id };
      break;
    case "cb.end":
      if (s.running?.kind === "callback" && s.running.id === id) s.running = undefined;
      break;
    case "internal.schedule":
      s.next.push({ kind: "internal", id: 0, reason: "internal", ref: ev.ref, site: ev.name, by: ev.in, seq: ev.seq });
      break;
    case "internal.begin":
      take(s, (r) => r.kind === "internal" && r.ref === ev.ref && r.site === ev.name);
      s.running = { kind: "internal", id: 0, site: ev.name, ref: ev.ref };
      break;
    case "internal.end":
      if (s.running?.kind === "internal") s.running = undefined;
      break;
    case "iter.begin":
      s.batch = s.next;
      s.next = [];
      s.iteration++;
      break;
    case "iter.end":
      s.batch = [];
      break;
    case "loop.close":
      s.batch = [];
      s.next = [];
      s.timers = new Map();
      for (const [tid, ts] of s.tasks) if (ts.status !== "done") s.tasks.set(tid, { ...ts, status: "abandoned" });
      s.closed = true;
      break;
    case "sync.wait": {
      const p = prim(s, ev);
      const w: Waiter = { fut: ev.ref ?? 0, task: ev.in ?? 0, pos: ev.pos };
      const why = ev.value ?? "";
      if (isQueue(p.kind)) {
        if (why.startsWith("full")) p.putters.push(w);
        else if (/^join/i.test(why)) p.joiners.push(w); // core: "Join: ...", Python: "join: ..."
        else p.getters.push(w);
      } else {
        p.waiters.push(w);
        if (p.kind === "event") p.set = false;
      }
      break;
    }
    case "sync.acquire": {
      const p = prim(s, ev);
      if (p.kind === "lock") {
        p.locked = true;
        p.holder = ev.in;
      } else if (p.kind.includes("semaphore")) {
        p.value = leftOf(ev.value, p.value);
      }
      break;
    }
    case "sync.release": {
      const p = prim(s, ev);
      if (p.kind === "lock") {
        p.locked = false;
        p.holder = undefined;
      } else if (p.kind.includes("semaphore")) {
        p.value = leftOf(ev.value, p.value);
      } else if (p.kind === "event") {
        if (ev.value === "set") p.set = true;
        else if (ev.value === "clear") p.set = false;
      } else if (isQueue(p.kind)) {
        const m = /(?:TaskDone|task_done): (\d+) unfinished/.exec(ev.value ?? ""); // core's words, or Python's
        if (m) p.unfinished = Number(m[1]);
      }
      break;
    }
    case "queue.put": {
      const p = prim(s, ev);
      // A LIFO queue's newest item comes out first.
      if (p.kind === "lifo queue") p.items.unshift(ev.value ?? "");
      else p.items.push(ev.value ?? "");
      p.unfinished++;
      break;
    }
    case "queue.get": {
      const p = prim(s, ev);
      const v = ev.value ?? "";
      // FIFO and LIFO queues are listed in the order items come out, a
      // priority queue in put order: the item taken is the first equal one.
      const i = p.items.indexOf(v);
      if (i >= 0) p.items.splice(i, 1);
      break;
    }
  }
}

function leftOf(v: string | undefined, old: number | undefined): number | undefined {
  const m = /^(\d+) left/.exec(v ?? "");
  return m ? Number(m[1]) : old;
}

/**
 * The states of one run, with fast random access: stateAt(o) is the state
 * after event o (events in seq order).
 */
export class LoopStates {
  readonly catalog: Catalog;
  private snaps: LoopState[] = [];
  private snapAt: number[] = []; // snaps[k] is the state before event snapAt[k]

  /** catalog: the events' catalog, when the caller has built it already (the model has). */
  constructor(readonly events: readonly TraceEvent[], catalog?: Catalog) {
    this.catalog = catalog ?? buildCatalog(events);
    const s = emptyState();
    // A snapshot is taken after at least as many events as the state's size
    // (and SNAPSHOT_EVERY): copying stays within a few times the replay.
    let next = 0;
    for (let o = 0; o < events.length; o++) {
      if (o === next) {
        this.snaps.push(cloneState(s));
        this.snapAt.push(o);
        next = o + Math.max(SNAPSHOT_EVERY, stateSize(s));
      }
      applyEvent(s, events[o], o, this.catalog);
    }
  }

  /** The state after event o; -1 gives the state before the first event. */
  stateAt(o: number): LoopState {
    const last = Math.min(o, this.events.length - 1);
    if (last < 0) return emptyState();
    // The last snapshot taken at or before event last.
    let lo = 0;
    let hi = this.snapAt.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.snapAt[mid] <= last) lo = mid;
      else hi = mid - 1;
    }
    const s = cloneState(this.snaps[lo]);
    for (let i = this.snapAt[lo]; i <= last; i++) applyEvent(s, this.events[i], i, this.catalog);
    return s;
  }

  /** How many snapshots random access has (tests check their spacing). */
  get snapshotCount(): number {
    return this.snaps.length;
  }

  /** The state after the last event. */
  final(): LoopState {
    return this.stateAt(this.events.length - 1);
  }
}
