// Examples by language: each Python example names its Go twin (the same
// lesson in Go), so switching language keeps the learner on the same lesson.
import type { Example } from "./contract";
import { langOf, type Lang } from "./language";

/** The examples in lang, in the list's order. */
export function examplesIn(list: readonly Example[], lang: Lang): Example[] {
  return list.filter((e) => langOf(e.lang) === lang);
}

/** The example in lang that teaches what the example named name does, if any. */
export function twinIn(list: readonly Example[], name: string, lang: Lang): Example | undefined {
  const ex = list.find((e) => e.name === name);
  if (!ex) return undefined;
  if (langOf(ex.lang) === lang) return ex;
  if (langOf(ex.lang) === "python") return list.find((e) => e.name === ex.twin && langOf(e.lang) === lang);
  return list.find((e) => langOf(e.lang) === lang && e.twin === name);
}
