// Reads the import paths of a Go source file, to pick the runner before a
// run: the default wasm leaves out net/http, the full one has it. Only the
// file's header matters (the package clause, then import declarations), so
// this scans tokens from the top and stops at the first other declaration.
// It is not a Go parser: a source it cannot follow yields the imports read
// so far, and the runner itself then reports any real error.

/** The import paths declared in a Go source file, in order. */
export function goImports(src: string): string[] {
  const paths: string[] = [];
  let i = 0;

  // Moves past spaces, newlines and comments (both kinds).
  const skip = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++;
      if (src.startsWith("//", i)) {
        const nl = src.indexOf("\n", i);
        i = nl < 0 ? src.length : nl + 1;
      } else if (src.startsWith("/*", i)) {
        const end = src.indexOf("*/", i + 2);
        i = end < 0 ? src.length : end + 2;
      } else return;
    }
  };
  const word = (): string => {
    skip();
    const m = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(src.slice(i, i + 256));
    if (!m) return "";
    i += m[0].length;
    return m[0];
  };
  // One import spec: an optional name (identifier, "." or "_") and the path
  // as an interpreted ("...") or raw (`...`) string literal.
  const spec = (): boolean => {
    skip();
    if (src[i] === ".") i++;
    else if (src[i] !== '"' && src[i] !== "`") word();
    skip();
    const q = src[i];
    if (q !== '"' && q !== "`") return false;
    const end = src.indexOf(q, i + 1);
    if (end < 0) return false;
    paths.push(src.slice(i + 1, end));
    i = end + 1;
    return true;
  };

  if (word() !== "package" || !word()) return paths;
  for (;;) {
    skip();
    if (src[i] === ";") {
      i++;
      continue;
    }
    if (word() !== "import") return paths;
    skip();
    if (src[i] !== "(") {
      if (!spec()) return paths;
      continue;
    }
    i++; // a grouped declaration: specs until ")"
    for (;;) {
      skip();
      if (src[i] === ")") {
        i++;
        break;
      }
      if (src[i] === ";") {
        i++;
        continue;
      }
      if (!spec()) return paths;
    }
  }
}

/**
 * The packages only the full runner build has (wasm/runner/stdlib_http.go's
 * fullBuildOnly, which a Go test keeps equal to this list): net/http, and
 * the small packages the default build left out to stay within the first
 * load's 3 MB budget.
 */
export const fullBuildOnly = ["io", "math", "math/rand", "net/http"];

/** Whether the program needs the full runner build (net/http and the rest of fullBuildOnly). */
export function needsHTTPRunner(src: string): boolean {
  return goImports(src).some((p) => fullBuildOnly.includes(p));
}
