// Python's highlighting for the editor, as a script of its own (see
// build/bundle.go): loaded by python-highlight.ts the first time an editor
// shows Python. It hands over lang-python's python(); the CodeMirror and
// Lezer modules it imports are the page's (globalThis.loopscopeShared).
import { python } from "@codemirror/lang-python";

(globalThis as { loopscopePython?: typeof python }).loopscopePython = python;
