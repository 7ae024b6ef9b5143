// Export to the Chrome trace-event format (JSON object form), which Perfetto
// and chrome://tracing open: one thread per lane, a complete event per span,
// an instant per mark, flow arrows for wake-ups and cancellations.
//
// The export's clock (exportTimes): loop time where the loop's clock moved,
// real time where it stood still. Under the instant clock most steps share
// one loop time (nothing waits), so loop time alone would stack a whole run
// at ts 0; what separates them there is the real time each step took. So
// between two consecutive events the export advances by the loop time that
// passed, or, when none did, by the real (wall) time that did: a sleep or a
// timer shows as its loop time, a blocking step as the loop time it cost
// (the instant clock charges it), a step that computes as its real
// duration, and steps stay in order without overlapping. Under the real
// clock loop time moves with real time, so the export is loop time. Each
// slice's args keep its loop time.
import type { TraceEvent } from "../contract";
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
// A step with neither loop time nor a recorded real time (a trace without
// wall times) still gets this width (µs), so none disappear.
const MIN_DUR_US = 1;

/**
 * The export's time of each event (ns, by ordinal): loop time where the
 * loop's clock moved between two events, real time where it did not.
 */
export function exportTimes(events: readonly TraceEvent[]): number[] {
  const out = new Array<number>(events.length);
  let now = 0;
  for (let i = 0; i < events.length; i++) {
    if (i > 0) {
      const a = events[i - 1];
      const b = events[i];
      const loop = (b.t || 0) - (a.t || 0);
      const wall = a.wall !== undefined && b.wall !== undefined ? b.wall - a.wall : 0;
      now += loop > 0 ? loop : Math.max(0, wall);
    }
    out[i] = now;
  }
  return out;
}

export function toChromeTrace(model: TimelineModel): {
  traceEvents: ChromeEvent[];
  displayTimeUnit: string;
  otherData: Record<string, string>;
} {
  const at = exportTimes(model.events);
  const us = (o: number) => (at[o] ?? 0) / 1000;
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
      ts: us(s.o0), dur: Math.max(MIN_DUR_US, us(s.o1) - us(s.o0)),
      args: {
        cause: s.cause, outcome: s.outcome, line: s.line, output: s.output, seq: [s.seq0, s.seq1],
        loop_time_ns: s.t1 !== s.t0 ? [s.t0, s.t1] : s.t0,
      },
    });
  }
  for (const m of model.marks) {
    out.push({ name: m.label || m.kind, ph: "i", s: "t", cat: m.kind, pid: PID, tid: m.lane, ts: us(m.o), args: { seq: m.seq, line: m.line, loop_time_ns: m.t } });
  }
  model.arrows.forEach((a, i) => {
    out.push({ name: a.label, ph: "s", cat: a.kind, id: i + 1, pid: PID, tid: a.fromLane, ts: us(a.o0) });
    out.push({ name: a.label, ph: "f", bp: "e", cat: a.kind, id: i + 1, pid: PID, tid: a.toLane, ts: us(a.o1) });
  });
  return {
    traceEvents: out,
    displayTimeUnit: "ms",
    otherData: {
      clock: "loop time where the loop's clock moved, real time where it stood still (steps at one instant of the instant clock last as long as they really took); each slice's args.loop_time_ns has its loop time",
    },
  };
}
