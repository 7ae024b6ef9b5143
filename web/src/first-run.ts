// A worker's first run is slower than the next ones by much more than on a
// native build: the browser compiles the runner's code (type checker, SSA
// builder, interpreter) as the run first calls it. On a slow or busy
// machine that alone can take longer than a run's wall-time limit, which
// then stopped a correct program as "a loop that never ends". The first run
// on a worker gets extra time in proportion to how long that worker took to
// load (the same kind of work, on the same machine): about a second more on
// a quick machine, up to 45 s on a crawling one.

/** The runner's own wall-time limit when a request sets none (wasm/runner DefaultLimits.WallMS). */
export const RUNNER_WALL_MS = 10_000;

/** Extra real time for a worker's first run, from its load time. */
export function firstRunAllowanceMs(loadMs: number): number {
  if (!(loadMs > 0)) return 0;
  return Math.min(45_000, Math.round(3 * loadMs));
}
