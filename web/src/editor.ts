// The CodeMirror 6 editor: Go or Python mode, a colour scheme read from CSS variables
// (so light and dark follow the page), diagnostics at line:col, and a
// highlighted line for the timeline and playback.
import { basicSetup } from "codemirror";
import { EditorView, keymap, Decoration, type DecorationSet } from "@codemirror/view";
import { EditorState, StateEffect, StateField, Prec, Compartment } from "@codemirror/state";
import { indentWithTab } from "@codemirror/commands";
import { go } from "@codemirror/lang-go";
import { loadPython } from "./python-highlight";
import { HighlightStyle, syntaxHighlighting, indentUnit, type LanguageSupport } from "@codemirror/language";
import { setDiagnostics, lintGutter, type Diagnostic as CMDiagnostic } from "@codemirror/lint";
import { tags } from "@lezer/highlight";
import type { Diagnostic } from "./contract";
import { LANG_NAMES, type Lang } from "./language";
import { h, scrollBandIntoView } from "./dom";

export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  onRun: () => void;
  onFormat?: () => void;
  onChange?: () => void;
  readOnly?: boolean;
  label?: string;
  lang?: Lang;
}

/**
 * What changes with the language: the grammar, and the indentation each
 * community writes (gofmt's tabs; PEP 8's four spaces, which Python also
 * needs to be consistent within a block). Python's grammar loads the first
 * time it is shown (python-highlight.ts); until then the text is plain.
 */
function languageSupport(lang: Lang, python?: () => LanguageSupport) {
  return lang === "python" ? [python ? python() : [], indentUnit.of("    ")] : [go(), indentUnit.of("\t")];
}

let pythonSupport: (() => LanguageSupport) | undefined;

function programLabel(opts: EditorOptions, lang: Lang): string {
  return opts.label ?? `${LANG_NAMES[lang]} program`;
}

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: "var(--syn-keyword)" },
  { tag: [tags.controlKeyword, tags.moduleKeyword], color: "var(--syn-keyword)" },
  { tag: [tags.string, tags.special(tags.string), tags.character], color: "var(--syn-string)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--syn-number)" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: "var(--syn-comment)", fontStyle: "italic" },
  { tag: [tags.typeName, tags.standard(tags.typeName)], color: "var(--syn-type)" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: "var(--syn-func)" },
  { tag: [tags.definition(tags.variableName), tags.definition(tags.function(tags.variableName))], color: "var(--syn-def)" },
  { tag: [tags.operator, tags.punctuation], color: "var(--syn-punct)" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "14px", backgroundColor: "var(--editor-bg)", color: "var(--fg)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-content": { caretColor: "var(--accent)" },
  ".cm-gutters": { backgroundColor: "var(--editor-gutter)", color: "var(--muted)", border: "none" },
  ".cm-activeLine": { backgroundColor: "var(--editor-active)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--editor-active)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--selection)" },
  "&.cm-focused": { outline: "2px solid var(--focus)", outlineOffset: "-2px" },
  ".cm-cursor": { borderLeftColor: "var(--accent)" },
  ".cm-ls-current": { backgroundColor: "var(--line-highlight)", boxShadow: "inset 3px 0 0 var(--accent)" },
  ".cm-tooltip": { backgroundColor: "var(--panel)", color: "var(--fg)", border: "1px solid var(--border)" },
});

const setHighlight = StateEffect.define<number>(); // line number, 0 clears

