// The panel beside the timeline: the narration of the current step, what
// the loop holds at that step (ready queue, timers, tasks, primitives) and
// the per-task table. Everything is text in the DOM, never HTML.
import { h } from "../dom";
import { formatNs, type TimelineModel } from "./model";
import { LoopStates, doneAt, pendingTimers, readyQueue, type LoopState, type PrimState, type Waiter } from "./loop-state";
import { narrate } from "./narration";
import { taskFigures, type TaskFigures } from "./task-figures";
import { callbackName, lineWord, readyName, readyWhy, runnerName, taskName, taskStatusText, timerName, timerWho } from "./state-words";

export interface StatePanelHooks {
  /** A task table row was chosen. */
  onTask(fig: TaskFigures): void;
}

type SortKey = "name" | "steps" | "busy" | "scheduled" | "idle" | "woken" | "createdLine" | "outcome";

const COLUMNS: { key: SortKey; label: string; title: string }[] = [
  { key: "name", label: "Task", title: "The task's name" },
  { key: "steps", label: "Steps", title: "How many steps the task ran" },
  { key: "busy", label: "Busy", title: "Loop steps that were the task's own (and the loop time they took)" },
  { key: "scheduled", label: "Scheduled", title: "Loop steps that ran while the task was ready but waiting its turn" },
  { key: "idle", label: "Idle", title: "Loop steps that ran while the task waited on something (and the loop time that passed)" },
  { key: "woken", label: "Woken", title: "How many times something woke the task, and what" },
  { key: "createdLine", label: "Created", title: "The line that created the task, and by whom" },
  { key: "outcome", label: "Outcome", title: "How the task ended; for a cancelled task, who cancelled it" },
];

export class StatePanel {
  readonly element: HTMLElement;
  readonly narration: HTMLElement;
  private stateEl: HTMLElement;
  private tableEl: HTMLElement;
  private tabs: Record<"state" | "tasks", HTMLButtonElement>;
  private model: TimelineModel | undefined;
  private states: LoopStates | undefined;
  // The run's task figures, and its table, are made when the Tasks tab is
  // shown (undefined until then): a run of 1500 tasks has 13,000 cells.
  private figures: TaskFigures[] | undefined;
  private sort: { key: SortKey; dir: 1 | -1 } = { key: "createdLine", dir: 1 };
  private chosenTask = 0;
  /** ms the last state rebuild took (read by the browser benchmark) */
  lastStateMs = 0;

