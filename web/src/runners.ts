// The page's runner for each language, each started the first time its
// language is chosen: a Go visitor downloads none of Python's runtime, and
// a Python embed none of Go's. Both are RunnerClients speaking one
// protocol, so the run session, output, timeline, playback and export
// downstream are one code path.
import type { RunnerClient } from "./runner-client";
import type { Lang } from "./language";

export class Runners {
  private made = new Map<Lang, RunnerClient>();

  /** start makes lang's runner and starts it loading. */
  constructor(private start: (lang: Lang) => RunnerClient) {}

  /** The runner for lang, started now if it is the first time. */
  get(lang: Lang): RunnerClient {
    let c = this.made.get(lang);
    if (!c) {
      c = this.start(lang);
      this.made.set(lang, c);
    }
    return c;
  }

  /** The runner for lang if it was started already. */
  peek(lang: Lang): RunnerClient | undefined {
    return this.made.get(lang);
  }
}