const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setHighlight)) continue;
      if (e.value <= 0 || e.value > tr.state.doc.lines) return Decoration.none;
      const line = tr.state.doc.line(e.value);
      deco = Decoration.set([Decoration.line({ class: "cm-ls-current" }).range(line.from)]);
    }
    // Editing moves on from what the highlight referred to.
    if (tr.docChanged) return Decoration.none;
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export class Editor {
  private view_: EditorView | undefined;
  private readOnly = new Compartment();
  private language = new Compartment();
  private lang_: Lang;
  // Until CodeMirror is built (see lazy), the text lives here and shows in
  // a plain <pre>.
  private plain: HTMLPreElement | undefined;
  private plainText: string;
  private upgradeTimer = 0;
  private focusingPlain = false; // focus() on the <pre>, which builds nothing

  /**
   * With opts.lazy the editor starts as a plain <pre> of the text, which
   * costs the page's main thread nothing during a cold start (CodeMirror's
   * set-up and first parse take a good part of it); it becomes CodeMirror
   * when touched, when view is read, or on upgradeSoon().
   */
  constructor(private opts: EditorOptions & { lazy?: boolean }) {
    this.plainText = opts.doc;
    this.lang_ = opts.lang ?? "go";
    // A handle for the browser tests to read and set the text as a whole.
    Object.defineProperty(opts.parent, "loopscopeEditor", { value: this, configurable: true });
    if (opts.lazy) this.showPlain();
    else this.upgrade();
  }

  get view(): EditorView {
    return this.view_ ?? this.upgrade();
  }

  /** Builds CodeMirror when the main thread is idle (soon in any case). */
  upgradeSoon() {
    if (this.view_ || this.upgradeTimer) return;
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }).requestIdleCallback;
    const go = () => void this.upgrade();
    this.upgradeTimer = idle ? idle(go, { timeout: 300 }) : window.setTimeout(go, 50);
  }

  private showPlain() {
    const { opts } = this;
    const pre = h("pre", {
      class: "editor-plain", tabindex: 0, role: "textbox", "aria-multiline": "true",
      "aria-label": programLabel(opts, this.lang_),
    });
    pre.textContent = this.plainText; // text, never HTML
    pre.addEventListener("focus", () => {
      if (!this.focusingPlain) this.upgrade().focus(); // reached by Tab: edit at once
    });
    pre.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey || e.shiftKey)) {
        e.preventDefault();
        opts.onRun();
        return;
      }
      // A key that edits or moves the cursor: CodeMirror takes the focus,
      // and the key with it. Tab and Escape leave, as from CodeMirror.
      if (e.key === "Tab" || e.key === "Escape" || ["Shift", "Control", "Alt", "Meta"].includes(e.key)) return;
      this.upgrade().focus();
    });
    pre.addEventListener("pointerdown", (e) => {
      const view = this.upgrade();
      const pos = view.posAtCoords({ x: e.clientX, y: e.clientY });
      if (pos !== null) view.dispatch({ selection: { anchor: pos } });
      e.preventDefault();
      view.focus();
    });
    this.plain = pre;
    opts.parent.append(pre);
  }

  /** Builds CodeMirror now, in place of the plain text. */
  private upgrade(): EditorView {
    if (this.view_) return this.view_;
    const opts = this.opts;
    const hadFocus = !!this.plain && document.activeElement === this.plain;
    this.plain?.remove();
    this.plain = undefined;
    const runKeys = Prec.highest(
      keymap.of([
        { key: "Mod-Enter", run: () => (opts.onRun(), true) },
        { key: "Shift-Enter", run: () => (opts.onRun(), true) },
        { key: "Mod-Shift-f", run: () => (opts.onFormat?.(), true) },
      ]),
    );
    const view = new EditorView({
      parent: opts.parent,
      state: EditorState.create({
        doc: this.plainText,
        extensions: [
          basicSetup,
          this.language.of(this.languageExtensions()),
          EditorState.tabSize.of(4),
          keymap.of([indentWithTab]),
          runKeys,
          syntaxHighlighting(highlight),
          theme,
          lintGutter(),
          highlightField,
          this.readOnly.of(EditorState.readOnly.of(!!opts.readOnly)),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) {
              opts.onChange?.();
              // Diagnostics belong to the text they were made for.
              if (u.transactions.some((t) => t.isUserEvent("input") || t.isUserEvent("delete"))) {
                view.dispatch(setDiagnostics(view.state, []));
              }
            }
          }),
        ],
      }),
    });
    this.view_ = view;
    if (hadFocus) view.focus();
    performance.mark("loopscope: editor built");
    return view;
  }

  get lang(): Lang {
    return this.lang_;
  }

  /** Highlights, indents and labels the text as a program in lang. */
  setLanguage(lang: Lang) {
    if (lang === this.lang_) return;
    this.lang_ = lang;
    if (this.plain) this.plain.setAttribute("aria-label", programLabel(this.opts, lang));
    this.view_?.dispatch({ effects: this.language.reconfigure(this.languageExtensions()) });
  }

  private languageExtensions() {
    const lang = this.lang_;
    if (lang === "python" && !pythonSupport) {
      loadPython().then(
        (py) => {
          pythonSupport = py;
          if (this.lang_ === "python") this.view_?.dispatch({ effects: this.language.reconfigure(this.languageExtensions()) });
        },
        () => {}, // the program stays plain text; it runs all the same
      );
    }
    return [languageSupport(lang, pythonSupport), EditorView.contentAttributes.of({ "aria-label": programLabel(this.opts, lang) })];
  }

  get text(): string {
    return this.view_ ? this.view_.state.doc.toString() : this.plainText;
  }

  setText(text: string) {
    if (!this.view_) {
      this.plainText = text;
      if (this.plain) this.plain.textContent = text;
      return;
    }
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      effects: setHighlight.of(0),
    });
    this.view.dispatch(setDiagnostics(this.view.state, []));
  }

  /** Replaces the text keeping the cursor near where it was (Format). */
  replaceKeepingCursor(text: string) {
    const head = Math.min(this.view.state.selection.main.head, text.length);
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text }, selection: { anchor: head } });
  }

  showDiagnostics(diags: (Diagnostic & { severity?: "error" | "warning" })[], severity: "error" | "warning" = "error") {
    const doc = this.view.state.doc;
    const out: CMDiagnostic[] = [];
    for (const d of diags) {
      if (!(d.line >= 1)) continue;
      const line = doc.line(Math.min(d.line, doc.lines));
      const from = Math.min(line.from + Math.max(0, (d.col || 1) - 1), line.to);
      // Underline the word at the column, or at least one character.
      const word = /^[\w.]+/.exec(doc.sliceString(from, line.to));
      const to = Math.min(line.to, from + Math.max(1, word ? word[0].length : 1));
      out.push({ from, to: Math.max(to, from), severity: d.severity ?? severity, message: d.message, source: `line ${d.line}:${d.col}` });
    }
    this.view.dispatch(setDiagnostics(this.view.state, out));
  }

  clearDiagnostics() {
    if (!this.view_) return; // none shown yet
    this.view.dispatch(setDiagnostics(this.view.state, []));
  }

  /** Highlights a line (1-based) and scrolls it into view; 0 clears. */
  highlightLine(line: number) {
    if (!this.view_ && line <= 0) return; // nothing highlighted yet
    const view = this.view;
    view.dispatch({ effects: setHighlight.of(line) });
    if (line >= 1 && line <= view.state.doc.lines) this.scrollToLine(line);
  }

  /** Scrolls the editor (and boxes around it, never the page) to show a line. */
  private scrollToLine(line: number) {
    const view = this.view;
    const block = view.lineBlockAt(view.state.doc.line(line).from);
    const top = view.documentTop + block.top;
    scrollBandIntoView(view.scrollDOM, top, top + block.height, block.height * 2);
  }

  focus() {
    if (this.plain) {
      // CodeMirror takes the focus over when it is built.
      this.focusingPlain = true;
      this.plain.focus({ preventScroll: true });
      this.focusingPlain = false;
    } else this.view.focus();
  }
}