  constructor(private hooks: StatePanelHooks) {
    this.narration = h("p", { class: "tl-narration", "data-testid": "narration", "aria-live": "polite" });
    // The panels scroll: tabindex lets a keyboard user reach and scroll them.
    this.stateEl = h("div", { class: "sp-body", "data-testid": "loop-state", role: "tabpanel", "aria-label": "What the loop holds", tabindex: 0 });
    this.tableEl = h("div", { class: "sp-body sp-tasks", "data-testid": "task-table", role: "tabpanel", "aria-label": "Tasks", tabindex: 0, hidden: true });
    const tab = (which: "state" | "tasks", label: string) =>
      h("button", { type: "button", role: "tab", class: "sp-tab", "aria-selected": String(which === "state"), tabindex: which === "state" ? 0 : -1, "data-testid": `tab-${which}`, onclick: () => this.showTab(which) }, label);
    this.tabs = { state: tab("state", "Loop state"), tasks: tab("tasks", "Tasks") };
    // Tabs as the ARIA pattern has them: one stop for Tab, the arrow keys move between them.
    for (const [which, other] of [["state", "tasks"], ["tasks", "state"]] as const) {
      this.tabs[which].addEventListener("keydown", (e) => {
        if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) return;
        e.preventDefault();
        const to = e.key === "Home" ? "state" : e.key === "End" ? "tasks" : other;
        this.showTab(to);
        this.tabs[to].focus();
      });
    }
    this.element = h(
      "aside",
      { class: "state-panel", "aria-label": "Loop state and tasks" },
      h("div", { class: "sp-tabs", role: "tablist" }, this.tabs.state, this.tabs.tasks),
      this.stateEl,
      this.tableEl,
    );
  }

  showTab(which: "state" | "tasks") {
    for (const [k, b] of Object.entries(this.tabs)) {
      b.setAttribute("aria-selected", String(k === which));
      b.tabIndex = k === which ? 0 : -1;
    }
    this.stateEl.hidden = which !== "state";
    this.tableEl.hidden = which !== "tasks";
    if (which === "tasks" && !this.figures) this.renderTable();
  }

  /** A new run's model. */
  setModel(model: TimelineModel) {
    this.model = model;
    this.states = model.events.length ? new LoopStates(model.events, model.catalog) : undefined;
    this.figures = undefined;
    this.chosenTask = 0;
    if (!this.tableEl.hidden) this.renderTable();
    this.showStep(-1);
  }

  /** The state as step i begins (the loop has just taken it); -1: the end of the run. */
  stateOfStep(i: number): LoopState | undefined {
    if (!this.states || !this.model) return undefined;
    const span = this.model.spans[i];
    return this.states.stateAt(span ? span.o0 : this.model.events.length - 1);
  }

  showStep(i: number) {
    const model = this.model;
    if (!model || !this.states) {
      this.narration.textContent = "";
      this.stateEl.replaceChildren(h("p", { class: "sp-note" }, "Run the program: this panel shows what the loop holds at each step."));
      return;
    }
    const began = performance.now();
    const s = this.stateOfStep(i)!;
    this.lastStateMs = performance.now() - began;
    this.element.dataset.stateMs = this.lastStateMs.toFixed(2);
    this.narration.textContent =
      i >= 0
        ? narrate(model, this.states, i)
        : model.spans.length
          ? model.spans.length === 1
            ? "The run took 1 step. Press ▶ or → to go to it; this panel then shows what the loop holds as it begins."
            : `The run took ${model.spans.length} steps. Press ▶ or → to go through them one by one; this panel then shows what the loop holds at each.`
          : "";
    this.renderState(s, i);
  }

  private renderState(s: LoopState, i: number) {
    const cat = this.states!.catalog;
    const parts: HTMLElement[] = [];
    const head = i >= 0 ? `As step ${i + 1} begins · loop time ${formatNs(s.t)}` : `When the run ended · loop time ${formatNs(s.t)}`;
    parts.push(h("div", { class: "sp-head" }, head));

    // Running.
    let running = "nothing (the loop is between steps)";
    if (s.running?.kind === "task") running = `${taskName(cat, s.running.id)} (task step)`;
    else if (s.running?.kind === "callback") running = callbackName(cat, s.running.id);
    else if (s.running?.kind === "internal") running = `${s.running.site}'s callback`;
    parts.push(section("Running", "sp-running", [h("div", {}, running)]));

    // Ready queue.
    const ready = readyQueue(s);
    const nextFrom = s.batch.length;
    parts.push(
      section(
        `Ready queue (${ready.length})`,
        "sp-ready",
        ready.length
          ? [
              h(
                "ol",
                { class: "sp-list" },
                ...capped(ready, (n) => `… and ${n} more`, (r, k) =>
                  h(
                    "li",
                    { class: r.cancelled ? "sp-cancelled" : "" },
                    h("span", { class: "sp-name" }, readyName(cat, r)),
                    ` — ${readyWhy(cat, s, r)}`,
                    r.cancelled ? " (cancelled: the loop will skip it)" : "",
                    s.batch.length && k >= nextFrom ? h("span", { class: "sp-tag", title: "It joined during this pass of the loop: it runs in the next one" }, "next pass") : "",
                  ),
                ),
              ),
            ]
          : [h("div", { class: "sp-none" }, "empty")],
      ),
    );

    // Timers.
    const timers = pendingTimers(s);
    parts.push(
      section(
        `Timers (${timers.length})`,
        "sp-timers",
        timers.length
          ? [h("ul", { class: "sp-list" }, ...capped(timers, (n) => `… and ${n} more, due later`, (t) => h("li", {}, h("span", { class: "sp-name" }, timerName(cat, t)), ` — due at ${formatNs(t.due)}`, timerWho(cat, t) ? `, ${timerWho(cat, t)}` : "")))]
          : [h("div", { class: "sp-none" }, "none")],
      ),
    );

    // Primitives (before the tasks: few, and what the lock and queue examples are about).
    const prims = [...s.prims.values()].sort((a, b) => a.id - b.id);
    if (prims.length) parts.push(section("Locks, semaphores, events, queues", "sp-prims", [h("ul", { class: "sp-list" }, ...prims.map((p) => h("li", {}, h("span", { class: "sp-name" }, p.name), ` — ${primText(this.states!, s, p)}`)))]));
    // Tasks.
    const tasks = [...s.tasks.values()].sort((a, b) => a.id - b.id);
    // Too many to list: the live ones first, the finished after them.
    const listed = tasks.length > LIST_MAX ? [...tasks.filter((t) => t.status !== "done"), ...tasks.filter((t) => t.status === "done")] : tasks;
    parts.push(
      section(
        `Tasks (${tasks.length})`,
        "sp-tasklist",
        tasks.length
          ? [
              h(
                "ul",
                { class: "sp-list" },
                ...capped(listed, (n) => `… and ${n} more; the Tasks tab lists every task`, (t) =>
                  h(
                    "li",
                    { class: `sp-task sp-${t.status}`, "data-task": t.id },
                    h("span", { class: "sp-name" }, taskName(cat, t.id)),
                    ` — ${taskStatusText(cat, s, t)}`,
                    t.cancelRequested && t.status !== "done" ? " (cancel requested)" : "",
                  ),
                ),
              ),
            ]
          : // Tasks stay in the state once created: none now means none so
            // far, "yet" only if the run has tasks.
            [h("div", { class: "sp-none" }, cat.tasks.size ? "none yet" : "none")],
      ),
    );

    this.stateEl.replaceChildren(...parts);
  }

  private renderTable() {
    this.figures ??= this.model && this.states ? taskFigures(this.model, this.states.catalog) : [];
    const figs = [...this.figures];
    const { key, dir } = this.sort;
    figs.sort((a, b) => {
      const x = a[key] as string | number;
      const y = b[key] as string | number;
      return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * dir || a.id - b.id;
    });
    if (!figs.length) {
      this.tableEl.replaceChildren(h("p", { class: "sp-note" }, "No tasks in this run."));
      return;
    }
    const ths = COLUMNS.map((c) =>
      h(
        "th",
        { scope: "col", "aria-sort": c.key === key ? (dir === 1 ? "ascending" : "descending") : "none", title: c.title },
        h("button", { type: "button", class: "sp-sort", "data-sort": c.key, onclick: () => this.sortBy(c.key) }, c.label, c.key === key ? (dir === 1 ? " ▲" : " ▼") : ""),
      ),
    );
    const rows = figs.map((f) => {
      const created = [f.createdLine ? `line ${f.createdLine}` : "", f.createdBy.length ? `by ${f.createdBy.join(" ← ")}` : ""].filter(Boolean).join(" ");
      const outcome =
        f.outcome === "cancelled" ? ["cancelled", ...f.cancelChain].join("; ") : f.outcome === "exception" ? `failed: ${f.value ?? ""}` : f.outcome === "pending" ? "never finished" : `done${f.value ? `: ${f.value}` : ""}`;
      const tr = h(
        "tr",
        { "data-task": f.id, class: f.id === this.chosenTask ? "sp-chosen" : "", tabindex: 0, title: "Show this task's lane and the line that created it" },
        h("th", { scope: "row" }, f.name, ...(f.runs ? [" ", h("span", { class: "sp-runs" }, f.runs)] : [])),
        h("td", { class: "num" }, String(f.steps)),
        h("td", { class: "num" }, `${f.busy}${f.busyNs ? ` · ${formatNs(f.busyNs)}` : ""}`),
        h("td", { class: "num" }, `${f.scheduled}${f.scheduledNs ? ` · ${formatNs(f.scheduledNs)}` : ""}`),
        h("td", { class: "num" }, `${f.idle}${f.idleNs ? ` · ${formatNs(f.idleNs)}` : ""}`),
        h("td", {}, `${f.woken}${f.wokenBy ? ` (${f.wokenBy})` : ""}`),
        h("td", {}, created),
        h("td", {}, outcome),
      );
      const choose = () => {
        this.chosenTask = f.id;
        for (const r of this.tableEl.querySelectorAll("tr.sp-chosen")) r.classList.remove("sp-chosen");
        tr.classList.add("sp-chosen");
        this.hooks.onTask(f);
      };
      tr.addEventListener("click", choose);
      tr.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          choose();
        }
      });
      return tr;
    });
    this.tableEl.replaceChildren(
      h(
        "table",
        { class: "sp-table" },
        h("caption", { class: "visually-hidden" }, "Per-task figures, in loop steps (and loop time where it passed). Sort by a column; choose a row to show the task."),
        h("thead", {}, h("tr", {}, ...ths)),
        h("tbody", {}, ...rows),
      ),
    );
  }

  private sortBy(key: SortKey) {
    this.sort = this.sort.key === key ? { key, dir: this.sort.dir === 1 ? -1 : 1 } : { key, dir: key === "name" || key === "createdLine" || key === "outcome" ? 1 : -1 };
    this.renderTable();
    (this.tableEl.querySelector(`[data-sort="${key}"]`) as HTMLElement | null)?.focus();
  }
}

