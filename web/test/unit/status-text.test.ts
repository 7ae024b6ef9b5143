import { test } from "node:test";
import assert from "node:assert/strict";
import { loadingText } from "../../src/status-bar";

test("loading a runner says how big its download is, when the server said", () => {
  assert.equal(loadingText("Go runner", 899_408), "Loading the Go runner (0.9 MB)…");
  assert.equal(loadingText("Go runner", 3_412_000), "Loading the Go runner (3.4 MB)…");
  assert.equal(loadingText("Go runner", 0), "Loading the Go runner…", "no Content-Length: no size");
});
