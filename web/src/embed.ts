// The /embed page: one program with minimal chrome (editor, Run, output,
// timeline), sized for an iframe. The program comes from the fragment
// (#code=..., as share links) or ?example=NAME, in Go or Python (the
// language switch; Python's runner loads the first time it is chosen).
// Options: &timeline=1 opens with the timeline shown (an example's front
// matter can ask for it too), &axis=time|step its axis, &autorun=1,
// &theme=light. Its "Open in playground" link names the axis (?axis=), so
// the playground opens on the same one. In a frame, the page tells its
// parent how tall it is (a "loopscope-embed-height" message), so the
// iframe can fit it.
import "./styles/embed.css";
import type { Axis, Clock, Example } from "./contract";
import { Editor } from "./editor";
import { OutputPane } from "./output-pane";
import { StatusBar } from "./status-bar";
import { RunnerClient, takeEarlyWorker, type EarlyWorker, type RunnerHooks } from "./runner-client";
import { Runners } from "./runners";
import { startPythonRunner } from "./python/python-runner";
import { LANG_NAMES, langOf, type Lang } from "./language";
import { twinIn } from "./example-twins";
import { RunSession, runningText } from "./run-session";
import { outputSays } from "./run-outcome";
import { stepWithArrows } from "./step-keys";
import { TimelineView } from "./timeline/timeline-view";
import { loadAssetMap, runnerAssets } from "./assets";
import { ShareError, decodeFragment, hasSharedFragment } from "./share";
import { encodeFragment } from "./share";
import { onRunShortcut, setDisabled } from "./dom";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the embed shows in a language it has no program in yet. */
const FIRST_PROGRAM: Record<Lang, string> = {
  go: `package main

import "fmt"

func main() {
	fmt.Println("Hello from Loopscope")
}
`,
  python: `import asyncio


async def main():
    print("Hello from Loopscope")


asyncio.run(main())
`,
};