/** The most entries a list of the state shows: a run of 1500 tasks has 1500 of each, which nobody reads. */
const LIST_MAX = 100;

/** The first LIST_MAX items, rendered, and a last line that counts the rest. */
function capped<T>(items: T[], more: (n: number) => string, render: (item: T, k: number) => HTMLElement): HTMLElement[] {
  const out = items.slice(0, LIST_MAX).map(render);
  if (items.length > LIST_MAX) out.push(h("li", { class: "sp-more" }, more(items.length - LIST_MAX)));
  return out;
}

function section(title: string, cls: string, body: HTMLElement[]): HTMLElement {
  return h("section", { class: `sp-section ${cls}` }, h("h3", {}, title), ...body);
}

/** Waiters in order; one whose wait is over (woken, or cancelled) but has not run yet says so. */
function waiterNames(states: LoopStates, s: LoopState, ws: Waiter[]): string {
  return ws
    .map((w) => {
      const at = lineWord(w.pos);
      const done = doneAt(states.catalog, s, w.fut);
      const note = done ? (done.outcome === "cancelled" ? ", cancelled" : ", woken: goes on when it runs") : "";
      return `${taskName(states.catalog, w.task)}${at || note ? ` (${[at, note.slice(2)].filter(Boolean).join(", ")})` : ""}`;
    })
    .join(", ");
}

