// Loads Python's highlighting (python-lang.ts, a script of its own) the
// first time an editor shows Python, so a Go visitor downloads none of it.
// The script uses this bundle's CodeMirror and Lezer modules, handed over
// here: exactly the bindings @codemirror/lang-python and @lezer/python
// import, all of which lang-go already brings into this bundle.
import {
  syntaxTree, LRLanguage, indentNodeProp, delimitedIndent, foldNodeProp, foldInside, LanguageSupport,
} from "@codemirror/language";
import { NodeWeakMap, IterMode } from "@lezer/common";
import { snippetCompletion, ifNotIn, completeFromList } from "@codemirror/autocomplete";
import { ExternalTokenizer, ContextTracker, LRParser } from "@lezer/lr";
import { styleTags, tags } from "@lezer/highlight";

type Python = () => LanguageSupport;
type Global = { loopscopeShared?: Record<string, object>; loopscopePython?: Python };

let loading: Promise<Python> | undefined;

/** Python's LanguageSupport maker, once its script has loaded. */
export function loadPython(): Promise<Python> {
  const g = globalThis as Global;
  if (g.loopscopePython) return Promise.resolve(g.loopscopePython);
  loading ??= new Promise<Python>((resolve, reject) => {
    g.loopscopeShared = {
      "@codemirror/language": { syntaxTree, LRLanguage, indentNodeProp, delimitedIndent, foldNodeProp, foldInside, LanguageSupport },
      "@lezer/common": { NodeWeakMap, IterMode },
      "@codemirror/autocomplete": { snippetCompletion, ifNotIn, completeFromList },
      "@lezer/lr": { ExternalTokenizer, ContextTracker, LRParser },
      "@lezer/highlight": { styleTags, tags },
    };
    const url = scriptURL();
    if (!url) return reject(new Error("this build has no python-lang.js"));
    const s = document.createElement("script");
    s.src = url;
    s.onload = () => (g.loopscopePython ? resolve(g.loopscopePython) : reject(new Error("python-lang.js set nothing up")));
    s.onerror = () => {
      loading = undefined; // a later Python editor may try again
      reject(new Error("python-lang.js could not be loaded"));
    };
    document.head.append(s);
  });
  return loading;
}

/** Where the build put python-lang.js: the pages' asset map. */
function scriptURL(): string {
  try {
    const meta = document.querySelector<HTMLMetaElement>('meta[name="loopscope-assets"]');
    const path = (JSON.parse(meta?.content ?? "{}") as Record<string, string>)["python-lang.js"];
    return path ? new URL(path, location.href).href : "";
  } catch {
    return "";
  }
}
