// The Python worker checks a memory snapshot's bytes before handing them to
// Pyodide, whose loader would hang (not fail) on a size that is no whole
// number of wasm pages: a wrong or damaged file must be refused, so the
// worker starts from scratch instead.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkSnapshot } from "../../src/python/start";

// A snapshot's shape: magic, offset of the memory, then the memory.
function snapshot(offset: number, memory: number): Uint8Array {
  const b = new Uint8Array(offset + memory);
  const head = new Uint32Array(b.buffer, 0, 2);
  head[0] = 0x706e7300;
  head[1] = offset;
  return b;
}

test("a snapshot of whole wasm pages passes, as bytes or as an ArrayBuffer", () => {
  const s = snapshot(144, 3 * 65536);
  assert.equal(checkSnapshot(s), s);
  assert.equal(checkSnapshot(s.buffer as ArrayBuffer).byteLength, s.byteLength);
});

test("another file, a truncated snapshot or a tiny one is refused with why", () => {
  const zip = new Uint8Array(4 * 65536);
  zip.set([0x50, 0x4b, 0x03, 0x04]);
  assert.throws(() => checkSnapshot(zip), /magic/);
  assert.throws(() => checkSnapshot(snapshot(144, 3 * 65536).subarray(0, 144 + 65536 + 100)), /truncated/);
  assert.throws(() => checkSnapshot(new Uint8Array(8)), /too short/);
});
