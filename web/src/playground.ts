// The playground page: wires the editor, the runner, the output, the
// timeline, the example picker and sharing together.
import "./styles/playground.css";
import type { Clock, Example } from "./contract";
import { Editor } from "./editor";
import { OutputPane } from "./output-pane";
import { StatusBar } from "./status-bar";
import { RunnerClient, takeEarlyWorker } from "./runner-client";
import { RunSession, runningText } from "./run-session";
import { TimelineView } from "./timeline/timeline-view";
import { linesAsOf } from "./timeline/playback";
import { loadAssetMap, runnerAssets } from "./assets";
import { outputUpTo } from "./timeline/model";
import {
  ShareError, badShortLinkPath, createShortLink, decodeFragment, encodeFragment, fetchShortLink, hasSharedFragment,
  shortIdFromPath,
} from "./share";
import { h, copyText, onRunShortcut, setDisabled } from "./dom";

const FALLBACK_PROGRAM = `package main

import "fmt"

func main() {
	fmt.Println("Hello from the Loopscope playground")
}
`;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function main() {
  const status = new StatusBar();
  $("status-host").append(status.element);
  status.set("loading", "Loading…");

  let clock: Clock = "virtual";
  let client: RunnerClient;
  let lazyEditor: Editor | undefined;
  try {
    client = new RunnerClient(runnerAssets(await loadAssetMap()), {
      onState: (s, detail) => {
        if (s === "loading" && status.state !== "error") status.set("loading", detail);
        else if (s === "failed") status.set("failed", detail);
        else if (s === "ready" && status.state === "loading") status.set("ready", "Ready. Press Run or Ctrl+Enter.", client.version ? `runner ${client.version}` : "");
        // A run that waited for the runner (the first, or one that needs the
        // net/http build) starts now: "Loading…" would stay up while it runs.
        else if (s === "running" && status.state === "loading") status.set("running", runningText(clock));
        // The runner is idle (loaded, or done with the first run): time to
        // build the editor, which until then is plain text.
        if (s === "ready" || s === "failed") lazyEditor?.upgradeSoon();
      },
      onProgress: (loaded, total) => status.progress(loaded, total),
    });
  } catch (e) {
    status.set("failed", `The page could not find the Go runner: ${(e as Error).message}`);
    return;
  }
  // Start loading the runner first: it is the long pole of a cold start.
  const early = takeEarlyWorker();
  client.start(early);
  const examplesLoaded = fetch("/examples.json")
    .then((res) => (res.ok ? (res.json() as Promise<Example[]>) : []))
    .catch(() => [] as Example[]);

  let examples: Example[] = [];
  let currentExample = "";

  const editor = new Editor({
    parent: $("editor"),
    doc: "",
    lazy: true,
    onRun: () => void run(),
    onFormat: () => void session.format(),
    onChange: () => {
      timeline.goToStep(-1);
    },
  });
  lazyEditor = editor;
  if (client.current === "ready" || client.current === "failed") editor.upgradeSoon();
  const output = new OutputPane((line) => {
    editor.highlightLine(line);
    editor.focus();
  });
  $("output-host").append(output.element);
  const timeline = new TimelineView({
    onLine: (line) => line && editor.highlightLine(line),
    onStep: (step, model) => {
      editor.highlightLine(step?.line ?? 0);
      if (!step) {
        output.showUpTo(undefined);
        return;
      }
      // Output as of this step.
      const res = session.last;
      const n = res ? linesAsOf(res.output, step.seq1) : outputUpTo(model, step.seq1).length;
      output.showUpTo(n);
    },
  });
  $("timeline-host").append(timeline.element);

  const runBtn = $<HTMLButtonElement>("run");
  const stopBtn = $<HTMLButtonElement>("stop");
  const formatBtn = $<HTMLButtonElement>("format");

  const session = new RunSession({
    editor, output, status, client,
    clock: () => clock,
    timeline: () => timeline,
    onBusy: (busy) => {
      runBtn.setAttribute("aria-busy", String(busy));
      setDisabled(stopBtn, !busy, runBtn);
      setDisabled(formatBtn, busy, stopBtn);
    },
  });
  // A run waits for the program to show (examples.json, a share link).
  let programShown!: () => void;
  const programReady = new Promise<void>((resolve) => (programShown = resolve));
  async function run() {
    await programReady;
    if (session.busy) session.stop();
    await session.run();
  }
  runBtn.addEventListener("click", () => void run());
  onRunShortcut(() => void run());
  stopBtn.addEventListener("click", () => session.stop());
  formatBtn.addEventListener("click", () => void session.format());

  // Clock switch (a radio group: arrows move between the two).
  const clockBtns = [...$("clock").querySelectorAll<HTMLButtonElement>("[data-clock]")];
  const setClock = (c: Clock) => {
    clock = c;
    for (const b of clockBtns) {
      b.setAttribute("aria-checked", String(b.dataset.clock === c));
      b.tabIndex = b.dataset.clock === c ? 0 : -1;
    }
  };
  for (const b of clockBtns) {
    b.addEventListener("click", () => setClock(b.dataset.clock as Clock));
    b.addEventListener("keydown", (e) => {
      if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
        const other = clockBtns.find((x) => x !== b)!;
        setClock(other.dataset.clock as Clock);
        other.focus();
        e.preventDefault();
      }
    });
  }
  setClock("virtual");

  // Examples.
  const picker = $<HTMLSelectElement>("example-picker");
  const desc = $("example-desc");
  const showExample = (ex: Example) => {
    currentExample = ex.name;
    editor.setText(ex.source);
    client.warmUpWith(ex.source);
    desc.textContent = (ex.description || "").replace(/`/g, "");
    desc.title = desc.textContent;
    picker.value = ex.name;
    session.last = undefined;
    output.clear(`${ex.title}: press Run (Ctrl+Enter).`);
    timeline.setEvents([]);
  };
  examples = await examplesLoaded;
  for (const ex of examples) picker.append(h("option", { value: ex.name }, ex.title || ex.name));
  picker.addEventListener("change", () => {
    const ex = examples.find((e) => e.name === picker.value);
    if (!ex) return;
    showExample(ex);
    const url = new URL(location.href);
    url.hash = "";
    url.pathname = "/";
    url.searchParams.set("example", ex.name);
    history.replaceState(null, "", url);
  });

  // What to show first: a short link, a fragment link, ?example=, or the first example.
  const defaultProgram = () => {
    if (editor.text) return; // typed in before the examples arrived: keep it
    const want = new URLSearchParams(location.search).get("example");
    const ex = examples.find((e) => e.name === want) ?? examples.find((e) => e.name === "hello") ?? examples[0];
    if (ex) showExample(ex);
    else editor.setText(FALLBACK_PROGRAM);
  };
  const linkFailed = (e: unknown) => {
    const msg = e instanceof ShareError ? e.message : `This link could not be opened: ${(e as Error)?.message ?? e}`;
    defaultProgram();
    output.clear(msg);
    status.set("error", msg);
  };
  const id = shortIdFromPath(location.pathname);
  const badPath = badShortLinkPath(location.pathname);
  if (badPath) {
    linkFailed(new ShareError(badPath));
  } else if (id) {
    try {
      const p = await fetchShortLink(id);
      editor.setText(p.source);
      client.warmUpWith(p.source);
      setClock(p.clock);
      output.clear("Shared program: press Run (Ctrl+Enter).");
    } catch (e) {
      linkFailed(e);
    }
  } else if (hasSharedFragment(location.hash)) {
    try {
      const p = await decodeFragment(location.hash);
      editor.setText(p.source);
      client.warmUpWith(p.source);
      setClock(p.clock);
      output.clear("Shared program: press Run (Ctrl+Enter).");
    } catch (e) {
      linkFailed(e);
    }
  } else {
    defaultProgram();
  }
  programShown();
  if (early?.runClicked) void run();
  // A share link pasted into this tab's address bar changes only the fragment.
  window.addEventListener("hashchange", async () => {
    if (!hasSharedFragment(location.hash)) return;
    try {
      const p = await decodeFragment(location.hash);
      editor.setText(p.source);
      client.warmUpWith(p.source);
      setClock(p.clock);
      // Nothing on show belongs to the old program any more: not its
      // example's name, nor its run's timeline.
      currentExample = "";
      picker.value = "";
      desc.textContent = desc.title = "";
      session.last = undefined;
      timeline.setEvents([]);
      output.clear("Shared program: press Run (Ctrl+Enter).");
      status.set("ready", "Opened the shared program.");
    } catch (e) {
      const msg = e instanceof ShareError ? e.message : String(e);
      output.clear(msg);
      status.set("error", msg);
    }
  });
  if (client.current === "ready" && status.element.dataset.state === "loading") status.set("ready", "Ready.");

  setupShare({
    source: () => editor.text,
    clock: () => clock,
    example: () => currentExample,
    status,
  });
  editor.focus();
}

function setupShare(o: { source: () => string; clock: () => Clock; example: () => string; status: StatusBar }) {
  const btn = $<HTMLButtonElement>("share");
  const panel = $("share-panel");
  const field = (label: string, testid: string) => {
    const input = h("input", { type: "text", readonly: true, "data-testid": testid, "aria-label": label, spellcheck: "false" });
    const copy = h("button", { type: "button", class: "btn small", onclick: async () => {
      if (!input.value) return;
      input.select();
      const ok = await copyText(input.value);
      copy.textContent = ok ? "Copied" : "Select and copy";
      setTimeout(() => (copy.textContent = "Copy"), 1500);
    } }, "Copy");
    const note = h("div", { class: "share-note" });
    const row = h("div", { class: "share-row" }, h("label", {}, label), h("div", { class: "share-field" }, input, copy), note);
    return { row, input, note };
  };
  const link = field("Link with the program in it", "share-link");
  const short = field("Short link", "share-short");
  const embed = field("Embed in a page (iframe)", "share-embed");
  panel.append(h("div", { class: "popover-title" }, "Share"), link.row, short.row, embed.row);

  const close = () => {
    panel.hidden = true;
    btn.setAttribute("aria-expanded", "false");
  };
  const open = async () => {
    panel.hidden = false;
    btn.setAttribute("aria-expanded", "true");
    for (const f of [link, short, embed]) {
      f.input.value = "";
      f.note.textContent = "";
    }
    const program = { source: o.source(), clock: o.clock() };
    try {
      const frag = await encodeFragment(program);
      const url = new URL("/", location.href);
      url.hash = frag;
      link.input.value = url.href;
      const embedURL = new URL("/embed", location.href);
      embedURL.hash = frag;
      embed.input.value = `<iframe src="${embedURL.href}" width="100%" height="420" style="border:1px solid #d0d7de;border-radius:8px" loading="lazy" title="Loopscope example"></iframe>`;
      history.replaceState(null, "", url);
      link.input.focus();
      link.input.select();
      void copyText(url.href).then((ok) => ok && (link.note.textContent = "Copied to the clipboard."));
    } catch (e) {
      link.note.textContent = e instanceof ShareError ? e.message : String(e);
    }
    short.note.textContent = "Asking the share service…";
    try {
      const id = await createShortLink({ ...program, example: o.example() });
      short.input.value = new URL(`/s/${id}`, location.href).href;
      short.note.textContent = "";
    } catch (e) {
      short.note.textContent = e instanceof ShareError ? e.message : "The share service can't be reached; the long link above still works.";
    }
  };
  btn.addEventListener("click", () => (panel.hidden ? void open() : close()));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !panel.hidden) {
      close();
      btn.focus();
    }
  });
  document.addEventListener("pointerdown", (e) => {
    if (!panel.hidden && !panel.contains(e.target as Node) && e.target !== btn) close();
  });
}

main().catch((e) => {
  const host = document.getElementById("status-host");
  if (host) host.textContent = `The playground failed to start: ${(e as Error)?.message ?? e}`;
  console.error(e);
});
