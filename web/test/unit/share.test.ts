import { test } from "node:test";
import assert from "node:assert/strict";
import {
  encodeFragment, decodeFragment, hasSharedFragment, shortIdFromPath, badShortLinkPath, ShareError,
  toBase64url, fromBase64url, MAX_SOURCE_BYTES,
} from "../../src/share";

const prog = `package main

import "fmt"

func main() { fmt.Println("héllo, 世界 <b>&amp;</b>") }
`;

test("a fragment round-trips the program and the clock", async () => {
  const frag = await encodeFragment({ source: prog, clock: "real" });
  assert.ok(hasSharedFragment("#" + frag));
  assert.match(frag, /^code=[A-Za-z0-9_-]+$/);
  const back = await decodeFragment("#" + frag);
  assert.deepEqual(back, { source: prog, clock: "real", lang: "go" });
});

const pyProg = `import asyncio

async def main():
    print("héllo <b>&amp;</b>")

asyncio.run(main())
`;

/** A fragment holding exactly these bytes, deflated as the page does. */
async function fragmentOf(bytes: Uint8Array): Promise<string> {
  const packed = await new Response(
    new Blob([bytes as unknown as BlobPart]).stream().pipeThrough(new CompressionStream("deflate-raw")),
  ).arrayBuffer();
  return "code=" + toBase64url(new Uint8Array(packed));
}

test("a Python program's fragment round-trips its language", async () => {
  const frag = await encodeFragment({ source: pyProg, clock: "virtual", lang: "python" });
  assert.deepEqual(await decodeFragment(frag), { source: pyProg, clock: "virtual", lang: "python" });
});

test("a Go fragment is what it was before Python mode, and old links open as Go", async () => {
  const old = await fragmentOf(new TextEncoder().encode(JSON.stringify({ source: prog, clock: "virtual" })));
  assert.equal(await encodeFragment({ source: prog, clock: "virtual", lang: "go" }), old);
  assert.equal(await encodeFragment({ source: prog, clock: "virtual" }), old);
  assert.equal((await decodeFragment(old)).lang, "go");
  assert.notEqual(await encodeFragment({ source: prog, clock: "virtual", lang: "python" }), old);
});

test("a link in a language the playground does not know is refused by name", async () => {
  const frag = await fragmentOf(new TextEncoder().encode(JSON.stringify({ source: "fn main() {}", lang: "rust" })));
  await assert.rejects(decodeFragment(frag), (e: unknown) => e instanceof ShareError && /“rust”.*Go and Python/.test(e.message));
});

test("a link whose text is not valid UTF-8 says so", async () => {
  const json = new TextEncoder().encode('{"source":"print(1)","lang":"python"}');
  const bad = new Uint8Array([...json.subarray(0, 12), 0xff, 0xfe, ...json.subarray(12)]);
  await assert.rejects(decodeFragment(await fragmentOf(bad)), (e: unknown) => e instanceof ShareError && /not valid UTF-8/.test(e.message));
});

test("the fragment is compressed", async () => {
  const big = prog.repeat(50);
  const frag = await encodeFragment({ source: big, clock: "virtual" });
  assert.ok(frag.length < big.length / 5, `fragment ${frag.length} chars for ${big.length}`);
});

test("a truncated link is reported as damaged", async () => {
  const frag = await encodeFragment({ source: prog.repeat(5), clock: "virtual" });
  const cut = frag.slice(0, frag.length - 12);
  await assert.rejects(decodeFragment(cut), (e: unknown) => e instanceof ShareError && /damaged/.test(e.message));
});

test("garbage that is not base64url is reported as damaged", async () => {
  await assert.rejects(decodeFragment("#code=@@not*base64"), (e: unknown) => e instanceof ShareError && /base64url/.test(e.message));
});

test("valid deflate of something that is not a program is rejected", async () => {
  const packed = await new Response(
    new Blob([new TextEncoder().encode('{"nope":1}')]).stream().pipeThrough(new CompressionStream("deflate-raw")),
  ).arrayBuffer();
  const frag = "code=" + toBase64url(new Uint8Array(packed));
  await assert.rejects(decodeFragment(frag), (e: unknown) => e instanceof ShareError && /no program/.test(e.message));
});

test("a program over the size limit is refused when sharing", async () => {
  const huge = "x".repeat(MAX_SOURCE_BYTES + 1);
  await assert.rejects(encodeFragment({ source: huge, clock: "virtual" }), ShareError);
});

test("a link that inflates beyond any program is refused (zip bomb)", async () => {
  const bomb = JSON.stringify({ source: " ".repeat(MAX_SOURCE_BYTES * 3), clock: "virtual" });
  const packed = await new Response(
    new Blob([new TextEncoder().encode(bomb)]).stream().pipeThrough(new CompressionStream("deflate-raw")),
  ).arrayBuffer();
  const frag = "code=" + toBase64url(new Uint8Array(packed));
  await assert.rejects(decodeFragment(frag), (e: unknown) => e instanceof ShareError && /more than a program/.test(e.message));
});

test("a fragment without a program is not taken for a share link", () => {
  assert.equal(hasSharedFragment("#section-2"), false);
  assert.equal(hasSharedFragment(""), false);
});

test("base64url round-trips every byte value", () => {
  const all = new Uint8Array(256).map((_, i) => i);
  for (let n = 0; n <= 256; n += 37) {
    assert.deepEqual(fromBase64url(toBase64url(all.subarray(0, n))), all.subarray(0, n));
  }
  assert.throws(() => fromBase64url("a"));
});

test("short link ids are read from /s/{id} paths only", () => {
  assert.equal(shortIdFromPath("/s/AbC_12-x"), "AbC_12-x");
  assert.equal(shortIdFromPath("/s/abc/"), "abc");
  assert.equal(shortIdFromPath("/s/"), "");
  assert.equal(shortIdFromPath("/s/a/b"), "");
  assert.equal(shortIdFromPath("/docs/s/abc"), "");
});

test("a /s/ path with no usable id is named as a bad link, not ignored", () => {
  assert.equal(badShortLinkPath("/s/AbC_12-x"), "");
  assert.equal(badShortLinkPath("/"), "");
  assert.equal(badShortLinkPath("/docs/s/abc"), "");
  assert.match(badShortLinkPath("/s/a%20b"), /“a b” is not a valid short-link id/);
  assert.match(badShortLinkPath("/s/a/b"), /not a valid short-link id/);
  assert.match(badShortLinkPath("/s/%E0%A4%A"), /“%E0%A4%A” is not/);
  const long = badShortLinkPath("/s/" + "x".repeat(70));
  assert.match(long, /^“x{40}…” is not/);
});
