// Share links: the program in the URL fragment (deflate-raw + base64url), and
// short /s/{id} links from the share service.
import type { Axis, Clock } from "./contract";
import { isKnownLang, langOf, type Lang } from "./language";

export interface SharedProgram {
  source: string;
  clock: Clock;
  /** Absent in links made before Python mode, which are all Go. */
  lang?: Lang;
}

/**
 * The JSON a link and the share service carry: a Go program's has no lang
 * field, so a Go link is the same as before Python mode (and so is a Go
 * short link's id).
 */
function programJSON(p: SharedProgram): { source: string; clock: Clock; lang?: "python" } {
  return p.lang === "python" ? { source: p.source, clock: p.clock, lang: "python" } : { source: p.source, clock: p.clock };
}

/** Largest program a link may carry; the share service takes the same. */
export const MAX_SOURCE_BYTES = 64 * 1024;
/** Longest fragment we make or accept: browsers and chat apps cut longer URLs. */
export const MAX_FRAGMENT_CHARS = 48 * 1024;
const FRAGMENT_KEY = "code=";

/** A link that can't be opened; message says why, in words for the user. */
export class ShareError extends Error {}

export async function encodeFragment(p: SharedProgram): Promise<string> {
  const json = JSON.stringify(programJSON(p));
  const bytes = new TextEncoder().encode(json);
  if (new TextEncoder().encode(p.source).length > MAX_SOURCE_BYTES) {
    throw new ShareError(`The program is larger than ${MAX_SOURCE_BYTES / 1024} KiB, too large to share.`);
  }
  const packed = await pipe(bytes, new CompressionStream("deflate-raw"), Infinity);
  const frag = FRAGMENT_KEY + toBase64url(packed);
  if (frag.length > MAX_FRAGMENT_CHARS) {
    throw new ShareError("The program is too large for a link; use a short link instead.");
  }
  return frag;
}