function primText(states: LoopStates, s: LoopState, p: PrimState): string {
  const cat = states.catalog;
  const bits: string[] = [];
  if (p.kind === "lock") {
    bits.push(p.locked ? `held${p.holder ? ` by ${runnerName(cat, p.holder)}` : ""}` : "free");
    if (p.waiters.length) bits.push(`waiting, in order: ${waiterNames(states, s, p.waiters)}`);
  } else if (p.kind.includes("semaphore")) {
    bits.push(p.value === undefined ? "units left unknown yet" : `${p.value} ${p.value === 1 ? "unit" : "units"} left`);
    if (p.waiters.length) bits.push(`waiting, in order: ${waiterNames(states, s, p.waiters)}`);
  } else if (p.kind === "event") {
    bits.push(p.set ? "set" : "not set");
    if (p.waiters.length) bits.push(`waiting: ${waiterNames(states, s, p.waiters)}`);
  } else if (p.kind.endsWith("queue")) {
    bits.push(p.items.length ? `${p.items.length} ${p.items.length === 1 ? "item" : "items"}: ${p.items.slice(0, 8).join(", ")}${p.items.length > 8 ? ", …" : ""}` : "empty");
    if (p.getters.length) bits.push(`getters waiting: ${waiterNames(states, s, p.getters)}`);
    if (p.putters.length) bits.push(`putters waiting (full): ${waiterNames(states, s, p.putters)}`);
    if (p.unfinished) bits.push(`${p.unfinished} not marked done`);
    if (p.joiners.length) bits.push(`in Join: ${waiterNames(states, s, p.joiners)}`);
  } else if (p.waiters.length) {
    bits.push(`waiting: ${waiterNames(states, s, p.waiters)}`);
  }
  return bits.join("; ");
}
