// A program pasted into the other language's playground: a Python program
// run as Go fails with "expected 'package', found 'import'", which tells a
// newcomer nothing (the page opens in Go mode). When a program that does
// not compile reads as the other language, the output says so.
import type { RunResult } from "./contract";
import { LANG_NAMES, type Lang } from "./language";

const GO = /^\s*package\s+\w+\s*$/m;
const PYTHON = /^\s*(?:import\s+[\w.]+(?:\s+as\s+\w+)?\s*$|from\s+[\w.]+\s+import\s|async\s+def\s+\w+\s*\(|def\s+\w+\s*\(.*\)\s*(?:->.*)?:\s*$|if\s+__name__\s*==|asyncio\.run\()/m;

/** The language source reads as, if it is clearly one of them. */
export function looksLike(source: string): Lang | undefined {
  if (GO.test(source)) return "go";
  if (PYTHON.test(source)) return "python";
  return undefined;
}

/** Words for a run that failed to compile because it is the other language's program, or "". */
export function wrongLanguageHint(lang: Lang, source: string, r: RunResult): string {
  if (r.outcome !== "compile-error") return "";
  const other = looksLike(source);
  if (!other || other === lang) return "";
  return `This looks like a ${LANG_NAMES[other]} program, and the playground is running ${LANG_NAMES[lang]}: choose ${LANG_NAMES[other]} in the language menu at the top left, then paste it again.`;
}
