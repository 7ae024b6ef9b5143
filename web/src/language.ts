// The program's language: Go (the default: every link made before Python
// mode is Go) or Python. One field of a program wherever a program goes:
// links, the share JSON, examples, docs blocks.

export type Lang = "go" | "python";

export const LANGS: readonly Lang[] = ["go", "python"];

/** The language's name as the page shows it. */
export const LANG_NAMES: Record<Lang, string> = { go: "Go", python: "Python" };

/** The language a value names: only "python" is Python, anything else Go. */
export function langOf(v: unknown): Lang {
  return v === "python" ? "python" : "go";
}

/** Is v a language the page knows (or absent, which means Go)? */
export function isKnownLang(v: unknown): boolean {
  return v === undefined || v === null || v === "" || v === "go" || v === "python";
}
