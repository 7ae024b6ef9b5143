// Bundled by playground.mjs (esbuild) into a page to time the playground's
// own timeline code on a trace: buildModel, then fitView and draw on a
// canvas the size of the playground's timeline. The raster of the next frame
// is left out: headless chromium's frame timing without a GPU swings by
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
  return { modelMs: t1 - t0, drawMs: t2 - t1 };
};
