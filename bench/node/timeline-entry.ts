// Bundled by playground.mjs (esbuild) into a page to time the playground's
// own timeline code on a trace: buildModel, then fitView and draw on a
// canvas the size of the playground's timeline. The raster of the next frame
// is left out of drawMs (rasterMs has the canvas's own, forced by reading a pixel): headless chromium's frame timing without a GPU swings by
// seconds between identical draws, so it would measure the machine.
import { buildModel } from "../../web/src/timeline/model";
import { draw } from "../../web/src/timeline/draw";
import { FALLBACK_PALETTE, fitView } from "../../web/src/timeline/geometry";
import type { TraceEvent } from "../../web/src/contract";

(globalThis as unknown as { benchTimeline: unknown }).benchTimeline = (events: TraceEvent[]) => {
  const canvas = document.createElement("canvas");
  canvas.width = 1200;
  canvas.height = 600;
  document.body.replaceChildren(canvas);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2d canvas");
  const t0 = performance.now();
  const model = buildModel(events);
  const t1 = performance.now();
  draw(ctx, model, fitView(model, "time", canvas.width, canvas.height), FALLBACK_PALETTE, {});
  const t2 = performance.now();
  // Reading a pixel makes Chromium raster what draw recorded, now: the cost
  // a drawing defers to the frame (a dashed curve's dashes, for one).
  ctx.getImageData(0, 0, 1, 1);
  const t3 = performance.now();
  return { modelMs: t1 - t0, drawMs: t2 - t1, rasterMs: t3 - t2 };
};

// The state panel on the same trace: the index (LoopStates: snapshots every
// 128 events) built once per run, then the state at steps spread over the
// whole run, as playback and clicks ask for it; and the whole panel update
// (state, narration, DOM) for the same steps.
import { LoopStates } from "../../web/src/timeline/loop-state";
import { StatePanel } from "../../web/src/timeline/state-panel";

(globalThis as unknown as { benchLoopState: unknown }).benchLoopState = (events: TraceEvent[]) => {
  const t0 = performance.now();
  const model = buildModel(events);
  const t1 = performance.now();
  const states = new LoopStates(model.events);
  const t2 = performance.now();
  // Every 37th step, and the steps that replay the most (just before a snapshot).
  const steps: number[] = [];
  for (let i = 0; i < model.spans.length; i += 37) steps.push(i);
  for (let o = 127; o < model.events.length; o += 128) {
    const i = model.spans.findIndex((s) => s.o0 >= o);
    if (i >= 0) steps.push(i);
  }
  // Best of three sweeps: a shared machine stalls a process now and then.
  let stateMs: number[] = [];
  let panelMs: number[] = [];
  const panel = new StatePanel({ onTask: () => {} });
  document.body.append(panel.narration, panel.element);
  panel.setModel(model);
  for (let round = 0; round < 3; round++) {
    const sm: number[] = [];
    for (const i of steps) {
      const a = performance.now();
      states.stateAt(model.spans[i].o0);
      sm.push(performance.now() - a);
    }
    const pm: number[] = [];
    for (const i of steps) {
      const a = performance.now();
      panel.showStep(i);
      pm.push(performance.now() - a);
    }
    if (!stateMs.length || Math.max(...sm) < Math.max(...stateMs)) stateMs = sm;
    if (!panelMs.length || Math.max(...pm) < Math.max(...panelMs)) panelMs = pm;
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const s = sorted(stateMs);
  const p = sorted(panelMs);
  return {
    modelMs: t1 - t0, indexMs: t2 - t1, steps: steps.length,
    stateMax: s[s.length - 1], stateMedian: s[s.length >> 1],
    panelMax: p[p.length - 1], panelMedian: p[p.length >> 1],
  };
};
