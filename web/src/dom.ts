// Tiny DOM helpers. Text always goes in as text nodes, never as HTML.

type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v as EventListener);
    else if (k === "class") el.className = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

export function download(name: string, data: Blob) {
  const url = URL.createObjectURL(data);
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copies text; falls back to a selection when the clipboard API is refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = h("textarea", { readonly: true, style: "position:fixed;opacity:0" });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

/**
 * Enables or disables a button; a button disabled while it has the focus
 * hands it to next (else the focus falls to the page's start: a keyboard
 * user who pressed Stop would have to Tab back from the top).
 */
export function setDisabled(btn: HTMLButtonElement, disabled: boolean, next: HTMLElement) {
  if (disabled && document.activeElement === btn) next.focus();
  btn.disabled = disabled;
}

/**
 * Ctrl+Enter (⌘↵) anywhere on the page: the editor handles it itself, and
 * marks the key handled; from the output, the timeline or a button it
 * would otherwise do nothing, though the page says it runs.
 */
export function onRunShortcut(run: () => void) {
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey) || e.defaultPrevented || e.repeat) return;
    e.preventDefault();
    run();
  });
}

/**
 * Scrolls the scrollable boxes from start outwards, but never the page
 * itself, until the band from top to bottom (client coordinates) shows,
 * with a margin. Element.scrollIntoView and CodeMirror's scrollIntoView
 * scroll the page too: on a phone, where the page scrolls, stepping through
 * the timeline pulled it away from under the finger.
 */
export function scrollBandIntoView(start: HTMLElement, top: number, bottom: number, margin = 8) {
  const page = document.scrollingElement ?? document.documentElement;
  for (let el: HTMLElement | null = start; el && el !== page && el !== document.body; el = el.parentElement) {
    if (el.scrollHeight <= el.clientHeight) continue;
    const oy = getComputedStyle(el).overflowY;
    if (oy !== "auto" && oy !== "scroll") continue;
    const box = el.getBoundingClientRect();
    const m = Math.min(margin, el.clientHeight / 4);
    const before = el.scrollTop;
    if (top - m < box.top) el.scrollTop -= box.top - (top - m);
    else if (bottom + m > box.top + el.clientHeight) el.scrollTop += Math.min(bottom + m - (box.top + el.clientHeight), top - m - box.top);
    const moved = el.scrollTop - before;
    top -= moved;
    bottom -= moved;
  }
}

const ICONS: Record<string, string> = {
  prev: "M12 3.5 6 8l6 4.5zM4 3.5h1.6v9H4z",
  next: "M4 3.5 10 8l-6 4.5zM10.4 3.5H12v9h-1.6z",
  play: "M5 3l8 5-8 5z",
  pause: "M4.5 3.5h2.6v9H4.5zM8.9 3.5h2.6v9H8.9z",
};

/** A small inline SVG icon (fonts lack some media glyphs). */
export function icon(name: keyof typeof ICONS): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "14");
  svg.setAttribute("height", "14");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", ICONS[name]);
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  return svg;
}
