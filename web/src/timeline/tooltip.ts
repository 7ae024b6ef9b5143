// What the timeline's tooltip says about an item: a step or callback, a
// mark, a wait, or a lane's name. Pure text, so a hover and a tap show the
// same words and a test can read them for every item of every example.
import { formatNs, type Lane, type Mark, type Span, type TimelineModel, type Wait } from "./model";
import { MARK_STYLE } from "./marks";
import { WAIT_STYLE } from "./waits";
import { api, waitPhrase } from "./state-words";

export type Item = Span | Mark | Wait | Lane;

export const isSpan = (x: Item): x is Span => "seq0" in x;
export const isLane = (x: Item): x is Lane => "index" in x;
export const isWait = (x: Item): x is Wait => "ref" in x && "what" in x;

/** The tooltip's lines; the first is its title. Program output lines start with "» ". how: what shows the line, a click or (touch) a tap. */
export function tooltipLines(model: TimelineModel, item: Item, how: "click" | "tap" = "click"): string[] {
  const lines: string[] = [];
  if (isLane(item)) {
    lines.push(item.kind === "task" ? `Task ${item.name}` : "Callbacks");
    if (item.runs) lines.push(`runs ${item.runs}`);
    if (item.kind === "callbacks") lines.push(`Plain callbacks and timers run here (${api(model.catalog, "CallSoon")}, ${api(model.catalog, "CallLater")}, a sleep's timer).`);
    else {
      const made = model.catalog.tasks.get(item.id);
      if (made?.pos) lines.push(`created at line ${made.pos.replace(/^.*:/, "")}`);
    }
    return lines;
  }
  if (isSpan(item)) {
    // An unnamed callback is called "callback #3" already: not "Callback: callback #3".
    lines.push(item.kind === "step" ? `Task step: ${item.name}` : /^callback #/.test(item.name) ? `C${item.name.slice(1)}` : `Callback: ${item.name}`);
    lines.push(`at ${formatNs(item.t0)}${item.t1 !== item.t0 ? ` – ${formatNs(item.t1)}` : ""} · events ${item.seq0}–${item.seq1}`);
    if (item.cause) lines.push(item.cause);
    if (item.outcome) lines.push(item.outcome);
    for (const o of item.output.slice(0, 5)) lines.push(`» ${o}`);
    if (item.output.length > 5) lines.push(`… ${item.output.length - 5} more lines`);
  } else if (isWait(item)) {
    const lane = model.lanes[item.lane];
    lines.push(`Waiting on ${WAIT_STYLE[item.kind].legend}`);
    lines.push(`${lane?.name ?? "the task"} ${waitPhrase(model.catalog, item.ref)}`);
    lines.push(item.t1 !== item.t0 ? `from ${formatNs(item.t0)} to ${formatNs(item.t1)}` : `at ${formatNs(item.t0)}`);
  } else {
    lines.push(MARK_STYLE[item.kind].title);
    lines.push(item.label);
    lines.push(`at ${formatNs(item.t)} · event ${item.seq}`);
  }
  if (item.line) lines.push(`line ${item.line} (${how} to show)`);
  return lines;
}
