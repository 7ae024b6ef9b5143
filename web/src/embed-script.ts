// Included by docs pages: turns each <div class="loopscope-embed"> (a Go or
// Python code block marked as a playground, data-lang) into a runnable
// example in place.
// The highlighted code stays as it is until Run is pressed; then an /embed
// iframe replaces it, so the 20 MB runner loads only for examples people run.
import { encodeFragment } from "./share";
import { registerOffline } from "./offline";
import { langOf } from "./language";

const script = document.currentScript as HTMLScriptElement | null;
const origin = script?.src ? new URL(script.src).origin : location.origin;
let counter = 0;

function enhance(block: HTMLElement) {
  if (block.dataset.loopscopeReady) return;
  const pre = block.querySelector("pre");
  if (!pre) return;
  block.dataset.loopscopeReady = "1";
  const source = (pre.textContent ?? "").replace(/\n$/, "") + "\n";
  const clock = block.dataset.clock === "real" ? "real" : "virtual";
  const lang = langOf(block.dataset.lang);
  // ?lang=python: the embed loads Python's runtime and not Go's runner.
  const langParam = lang === "go" ? "" : `lang=${lang}`;
  // The playground opens on the axis the example's timeline is drawn on.
  const axis = block.dataset.axis === "time" ? "time" : "step";
  const bar = document.createElement("div");
  bar.className = "loopscope-embed-bar";
  const run = document.createElement("button");
  run.type = "button";
  run.className = "loopscope-embed-run";
  run.textContent = "▶ Run";
  run.setAttribute("aria-label", "Run this example");
  const open = document.createElement("a");
  open.className = "loopscope-embed-open";
  open.textContent = "Open in playground ↗";
  open.target = "_blank";
  open.rel = "noopener";
  bar.append(run, open);
  block.append(bar);
  encodeFragment({ source, clock, lang }).then(
    (frag) => (open.href = `${origin}/?${langParam && langParam + "&"}axis=${axis}#${frag}`),
    () => open.remove(),
  );
  run.addEventListener("click", async () => {
    const hadFocus = document.activeElement === run; // before disabling it blurs it
    run.disabled = true;
    run.textContent = "Loading…";
    const frag = await encodeFragment({ source, clock, lang });
    const frame = document.createElement("iframe");
    const name = `loopscope-embed-${++counter}`;
    frame.name = name;
    frame.title = "Runnable Loopscope example";
    frame.className = "loopscope-embed-frame";
    const view = `${block.dataset.timeline === "shown" ? "&timeline=1" : ""}&axis=${axis}`;
    frame.src = `${origin}/embed?autorun=1${view}${pageIsLight() ? "&theme=light" : ""}${langParam && "&" + langParam}#${frag}`;
    // A first guess until the embed reports its height (see the listener below).
    const guess = pre.offsetHeight + 200 + (block.dataset.timeline === "shown" ? 300 : 0);
    frame.style.cssText = "box-sizing:border-box;width:100%;border:1px solid rgba(127,127,127,.35);border-radius:8px;height:" + Math.max(260, guess) + "px";
    frame.dataset.testid = "docs-embed-frame";
    block.replaceChildren(frame);
    block.classList.add("loopscope-embed-live");
    // The Run button is gone: keep a keyboard user's place on the page.
    if (hadFocus) frame.focus();
  });
}

/** Is the embedding page light? Then the embed stays light too. */
function pageIsLight(): boolean {
  for (const el of [document.body, document.documentElement]) {
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(el).backgroundColor);
    if (!m || m[4] === "0") continue; // transparent: look further out
    const [r, g, b] = [m[1], m[2], m[3]].map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140;
  }
  return !matchMedia("(prefers-color-scheme: dark)").matches;
}

// Fit each iframe to the height its page reports.
window.addEventListener("message", (e) => {
  const d = e.data as { type?: string; height?: number; name?: string } | null;
  if (!d || d.type !== "loopscope-embed-height" || e.origin !== origin || typeof d.height !== "number") return;
  const frame = [...document.querySelectorAll<HTMLIFrameElement>("iframe.loopscope-embed-frame")].find((f) => f.contentWindow === e.source);
  // + the frame's own border, so no scroll bar appears inside it.
  if (frame) frame.style.height = `${Math.min(2000, Math.max(120, d.height)) + 2}px`;
});

// The docs site's own stylesheet knows nothing of the bar: bring its looks.
function addStyle() {
  if (document.getElementById("loopscope-embed-style")) return;
  const style = document.createElement("style");
  style.id = "loopscope-embed-style";
  style.textContent = `
.loopscope-embed{position:relative}
.loopscope-embed-bar{display:flex;gap:.75rem;align-items:center;margin:.35rem 0 1rem}
.loopscope-embed-run{font:600 13px system-ui,sans-serif;padding:.35rem .85rem;border-radius:6px;border:1px solid #1a7f37;background:#1f883d;color:#fff;cursor:pointer}
.loopscope-embed-run:hover{background:#1a7f37}
.loopscope-embed-run:focus-visible{outline:2px solid #0969da;outline-offset:2px}
.loopscope-embed-run:disabled{opacity:.7;cursor:progress}
.loopscope-embed-open{font:13px system-ui,sans-serif}
.loopscope-embed-frame{display:block;margin:.5rem 0 1rem;background:transparent}`;
  document.head.append(style);
}

function enhanceAll() {
  addStyle();
  document.querySelectorAll<HTMLElement>(".loopscope-embed").forEach(enhance);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
else enhanceAll();

// On the site's own docs (not on another site that includes this script),
// keep the site for offline reading once the page has loaded.
if (origin === location.origin) {
  if (document.readyState === "complete") registerOffline();
  else addEventListener("load", () => registerOffline());
}
