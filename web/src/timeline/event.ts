// Trace events in one shape. They arrive parsed from JSON (the Go runner's
// stream, a Python run's result, a test's fixture) with only the fields
// their kind uses: a 180k-event trace came in 16 hidden classes, so every
// property read of the timeline's passes over it (model, catalog, warnings,
// loop state) was a megamorphic lookup. Copied once into a class that always
// has every field, each of those reads sees one shape.
import type { TraceEvent } from "../contract";

export class Ev implements TraceEvent {
  // declare: no class-field definitions (which a build for ES2020 turns into
  // a defineProperty call per field): the constructor's stores make the shape.
  declare seq: number;
  declare t: number;
  declare wall?: number;
  declare kind: string;
  declare id?: number;
  declare name?: string;
  declare in?: number;
  declare ref?: number;
  declare detail?: string;
  declare value?: string;
  declare due?: number;
  declare pos?: string;
  declare dur?: number;

  constructor(e: TraceEvent) {
    this.seq = e.seq;
    this.t = e.t;
    this.wall = e.wall;
    this.kind = e.kind;
    this.id = e.id;
    this.name = e.name;
    this.in = e.in;
    this.ref = e.ref;
    this.detail = e.detail;
    this.value = e.value;
    this.due = e.due;
    this.pos = e.pos;
    this.dur = e.dur;
  }
}

// One blank instance first, every field undefined, so that each field of
// the class starts as "any value". Without it a field that saw small
// integers first (t: 0) changes representation when a number past V8's
// small-integer range comes (loop time past 2^30 ns, about 1.07 s): V8 then
// gives the class a new hidden class and migrates every earlier instance on
// its next read, allocating as it goes.
new Ev({} as TraceEvent);

/** The events as Ev instances, in a new array (an Ev is kept, not copied). */
export function normalizeEvents(input: readonly TraceEvent[]): Ev[] {
  const out: Ev[] = [];
  for (let i = 0; i < input.length; i++) {
    const e = input[i];
    out.push(e instanceof Ev ? e : new Ev(e));
  }
  return out;
}
