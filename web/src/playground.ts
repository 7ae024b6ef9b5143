// The playground page: wires the editor, the runner, the output, the
// timeline, the example picker and sharing together.
import "./styles/playground.css";
import type { Axis, Clock, Example } from "./contract";
import { ExamplePicker, pathNumbers } from "./example-picker";
import { LessonPane } from "./lesson";
import { OWN_PROGRAM, loadEdit, saveEdit } from "./edits";
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
  ShareError, badShortLinkPath, createShortLink, decodeFragment, embedSnippet, encodeFragment, fetchShortLink,
  hasSharedFragment, shortIdFromPath,
} from "./share";
import { copyText, h, onRunShortcut, setDisabled } from "./dom";

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
  // What is on show: an example's name, or OWN_PROGRAM for a program that
  // is no example (a shared link, typed from scratch).
  let currentExample = OWN_PROGRAM;
  // Text put in the editor by the page (an example, a link), as opposed to
  // typed: it is no edit to keep.
  let settingText = false;

  const editor = new Editor({
    parent: $("editor"),
    doc: "",
    lazy: true,
    onRun: () => void run(),
    onFormat: () => void session.format(),
    onChange: () => {
      timeline.goToStep(-1);
      if (!settingText) editChanged();
      client.expect(editor.text); // typing import "net/http" starts its runner's download
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

  // Examples: the picker (the guide's path), the lesson beside the program,
  // and the learner's edits, kept per example in this browser.
  const picker = new ExamplePicker({ onChoose: (name) => choose(name) });
  $("picker-host").replaceChildren(picker.element);
  let nums = new Map<string, string>();
  // The edit that "Show the original" replaced, to bring back on request.
  let replacedEdit: { name: string; source: string } | undefined;
  const lesson = new LessonPane({
    onGo: (name) => choose(name),
    onShowOriginal: () => {
      const ex = examples.find((e) => e.name === currentExample);
      if (!ex) return;
      replacedEdit = { name: ex.name, source: editor.text };
      // A change like typing (and undoable like it): the edit is then the
      // original, and no longer kept.
      editor.replaceKeepingCursor(ex.source);
      lesson.setEdit("original");
    },
    onRestoreEdit: () => {
      if (!replacedEdit || replacedEdit.name !== currentExample) return;
      editor.replaceKeepingCursor(replacedEdit.source);
      replacedEdit = undefined;
    },
  });
  $("lesson-host").replaceChildren(lesson.element);
  const setProgram = (text: string) => {
    settingText = true;
    try {
      editor.setText(text);
    } finally {
      settingText = false;
    }
    client.warmUpWith(text);
    session.last = undefined;
    timeline.setEvents([]);
  };
  let saveTimer = 0;
  // Keep the edit now (a reload, another example, a closed tab must not lose it).
  const keepEdit = () => {
    clearTimeout(saveTimer);
    saveTimer = 0;
    const ex = examples.find((e) => e.name === currentExample);
    const ok = saveEdit(currentExample, editor.text, ex?.source);
    if (ex) {
      const edited = editor.text !== ex.source;
      picker.setEdited(ex.name, edited);
      if (edited) lesson.setEdit("edited", !ok);
      else if (lesson.element.dataset.edit === "edited") lesson.setEdit("none");
    } else {
      picker.setOwnProgram(ok);
      // A reload shows the edit, not the link's program it came from.
      if (ok && new URLSearchParams(location.search).get("example") !== "yours") setURL(OWN_PROGRAM);
    }
  };
  const editChanged = () => {
    if (!saveTimer) saveTimer = window.setTimeout(keepEdit, 250);
  };
  addEventListener("pagehide", () => saveTimer && keepEdit());
  const showExample = (ex: Example) => {
    if (saveTimer) keepEdit();
    currentExample = ex.name;
    const kept = loadEdit(ex.name);
    const edited = !!kept && kept.source !== ex.source;
    setProgram(edited ? kept.source : ex.source);
    picker.value = ex.name;
    picker.setEdited(ex.name, edited);
    lesson.showExample(ex, examples, nums);
    if (edited) lesson.setEdit("edited");
    // The view that shows its lesson: its clock, its axis.
    setClock(ex.clock);
    timeline.setAxis(ex.axis);
    output.clear(`${edited ? "Your edit of " : ""}${ex.title}: press Run (Ctrl+Enter).`);
  };
  const showOwn = (source: string, kind: "shared" | "yours") => {
    if (saveTimer) keepEdit();
    currentExample = OWN_PROGRAM;
    setProgram(source);
    picker.ownTitle = kind === "shared" ? "A shared program" : "Your program";
    picker.value = OWN_PROGRAM;
    lesson.showOwn(kind);
  };
  const setURL = (example: string | undefined) => {
    const url = new URL(location.href);
    url.hash = "";
    url.pathname = "/";
    url.search = "";
    if (example !== undefined) url.searchParams.set("example", example || "yours");
    history.replaceState(null, "", url);
  };
  const choose = (name: string) => {
    if (name === OWN_PROGRAM) {
      const kept = loadEdit(OWN_PROGRAM);
      if (!kept) return;
      showOwn(kept.source, "yours");
      output.clear("Your program: press Run (Ctrl+Enter).");
      setURL(OWN_PROGRAM);
      return;
    }
    const ex = examples.find((e) => e.name === name);
    if (!ex) return;
    showExample(ex);
    setURL(ex.name);
  };
  examples = await examplesLoaded;
  nums = pathNumbers(examples);
  picker.setExamples(examples);
  for (const ex of examples) picker.setEdited(ex.name, (loadEdit(ex.name)?.source ?? ex.source) !== ex.source);
  picker.setOwnProgram(!!loadEdit(OWN_PROGRAM));

  // What to show first: a short link, a fragment link, ?example=, or the path's first example.
  const defaultProgram = () => {
    if (editor.text) return; // typed in before the examples arrived: keep it
    const want = new URLSearchParams(location.search).get("example");
    const own = want === "yours" ? loadEdit(OWN_PROGRAM) : undefined;
    if (own) {
      showOwn(own.source, "yours");
      return;
    }
    const ex = examples.find((e) => e.name === want) ?? examples.find((e) => e.name === "hello") ?? examples[0];
    if (ex) showExample(ex);
    else setProgram(FALLBACK_PROGRAM);
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
      showOwn(p.source, "shared");
      setClock(p.clock);
      output.clear("Shared program: press Run (Ctrl+Enter).");
    } catch (e) {
      linkFailed(e);
    }
  } else if (hasSharedFragment(location.hash)) {
    try {
      const p = await decodeFragment(location.hash);
      showOwn(p.source, "shared");
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
      // Nothing on show belongs to the old program any more: not its
      // example's name and lesson, nor its run's timeline.
      showOwn(p.source, "shared");
      setClock(p.clock);
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
    axis: () => timeline.axis,
    example: () => currentExample,
    status,
  });
  editor.focus();
}

function setupShare(o: { source: () => string; clock: () => Clock; axis: () => Axis; example: () => string; status: StatusBar }) {
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
      embed.input.value = embedSnippet(location.href, frag, o.axis());
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
