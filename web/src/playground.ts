// The playground page: wires the editor, the runner, the output, the
// timeline, the example picker and sharing together.
import "./styles/playground.css";
import type { Axis, Clock, Example } from "./contract";
import { ExamplePicker, pathNumbers } from "./example-picker";
import { LessonPane } from "./lesson";
import { OWN_PROGRAM, loadEdit, saveEdit } from "./edits";
import { Editor } from "./editor";
import { OutputPane } from "./output-pane";
import { StatusBar, loadingText } from "./status-bar";
import { RunnerClient, takeEarlyWorker, type RunnerAssets, type RunnerHooks } from "./runner-client";
import { Runners } from "./runners";
import { startPythonRunner } from "./python/python-runner";
import { LANG_NAMES, langOf, type Lang } from "./language";
import { examplesIn, twinIn } from "./example-twins";
import { RunSession, runningText } from "./run-session";
import { stepWithArrows } from "./step-keys";
import { TimelineView } from "./timeline/timeline-view";
import { paneResizer } from "./pane-resizer";
import { fitTimelinePane } from "./timeline-fit";
import { linesAsOf } from "./timeline/playback";
import { loadAssetMap, runnerAssets, type AssetMap } from "./assets";
import { outputUpTo } from "./timeline/model";
import {
  ShareError, badShortLinkPath, createShortLink, decodeFragment, embedSnippet, encodeFragment, fetchShortLink,
  hasSharedFragment, shortIdFromPath,
} from "./share";
import { copyText, h, onRunShortcut, setDisabled } from "./dom";

const FALLBACK_PROGRAM: Record<Lang, string> = {
  go: `package main

import "fmt"

func main() {
	fmt.Println("Hello from the Loopscope playground")
}
`,
  python: `import asyncio


async def main():
    print("Hello from the Loopscope playground")


asyncio.run(main())
`,
};

