// A run of Python is one synchronous call in the worker, so nothing else of
// the worker runs while a step spins: no timer flushes the trace, and Stop
// can only terminate the worker. CPython's Emscripten build, though, reads
// `Module.Py_EmscriptenSignalBuffer[0]` every 50 checks of its eval loop
// (Python/emscripten_signal.c; Pyodide's setInterruptBuffer sets it), and
// raises the signal whose number it finds there. That read is the hook:
// every `everyMs` it calls Python's tick (web/python/loopscope/trace.py),
// which sends the page what the run traced and where it is, and answers the
// wall limit's signal when the run is past it. Only one read in 64 looks at
// the clock: a tight loop reads it every few microseconds.
export type Tick = () => number;

export function tickHook(tick: Tick, everyMs = 20): { 0: number } {
  let reads = 0;
  let next = 0;
  return {
    get 0() {
      if (++reads & 63) return 0;
      const now = performance.now();
      if (now < next) return 0;
      next = now + everyMs;
      return tick();
    },
    set 0(_: number) {
      // CPython clears the signal it took; the next read asks tick again.
    },
  };
}