async function main() {
  const params = new URLSearchParams(location.search);
  // Match a light page that embeds us even when the system is dark.
  if (params.get("theme") === "light") document.documentElement.dataset.theme = "light";
  const status = new StatusBar();
  $("status-host").append(status.element);
  let clock: Clock = params.get("clock") === "real" ? "real" : "virtual";
  let timeline: TimelineView | undefined;

  // The run session starts once the program, and so its language, is known.
  let session: RunSession | undefined;
  let sourceShown!: () => void;
  const sourceReady = new Promise<void>((resolve) => (sourceShown = resolve));
  const run = () => void sourceReady.then(() => session?.run());
  const editor = new Editor({ parent: $("editor"), doc: "", onRun: run });
  const output = new OutputPane((line) => editor.highlightLine(line));
  $("output-host").append(output.element);

  let lang: Lang = "go";
  // Only the runner of the language on show reports to the status line.
  const hooksFor = (l: Lang): RunnerHooks => ({
    onState: (s, detail) => {
      if (l !== lang) return;
      if (s === "loading") status.set("loading", detail);
      else if (s === "failed") status.set("failed", detail);
      // Loaded: the progress bar and its "Loading…" go (a run's own
      // status, if one started meanwhile, stays).
      else if (s === "ready" && status.state === "loading") status.set("ready", "Ready. Press Run (Ctrl+Enter).");
      else if (s === "running" && status.state === "loading") status.set("running", runningText(clock));
    },
    onDownloading: (bytes) => {
      if (l === lang) status.downloading(bytes, `${LANG_NAMES[l]} runner`);
    },
  });
  const assetMap = await loadAssetMap();
  const goAssets = runnerAssets(assetMap);
  let early: EarlyWorker | undefined;
  const runners = new Runners((l) => {
    if (l === "python") return startPythonRunner(assetMap, hooksFor(l));
    const c = new RunnerClient(goAssets, hooksFor("go"));
    c.start(early);
    early = undefined;
    return c;
  });
  const runBtn = $<HTMLButtonElement>("run");
  const stopBtn = $<HTMLButtonElement>("stop");

  const toggle = $<HTMLButtonElement>("toggle-timeline");
  const host = $("timeline-host");
  let axis: Axis = params.get("axis") === "time" ? "time" : "step";
  const showTimeline = (shown: boolean) => {
    if (!timeline) {
      timeline = new TimelineView(
        {
          onLine: (line) => line && editor.highlightLine(line),
          onStep: (step) => editor.highlightLine(step?.line ?? 0),
        },
        { compact: true },
      );
      host.append(timeline.element);
      timeline.setAxis(axis);
      const last = session?.last;
      if (last) timeline.setEvents(last.events, undefined, (text) => outputSays(last, text));
    }
    host.hidden = !shown;
    toggle.setAttribute("aria-expanded", String(shown));
    if (shown) timeline.fit();
  };
  toggle.addEventListener("click", () => showTimeline(host.hidden));
  stepWithArrows(() => (host.hidden ? undefined : timeline));
  // From here on this script handles Run (runner-boot.ts noted any earlier
  // click); a run waits for the program to be in the editor.
  early = takeEarlyWorker();
  const runClicked = !!early?.runClicked;
  runBtn.addEventListener("click", run);
  onRunShortcut(() => {
    if (!runBtn.disabled) run();
  });
  stopBtn.addEventListener("click", () => session?.stop());

  let source = "";
  let fragment = "";
  let wantTimeline = params.get("timeline") === "1";
  let examples: Example[] = [];
  let example = "";
  let programLang: Lang = "go";
  try {
    if (hasSharedFragment(location.hash)) {
      const p = await decodeFragment(location.hash);
      source = p.source;
      clock = p.clock;
      programLang = langOf(p.lang);
      fragment = location.hash;
    } else if (params.get("example")) {
      const res = await fetch("/examples.json");
      examples = res.ok ? ((await res.json()) as Example[]) : [];
      const ex = examples.find((e) => e.name === params.get("example"));
      if (!ex) throw new ShareError(`There is no example named “${params.get("example")}”.`);
      source = ex.source;
      // The example's own view, unless the embedding page chose another.
      if (!params.get("clock")) clock = ex.clock;
      if (!params.get("axis")) axis = ex.axis;
      if (!params.get("timeline")) wantTimeline = ex.timeline === "shown";
      example = ex.name;
      programLang = langOf(ex.lang);
    } else {
      throw new ShareError("This embed names no program (expected #code=… or ?example=NAME).");
    }
  } catch (e) {
    const msg = e instanceof ShareError ? e.message : `This embed could not be opened: ${(e as Error).message}`;
    status.set("error", msg);
    output.clear(msg);
    runBtn.disabled = true;
    reportHeight();
    return;
  }

  const open = $<HTMLAnchorElement>("open-playground");
  // The playground opens on the axis this embed's timeline was opened on.
  const playgroundHref = (query: string, hash = "") => `/?${query && query + "&"}axis=${axis}${hash}`;
  // The language switch: the other language's version of this example (its
  // twin), else what was there before, else a first program.
  const langSelect = $<HTMLSelectElement>("language");
  const drafts = new Map<Lang, string>();
  // runner-boot.ts started Go's runner: a Python program has no use for it.
  if (programLang !== "go") {
    early?.worker.terminate();
    early = undefined;
  }
  lang = programLang;
  const s = new RunSession({
    editor, output, status,
    client: runners.get(programLang),
    clock: () => clock,
    timeline: () => timeline,
    onBusy: (busy) => {
      setDisabled(stopBtn, !busy, runBtn);
      runBtn.setAttribute("aria-busy", String(busy));
    },
  });
  session = s;
  const show = (text: string, l: Lang) => {
    lang = l;
    langSelect.value = l;
    editor.setLanguage(l);
    const c = runners.get(l);
    s.useClient(c, l);
    editor.setText(text);
    output.clear("Press Run to see what it prints.");
    timeline?.setEvents([]);
    if (c.current === "loading") status.set("loading", `Loading the ${LANG_NAMES[l]} runner…`);
    else if (c.current === "ready") status.set("ready", "Ready. Press Run (Ctrl+Enter).");
  };
  langSelect.addEventListener("change", () => {
    const l = langOf(langSelect.value);
    if (l === lang) return;
    drafts.set(lang, editor.text);
    const twin = example ? twinIn(examples, example, l) : undefined;
    example = twin?.name ?? "";
    show(twin?.source ?? drafts.get(l) ?? FIRST_PROGRAM[l], l);
    // The playground link opens what is on show now.
    open.href = playgroundHref(example ? `example=${encodeURIComponent(example)}` : "");
    void encodeFragment({ source: editor.text, clock, lang: l }).then((f) => !example && (open.href = playgroundHref("", `#${f}`)), () => {});
  });
  open.href = fragment ? playgroundHref("", fragment) : playgroundHref(`example=${encodeURIComponent(params.get("example") ?? "")}`);
  show(source, programLang);
  if (wantTimeline) showTimeline(true);
  sourceShown();
  // Run clicked before this script loaded (runner-boot.ts noted it).
  if (params.get("autorun") === "1" || runClicked) void s.run();
  reportHeight();
}

// Tell an embedding page how tall the content is, so its iframe can fit it.
// The height is the content's own (framed, the page sizes nothing by the
// viewport, which the iframe's new height would change again).
function reportHeight() {
  if (window.parent === window) return;
  const content = $("embed");
  let last = -1;
  const send = () => {
    const height = Math.ceil(content.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    document.documentElement.dataset.reportedHeight = String(height);
    window.parent.postMessage({ type: "loopscope-embed-height", height, name: window.name }, "*");
  };
  new ResizeObserver(send).observe(content);
  send();
}

// Framed: sized by content, not by the viewport (see reportHeight).
if (window.parent !== window) document.documentElement.classList.add("framed");

main().catch((e) => {
  const host = document.getElementById("status-host");
  if (host) host.textContent = `The example failed to start: ${(e as Error)?.message ?? e}`;
});
