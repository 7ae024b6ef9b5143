// A program run in the other language's playground is told so: a Python
// program run as Go fails with "expected 'package', found 'import'".
import { test } from "node:test";
import assert from "node:assert/strict";
import { looksLike, wrongLanguageHint } from "../../src/wrong-language";
import type { RunResult } from "../../src/contract";

const MY_TASK = `import asyncio

async def my_task(seconds):
    print('This task is taking {} seconds to complete'.format(seconds))
    await asyncio.sleep(seconds)
    return 'task finished'
`;
const GO = `package main

import "fmt"

func main() {
\tfmt.Println("hi")
}
`;
const compileError = (message: string): RunResult => ({ outcome: "compile-error", message, output: [], diagnostics: [], events: [] });

test("Python and Go programs are told apart; a fragment is neither", () => {
  assert.equal(looksLike(MY_TASK), "python");
  assert.equal(looksLike("from urllib.request import urlopen\nprint(1)\n"), "python");
  assert.equal(looksLike("def main():\n    pass\n"), "python");
  assert.equal(looksLike(GO), "go");
  assert.equal(looksLike("fmt.Println(1)\n"), undefined);
  assert.equal(looksLike(""), undefined);
});

test("a Python program that does not compile as Go says to choose Python, and the reverse", () => {
  assert.match(wrongLanguageHint("go", MY_TASK, compileError("main.go:1:1: expected 'package', found 'import'")), /^This looks like a Python program, and the playground is running Go: choose Python in the language menu/);
  assert.match(wrongLanguageHint("python", GO, compileError("main.py:1:9: SyntaxError: invalid syntax")), /^This looks like a Go program, and the playground is running Python: choose Go/);
});

test("no hint for a program of the right language, or one that ran", () => {
  assert.equal(wrongLanguageHint("go", GO, compileError("main.go:6:2: undefined: fmt2")), "");
  assert.equal(wrongLanguageHint("python", MY_TASK, compileError("main.py:3:1: SyntaxError")), "");
  assert.equal(wrongLanguageHint("go", MY_TASK, { ...compileError(""), outcome: "error" }), "");
});
