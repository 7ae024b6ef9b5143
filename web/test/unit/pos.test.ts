import { test } from "node:test";
import assert from "node:assert/strict";
import { isPythonPos, lineOfPos } from "../../src/contract";

// lineOfPos and isPythonPos read positions by hand (no regexp on the timeline's
// per-event path); they must agree with the patterns they replaced.
const LINE = /:(\d+)(?::\d+)?$/;
const PY = /\.py:\d+$/;

test("positions: the line and the language as the patterns read them", () => {
  const samples = ["main.go:15", "main.go:15:3", "prog.py:7", "a:b:12", "1:2:3", "::34", ":", "x:", "main.go", "", ".py:1", "py:1", "a.py:1:2", "a.py:", "a:١٢"];
  let seed = 1;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const alphabet = ":0912.pyga";
  for (let k = 0; k < 50_000; k++) {
    let s = "";
    for (let n = rand(9); n > 0; n--) s += alphabet[rand(alphabet.length)];
    samples.push(s);
  }
  for (const s of samples) {
    const m = LINE.exec(s);
    assert.equal(lineOfPos(s), m ? Number(m[1]) : 0, JSON.stringify(s));
    assert.equal(isPythonPos(s), PY.test(s), JSON.stringify(s));
  }
  assert.equal(lineOfPos(undefined), 0);
});
