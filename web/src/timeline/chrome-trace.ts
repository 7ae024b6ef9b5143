// Export to the Chrome trace-event format (JSON object form), which Perfetto
// and chrome://tracing open: one thread per lane, a complete event per span,
// an instant per mark, flow arrows for wake-ups and cancellations.
import type { TimelineModel } from "./model";

interface ChromeEvent {
  name: string;
  ph: string;
  ts?: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  s?: string;
  id?: number;
  bp?: string;
  args?: Record<string, unknown>;
}

const PID = 1;
// Virtual time often puts many steps at one instant: each span gets at least
// this much width (µs) so none disappear; the real loop time is in args.
const MIN_DUR_US = 1;

export function toChromeTrace(model: TimelineModel): { traceEvents: ChromeEvent[]; displayTimeUnit: string } {
  const us = (ns: number) => ns / 1000;
  const out: ChromeEvent[] = [
    { name: "process_name", ph: "M", pid: PID, tid: 0, args: { name: "Loopscope event loop" } },
  ];
  for (const lane of model.lanes) {
    out.push({ name: "thread_name", ph: "M", pid: PID, tid: lane.index, args: { name: lane.name } });
    out.push({ name: "thread_sort_index", ph: "M", pid: PID, tid: lane.index, args: { sort_index: lane.index } });
  }
  for (const s of model.spans) {
    out.push({
      name: s.name, ph: "X", cat: s.kind, pid: PID, tid: s.lane,
      ts: us(s.t0), dur: Math.max(MIN_DUR_US, us(s.t1 - s.t0)),
      args: { cause: s.cause, outcome: s.outcome, line: s.line, output: s.output, seq: [s.seq0, s.seq1] },
    });
  }
  for (const m of model.marks) {
    out.push({ name: m.label || m.kind, ph: "i", s: "t", cat: m.kind, pid: PID, tid: m.lane, ts: us(m.t), args: { seq: m.seq, line: m.line } });
  }
  model.arrows.forEach((a, i) => {
    out.push({ name: a.label, ph: "s", cat: a.kind, id: i + 1, pid: PID, tid: a.fromLane, ts: us(a.t0) });
    out.push({ name: a.label, ph: "f", bp: "e", cat: a.kind, id: i + 1, pid: PID, tid: a.toLane, ts: us(a.t1) });
  });
  return { traceEvents: out, displayTimeUnit: "ms" };
}
