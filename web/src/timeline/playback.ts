// Step-through playback over a run's steps (task steps and callbacks in the
// order they ran): previous / next / play.
export class Playback {
  index = -1; // -1: no step chosen, the whole run shows
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private count: () => number,
    private onChange: (index: number) => void,
    private intervalMs = 650,
  ) {}

  get playing(): boolean {
    return this.timer !== undefined;
  }

  goTo(i: number) {
    const n = this.count();
    const next = n === 0 ? -1 : Math.max(-1, Math.min(n - 1, i));
    if (next === this.index) return;
    this.index = next;
    this.onChange(next);
  }

  next() {
    if (this.index >= this.count() - 1) return false;
    this.goTo(this.index + 1);
    return true;
  }

  previous() {
    this.goTo(Math.max(0, this.index - 1));
  }

  play() {
    if (this.playing || this.count() === 0) return;
    if (this.index >= this.count() - 1) this.goTo(-1);
    this.next();
    this.timer = setInterval(() => {
      if (!this.next()) this.pause();
    }, this.intervalMs);
    this.onChange(this.index);
  }

  pause() {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.onChange(this.index);
  }

  reset() {
    this.pause();
    this.index = -1;
  }
}

/**
 * How many of a run's output lines were printed by the end of the step that
 * ends at seq: the lines are in the order printed, each with the seq of its
 * output event (0 when printed before the loop ran; for a line printed off
 * the loop, the seq of the event before it).
 */
export function linesAsOf(output: readonly { seq?: number }[], seq: number): number {
  let n = 0;
  while (n < output.length && (output[n].seq ?? 0) <= seq) n++;
  return n;
}
