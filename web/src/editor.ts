// The CodeMirror 6 editor: Go mode, a colour scheme read from CSS variables
// (so light and dark follow the page), diagnostics at line:col, and a
// highlighted line for the timeline and playback.
import { basicSetup } from "codemirror";
import { EditorView, keymap, Decoration, type DecorationSet } from "@codemirror/view";
import { EditorState, StateEffect, StateField, Prec, Compartment } from "@codemirror/state";
import { indentWithTab } from "@codemirror/commands";
import { go } from "@codemirror/lang-go";
import { HighlightStyle, syntaxHighlighting, indentUnit } from "@codemirror/language";
import { setDiagnostics, lintGutter, type Diagnostic as CMDiagnostic } from "@codemirror/lint";
import { tags } from "@lezer/highlight";
import type { Diagnostic } from "./contract";

export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  onRun: () => void;
  onFormat?: () => void;
  onChange?: () => void;
  readOnly?: boolean;
  label?: string;
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
  readonly view: EditorView;
  private readOnly = new Compartment();

  constructor(opts: EditorOptions) {
    const runKeys = Prec.highest(
      keymap.of([
        { key: "Mod-Enter", run: () => (opts.onRun(), true) },
        { key: "Shift-Enter", run: () => (opts.onRun(), true) },
        { key: "Mod-Shift-f", run: () => (opts.onFormat?.(), true) },
      ]),
    );
    this.view = new EditorView({
      parent: opts.parent,
      state: EditorState.create({
        doc: opts.doc,
        extensions: [
          basicSetup,
          go(),
          indentUnit.of("\t"),
          EditorState.tabSize.of(4),
          keymap.of([indentWithTab]),
          runKeys,
          syntaxHighlighting(highlight),
          theme,
          lintGutter(),
          highlightField,
          this.readOnly.of(EditorState.readOnly.of(!!opts.readOnly)),
          EditorView.contentAttributes.of({ "aria-label": opts.label ?? "Go program" }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) {
              opts.onChange?.();
              // Diagnostics belong to the text they were made for.
              if (u.transactions.some((t) => t.isUserEvent("input") || t.isUserEvent("delete"))) {
                this.view.dispatch(setDiagnostics(this.view.state, []));
              }
            }
          }),
        ],
      }),
    });
    // A handle for the browser tests to read and set the text as a whole.
    Object.defineProperty(opts.parent, "loopscopeEditor", { value: this, configurable: true });
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  setText(text: string) {
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

  showDiagnostics(diags: Diagnostic[], severity: "error" | "warning" = "error") {
    const doc = this.view.state.doc;
    const out: CMDiagnostic[] = [];
    for (const d of diags) {
      if (!(d.line >= 1)) continue;
      const line = doc.line(Math.min(d.line, doc.lines));
      const from = Math.min(line.from + Math.max(0, (d.col || 1) - 1), line.to);
      // Underline the word at the column, or at least one character.
      const word = /^[\w.]+/.exec(doc.sliceString(from, line.to));
      const to = Math.min(line.to, from + Math.max(1, word ? word[0].length : 1));
      out.push({ from, to: Math.max(to, from), severity, message: d.message, source: `line ${d.line}:${d.col}` });
    }
    this.view.dispatch(setDiagnostics(this.view.state, out));
  }

  clearDiagnostics() {
    this.view.dispatch(setDiagnostics(this.view.state, []));
  }

  /** Highlights a line (1-based) and scrolls it into view; 0 clears. */
  highlightLine(line: number) {
    const effects: StateEffect<unknown>[] = [setHighlight.of(line)];
    if (line >= 1 && line <= this.view.state.doc.lines) {
      effects.push(EditorView.scrollIntoView(this.view.state.doc.line(line).from, { y: "nearest" }));
    }
    this.view.dispatch({ effects });
  }

  focus() {
    this.view.focus();
  }
}