const FORMAT_TITLE = "Format with gofmt (Ctrl+Shift+F)";
const FORMAT_GO_ONLY = "Format uses gofmt, which formats Go programs only.";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function main() {
  const status = new StatusBar();
  $("status-host").append(status.element);
  status.set("loading", "Loading…");

  let clock: Clock = "virtual";
  // ?lang=python (Python share links) opens in Python without loading Go's
  // runner (runner-boot.ts doesn't start it either).
  let lang: Lang = new URLSearchParams(location.search).get("lang") === "python" ? "python" : "go";
  let lazyEditor: Editor | undefined;
  let assetMap: AssetMap;
  // What a runner reports reaches the status line only while its language
  // is the one on show.
  const hooksFor = (l: Lang): RunnerHooks => ({
    onState: (s, detail) => {
      if (l !== lang) return;
      const c = runners.peek(l);
      if (s === "loading" && status.state !== "error") status.set("loading", detail);
      else if (s === "failed") status.set("failed", detail);
      else if (s === "ready" && status.state === "loading") status.set("ready", "Ready. Press Run or Ctrl+Enter.", c?.version ? `runner ${c.version}` : "");
      // A run that waited for the runner (the first, or one that needs the
      // net/http build) starts now: "Loading…" would stay up while it runs.
      else if (s === "running" && status.state === "loading") status.set("running", runningText(clock));
      // The runner is idle (loaded, or done with the first run): time to
      // build the editor, which until then is plain text.
      if (s === "ready" || s === "failed") lazyEditor?.upgradeSoon();
    },
    onDownloading: (bytes) => {
      if (l === lang) status.downloading(bytes, `${LANG_NAMES[l]} runner`);
    },
  });
  let goAssets: RunnerAssets;
  try {
    assetMap = await loadAssetMap();
    goAssets = runnerAssets(assetMap);
  } catch (e) {
    status.set("failed", `The page could not find the Go runner: ${(e as Error).message}`);
    return;
  }
  const early = takeEarlyWorker();
  const runners = new Runners((l) => {
    if (l === "python") return startPythonRunner(assetMap, hooksFor(l));
    const c = new RunnerClient(goAssets, hooksFor("go"));
    c.start(early);
    return c;
  });
  // Start loading the runner first: it is the long pole of a cold start.
  const client = runners.get(lang);
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
    lang,
    onRun: () => void run(),
    onFormat: () => format(),
    onChange: () => {
      timeline.goToStep(-1);
      if (!settingText) editChanged();
      session.client.expect(editor.text); // typing import "net/http" starts its runner's download
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
  const timelinePane = $("timeline-host").parentElement!;
  const resizer = paneResizer(timelinePane, timelinePane.parentElement!);
  timelinePane.prepend(resizer.element);
  const outputPane = $("output-host").parentElement!;

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
      setDisabled(formatBtn, busy || lang !== "go", stopBtn);
    },
    onShown: () => fitTimelinePane(resizer, timelinePane, outputPane, () => timeline.hiddenLanesPx()),
  });
  // Reaching for the editor (a click or a key in it, before any edit)
  // starts the interpreter's download and compile, so a first edit's run
  // waits less for it. Not the focus: the page moves it there itself.
  for (const type of ["pointerdown", "keydown"]) {
    $("editor").addEventListener(type, () => session.client.prepareInterpreter(), { once: true, passive: true });
  }
  // A run waits for the program to show (examples.json, a share link).
  let programShown!: () => void;
  let shown = false;
  const programReady = new Promise<void>((resolve) => {
    programShown = () => {
      shown = true;
      resolve();
    };
  });
  // For a run that never ends: where the page and its runner wait (browser tests print it).
  Object.defineProperty(status.element, "loopscopeRunner", {
    value: () => [...(shown ? [] : ["the program is not shown yet"]), ...session.client.history],
    configurable: true,
  });
  async function run() {
    await programReady;
    if (session.busy) session.stop();
    await session.run();
  }
  // Format is gofmt: Go only (the button is disabled in Python mode, and
  // the shortcut says why).
  function format() {
    if (lang === "go") void session.format();
    else status.set("error", FORMAT_GO_ONLY);
  }
  runBtn.addEventListener("click", () => void run());
  onRunShortcut(() => void run());
  stopBtn.addEventListener("click", () => session.stop());
  formatBtn.addEventListener("click", format);

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

  // Examples: the picker (the guide's path, in the language on show), the
  // lesson beside the program, and the learner's edits, kept per example in
  // this browser.
  const picker = new ExamplePicker({ onChoose: (name) => choose(name) });
  $("picker-host").replaceChildren(picker.element);
  const langSelect = $<HTMLSelectElement>("language");
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

  // The language: the editor's mode, the runner, the picker's examples and
  // what Format can do follow it. Python's runner starts the first time.
  let langShown = false;
  const fillPicker = () => {
    const list = examplesIn(examples, lang);
    nums = pathNumbers(list);
    picker.setExamples(list);
  };
  const setLang = (l: Lang) => {
    if (l === lang && langShown) return;
    langShown = true;
    lang = l; // first: the new runner's first state shows on the status line
    langSelect.value = l;
    document.body.dataset.lang = l;
    editor.setLanguage(l);
    const c = runners.get(l);
    session.useClient(c, l);
    setDisabled(formatBtn, l !== "go" || session.busy, stopBtn);
    formatBtn.title = l === "go" ? FORMAT_TITLE : FORMAT_GO_ONLY;
    fillPicker();
    // The size, if the worker said it before the page got here.
    if (c.current === "loading") status.set("loading", loadingText(`${LANG_NAMES[l]} runner`, c.downloadSize));
    else if (c.current === "failed") status.set("failed", `The ${LANG_NAMES[l]} runner could not load; reload the page to try again.`);
    else status.set("ready", "Ready. Press Run or Ctrl+Enter.");
  };
  const setProgram = (text: string) => {
    settingText = true;
    try {
      editor.setText(text);
    } finally {
      settingText = false;
    }
    session.client.warmUpWith(text);
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
    setLang(langOf(ex.lang));
    currentExample = ex.name;
    const kept = loadEdit(ex.name);
    const edited = !!kept && kept.source !== ex.source;
    setProgram(edited ? kept.source : ex.source);
    picker.value = ex.name;
    picker.setEdited(ex.name, edited);
    lesson.showExample(ex, examplesIn(examples, lang), nums);
    if (edited) lesson.setEdit("edited");
    // The view that shows its lesson: its clock, its axis.
    setClock(ex.clock);
    timeline.setAxis(ex.axis);
    output.clear(`${edited ? "Your edit of " : ""}${ex.title}: press Run (Ctrl+Enter).`);
  };
  /** Shows a program that is no example (a link, a draft) in language l. */
  const showOwn = (source: string, kind: "shared" | "yours", l: Lang = lang) => {
    if (saveTimer) keepEdit();
    setLang(l);
    currentExample = OWN_PROGRAM;
    setProgram(source);
    picker.ownTitle = kind === "shared" ? "A shared program" : "Your program";
    picker.value = OWN_PROGRAM;
    lesson.showOwn(kind);
  };
  // The address names what is on show (and ?lang=python spares a reload
  // loading Go's runner).
  const setURL = (example: string | undefined) => {
    const url = new URL(location.href);
    url.hash = "";
    url.pathname = "/";
    url.search = "";
    if (lang !== "go") url.searchParams.set("lang", lang);
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
  fillPicker();
  for (const ex of examples) picker.setEdited(ex.name, (loadEdit(ex.name)?.source ?? ex.source) !== ex.source);
  picker.setOwnProgram(!!loadEdit(OWN_PROGRAM));

  // Switching language keeps the learner on the same lesson (the example's
  // twin), else brings back what they had in that language, else its first
  // example.
  const drafts = new Map<Lang, string>();
  langSelect.addEventListener("change", () => {
    const l = langOf(langSelect.value);
    if (l === lang) return;
    drafts.set(lang, editor.text);
    const twin = currentExample !== OWN_PROGRAM ? twinIn(examples, currentExample, l) : undefined;
    const draft = drafts.get(l);
    const first = examplesIn(examples, l)[0];
    if (twin) showExample(twin);
    else if (draft !== undefined) showOwn(draft, "yours", l);
    else if (first) showExample(first);
    else showOwn(FALLBACK_PROGRAM[l], "yours", l);
    if (currentExample === OWN_PROGRAM) output.clear(`${LANG_NAMES[l]}: press Run (Ctrl+Enter).`);
    setURL(currentExample === OWN_PROGRAM ? undefined : currentExample);
  });

  // What to show first: a short link, a fragment link, ?example=, or the
  // path's first example (of ?lang=, else Go).
  const defaultProgram = () => {
    if (editor.text) return; // typed in before the examples arrived: keep it
    const params = new URLSearchParams(location.search);
    const want = params.get("example");
    const l: Lang = params.get("lang") === "python" ? "python" : "go";
    const own = want === "yours" ? loadEdit(OWN_PROGRAM) : undefined;
    if (own) {
      showOwn(own.source, "yours", l);
      return;
    }
    const inLang = examplesIn(examples, l);
    const ex = examples.find((e) => e.name === want) ?? inLang.find((e) => e.name === "hello") ?? inLang[0];
    if (ex) showExample(ex);
    else showOwn(FALLBACK_PROGRAM[l], "yours", l);
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
      showOwn(p.source, "shared", langOf(p.lang));
      setClock(p.clock);
      output.clear("Shared program: press Run (Ctrl+Enter).");
    } catch (e) {
      linkFailed(e);
    }
  } else if (hasSharedFragment(location.hash)) {
    try {
      const p = await decodeFragment(location.hash);
      showOwn(p.source, "shared", langOf(p.lang));
      setClock(p.clock);
      output.clear("Shared program: press Run (Ctrl+Enter).");
    } catch (e) {
      linkFailed(e);
    }
  } else {
    defaultProgram();
  }
  // ?axis= (an embed's "Open in playground"): the axis its timeline was on.
  const axisParam = new URLSearchParams(location.search).get("axis");
  if (axisParam === "time" || axisParam === "step") timeline.setAxis(axisParam);
  programShown();
  if (early?.runClicked) void run();
  // A share link pasted into this tab's address bar changes only the fragment.
  window.addEventListener("hashchange", async () => {
    if (!hasSharedFragment(location.hash)) return;
    try {
      const p = await decodeFragment(location.hash);
      // Nothing on show belongs to the old program any more: not its
      // example's name and lesson, nor its run's timeline.
      showOwn(p.source, "shared", langOf(p.lang));
      setClock(p.clock);
      output.clear("Shared program: press Run (Ctrl+Enter).");
      status.set("ready", "Opened the shared program.");
    } catch (e) {
      const msg = e instanceof ShareError ? e.message : String(e);
      output.clear(msg);
      status.set("error", msg);
    }
  });
  if (session.client.current === "ready" && status.element.dataset.state === "loading") status.set("ready", "Ready.");

  setupShare({
    source: () => editor.text,
    clock: () => clock,
    axis: () => timeline.axis,
    lang: () => lang,
    example: () => currentExample,
    status,
  });
  stepWithArrows(() => timeline);
  editor.focus();
}

function setupShare(o: { source: () => string; clock: () => Clock; axis: () => Axis; lang: () => Lang; example: () => string; status: StatusBar }) {
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
    const program = { source: o.source(), clock: o.clock(), lang: o.lang() };
    try {
      const frag = await encodeFragment(program);
      // ?lang=python: the page opens without loading Go's runner.
      const search = program.lang === "go" ? "" : `?lang=${program.lang}`;
      const url = new URL("/" + search, location.href);
      url.hash = frag;
      link.input.value = url.href;
      embed.input.value = embedSnippet(location.href, frag, o.axis(), program.lang);
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