/** Is there a shared program in this fragment (with or without the '#')? */
export function hasSharedFragment(hash: string): boolean {
  return hash.replace(/^#/, "").startsWith(FRAGMENT_KEY);
}

export async function decodeFragment(hash: string): Promise<SharedProgram> {
  const frag = hash.replace(/^#/, "");
  if (!frag.startsWith(FRAGMENT_KEY)) throw new ShareError("This link carries no program.");
  const data = frag.slice(FRAGMENT_KEY.length);
  if (data.length > MAX_FRAGMENT_CHARS) {
    throw new ShareError("This link is too long to be a Loopscope link; it may have been altered.");
  }
  let packed: Uint8Array;
  try {
    packed = fromBase64url(data);
  } catch {
    throw new ShareError("This link is damaged (it is not valid base64url); it may have been cut short when copied.");
  }
  let bytes: Uint8Array;
  try {
    // Cap the inflated size so a crafted link can't exhaust memory.
    bytes = await pipe(packed, new DecompressionStream("deflate-raw"), MAX_SOURCE_BYTES * 2);
  } catch (e) {
    if (e instanceof ShareError) throw e;
    throw new ShareError("This link is damaged (its data does not decompress); it may have been cut short when copied.");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ShareError("This link is damaged (its text is not valid UTF-8); it may have been altered.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ShareError("This link is damaged (its contents are not a program).");
  }
  return checkShared(value);
}

/** Validates a decoded or fetched program. */
export function checkShared(value: unknown): SharedProgram {
  const v = value as { source?: unknown; clock?: unknown; lang?: unknown } | null;
  if (!v || typeof v !== "object" || typeof v.source !== "string") {
    throw new ShareError("This link is damaged (it holds no program text).");
  }
  if (new TextEncoder().encode(v.source).length > MAX_SOURCE_BYTES) {
    throw new ShareError(`The shared program is larger than ${MAX_SOURCE_BYTES / 1024} KiB.`);
  }
  if (!isKnownLang(v.lang)) {
    const named = typeof v.lang === "string" ? `“${v.lang.slice(0, 20)}”` : "an unknown language";
    throw new ShareError(`This link holds a program in ${named}; the playground runs Go and Python.`);
  }
  return { source: v.source, clock: v.clock === "real" ? "real" : "virtual", lang: langOf(v.lang) };
}

/** The short-link id in a path like /s/{id}, or "". */
export function shortIdFromPath(path: string): string {
  const m = /^\/s\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
  return m ? m[1] : "";
}

/**
 * Why a /s/... path holds no short-link id shortIdFromPath accepts (a typo,
 * a link cut or mangled when copied), in words for the user; "" for a good
 * one or a path that is not a short link at all.
 */
export function badShortLinkPath(path: string): string {
  if (!/^\/s\/./.test(path) || shortIdFromPath(path)) return "";
  let shown = path.slice(3);
  try {
    shown = decodeURIComponent(shown);
  } catch {
    // keep it as typed
  }
  if (shown.length > 40) shown = shown.slice(0, 40) + "…";
  return `“${shown}” is not a valid short-link id; the link may be mistyped.`;
}

/**
 * The Share menu's embed code: the iframe, opening with the timeline on the
 * axis on show, and a small script that sizes each such iframe to the
 * height its page reports (one listener however many are pasted).
 */
export function embedSnippet(pageURL: string, fragment: string, axis: Axis, lang: Lang = "go"): string {
  const url = new URL("/embed", pageURL);
  // ?lang=python: the embed opens without loading Go's runner.
  url.search = `?timeline=1&axis=${axis}${lang === "go" ? "" : `&lang=${lang}`}`;
  url.hash = fragment;
  const origin = JSON.stringify(url.origin);
  return (
    `<iframe src="${url.href}" data-loopscope-embed width="100%" height="560" style="box-sizing:border-box;border:1px solid #d0d7de;border-radius:8px" loading="lazy" title="Loopscope example"></iframe>\n` +
    `<script>window.loopscopeSized||(window.loopscopeSized=1,addEventListener("message",function(e){var d=e.data;if(e.origin!==${origin}||!d||d.type!=="loopscope-embed-height")return;` +
    `document.querySelectorAll("iframe[data-loopscope-embed]").forEach(function(f){if(f.contentWindow===e.source)f.style.height=Math.min(2000,Math.max(120,d.height|0))+2+"px"})}))</script>`
  );
}

/** Stores the program with the share service; returns the short link's id. */
export async function createShortLink(p: SharedProgram & { example?: string }, base = ""): Promise<string> {
  const res = await fetch(base + "/api/share", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...programJSON(p), example: p.example ?? "" }),
  });
  if (!res.ok) throw new ShareError(`The share service said no (${res.status}${await reason(res)}).`);
  const body = (await res.json()) as { id?: unknown };
  if (typeof body.id !== "string" || !body.id) throw new ShareError("The share service gave no id.");
  return body.id;
}

export async function fetchShortLink(id: string, base = ""): Promise<SharedProgram> {
  let res: Response;
  try {
    res = await fetch(`${base}/api/share/${encodeURIComponent(id)}`);
  } catch {
    throw new ShareError("The share service can't be reached, so this short link can't be opened now.");
  }
  if (res.status === 404) throw new ShareError(`No shared program has the id “${id}”; the link may be mistyped.`);
  if (res.status === 400) throw new ShareError(`“${id}” is not a valid short-link id${await reason(res)}; the link may be mistyped.`);
  if (!res.ok) throw new ShareError(`The share service could not open this link (${res.status}${await reason(res)}).`);
  const text = await res.text();
  try {
    return checkShared(JSON.parse(text));
  } catch (e) {
    if (e instanceof ShareError) throw e;
    // A service that answers with the bare program text.
    return checkShared({ source: text, clock: "virtual" });
  }
}

/** The service's own words for a refusal: its {"error"} JSON, or the text. */
async function reason(res: Response): Promise<string> {
  let t = "";
  try {
    t = (await res.text()).trim();
    const j = JSON.parse(t) as { error?: unknown };
    if (typeof j.error === "string") t = j.error;
  } catch {
    // not JSON: keep the text
  }
  t = t.slice(0, 200);
  return t ? `: ${t}` : "";
}

async function pipe(input: Uint8Array, stream: GenericTransformStream, limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  writer.write(input as unknown as BufferSource).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = value as Uint8Array;
    size += chunk.length;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw new ShareError("This link holds more than a program can be; it may have been altered.");
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

export function toBase64url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) throw new Error("not base64url");
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
