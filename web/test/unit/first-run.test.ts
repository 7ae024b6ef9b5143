import { test } from "node:test";
import assert from "node:assert/strict";
import { firstRunAllowanceMs } from "../../src/first-run";

test("a worker's first run gets extra time in proportion to its load, within bounds", () => {
  assert.equal(firstRunAllowanceMs(400), 1200, "a quick machine: about a second more");
  assert.equal(firstRunAllowanceMs(8_000), 24_000, "a busy one: three times its load");
  assert.equal(firstRunAllowanceMs(60_000), 45_000, "never more than 45 s");
  assert.equal(firstRunAllowanceMs(-5), 0);
  assert.equal(firstRunAllowanceMs(Number.NaN), 0, "an unknown load adds nothing");
});
