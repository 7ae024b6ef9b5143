import { test } from "node:test";
import assert from "node:assert/strict";
import type { Example } from "../../src/contract";
import { examplesIn, twinIn } from "../../src/example-twins";

// Older examples.json entries had no lang: they are Go.
const ex = (name: string, lang?: "go" | "python", twin?: string) => ({ name, title: name, source: "", lang, twin }) as unknown as Example;
const list = [ex("call_soon"), ex("call_soon_py", "python", "call_soon"), ex("stuck", "go"), ex("intro_urllib", "python")];

test("the examples of a language keep the list's order; no lang is Go", () => {
  assert.deepEqual(examplesIn(list, "go").map((e) => e.name), ["call_soon", "stuck"]);
  assert.deepEqual(examplesIn(list, "python").map((e) => e.name), ["call_soon_py", "intro_urllib"]);
});

test("a twin is found from either side, and only in the language asked for", () => {
  assert.equal(twinIn(list, "call_soon", "python")?.name, "call_soon_py");
  assert.equal(twinIn(list, "call_soon_py", "go")?.name, "call_soon");
  assert.equal(twinIn(list, "call_soon", "go")?.name, "call_soon");
  assert.equal(twinIn(list, "stuck", "python"), undefined);
  assert.equal(twinIn(list, "intro_urllib", "go"), undefined);
  assert.equal(twinIn(list, "nope", "go"), undefined);
});
