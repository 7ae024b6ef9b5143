// Which programs the precompiled runner holds: the Go examples, unchanged
// (wasm/precompiled). The build puts a checksum of each one's source here
// (FNV-1a, 32 bits, of its UTF-8: quick enough to check on every edit,
// synchronously). The runner itself looks the whole source up and answers
// NOT_PRECOMPILED for anything else, so a wrong answer here costs time,
// never a wrong run.
declare const LOOPSCOPE_PRECOMPILED: number[] | undefined;

const sums = new Set<number>(typeof LOOPSCOPE_PRECOMPILED !== "undefined" ? LOOPSCOPE_PRECOMPILED : []);

/** The message of a run the precompiled runner does not hold (wasm/runner NotPrecompiled). */
export const NOT_PRECOMPILED = "not precompiled: this runner runs the examples, unchanged";

/** Whether this build has a precompiled runner at all. */
export const hasPrecompiled = sums.size > 0;

/** Whether the precompiled runner holds source. */
export function isPrecompiled(source: string): boolean {
  return hasPrecompiled && sums.has(fnv1a(new TextEncoder().encode(source)));
}

/** FNV-1a, 32 bits (Go's hash/fnv New32a). */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}
