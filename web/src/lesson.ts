// The lesson beside the program: the example's whole explanation, where it
// sits in the guide, the previous and next steps of the path, and whether
// the program on show is the learner's edit of it.
import type { Example } from "./contract";
import { h } from "./dom";

export interface LessonHooks {
  /** Go to another example of the path. */
  onGo(name: string): void;
  /** Put the example's own text back (the edit stays recoverable). */
  onShowOriginal(): void;
  /** Bring back the edit that "show the original" replaced. */
  onRestoreEdit(): void;
}

export class LessonPane {
  readonly element: HTMLElement;
  private where = h("div", { class: "lesson-where", "data-testid": "lesson-where" });
  private title = h("h2", { class: "lesson-title", "data-testid": "lesson-title" });
  private text = h("div", { class: "lesson-text", "data-testid": "lesson-text" });
  private editNote = h("div", { class: "lesson-edit", "data-testid": "lesson-edit", role: "status", hidden: true });
  private nav = h("nav", { class: "lesson-nav", "aria-label": "Learning path" });

  constructor(private hooks: LessonHooks) {
    this.element = h("div", { class: "lesson", "data-testid": "lesson" }, this.where, this.title, this.text, this.editNote, this.nav);
  }

  /** Shows an example; path is every example in the guide's order, nums their "3.2" places. */
  showExample(ex: Example, path: readonly Example[], nums: Map<string, string>) {
    const num = nums.get(ex.name);
    this.where.replaceChildren();
    if (ex.guide) {
      const where = ex.guide.section ? `${ex.guide.page} › ${ex.guide.section}` : ex.guide.page;
      this.where.append(
        num ? h("span", { class: "lesson-num" }, `Example ${num}`) : "",
        "From the guide: ",
        h("a", { href: ex.guide.url, target: "_blank", rel: "noopener" }, where),
      );
    }
    this.title.textContent = ex.title;
    // The build rendered this from the example's README in this repository
    // (build/examples.go), as it renders the docs pages: never user text.
    this.text.innerHTML = ex.html;
    for (const a of this.text.querySelectorAll("a")) {
      a.target = "_blank";
      a.rel = "noopener";
    }
    const i = path.findIndex((e) => e.name === ex.name);
    const step = (e: Example | undefined, dir: "prev" | "next") => {
      if (!e) return h("span");
      const n = nums.get(e.name) ?? "";
      const word = dir === "prev" ? "Previous" : "Next";
      // The title where there is room for it, "Previous 2.1" on a phone.
      const long = h("span", { class: "lesson-long" }, `${n} ${e.title}`);
      const short = h("span", { class: "lesson-short" }, `${word} ${n}`);
      return h(
        "button",
        {
          type: "button", class: `btn small lesson-${dir}`, "data-testid": `lesson-${dir}`, title: `${word}: ${n} ${e.title}`,
          "aria-label": `${word} example: ${n} ${e.title}`, onclick: () => this.hooks.onGo(e.name),
        },
        dir === "prev" ? "← " : "", long, short, dir === "next" ? " →" : "",
      );
    };
    this.nav.replaceChildren(step(path[i - 1], "prev"), step(path[i + 1], "next"));
    this.nav.hidden = false;
    this.setEdit("none");
  }

  /** Shows a program that is no example (a shared link, the learner's own). */
  showOwn(kind: "shared" | "yours") {
    this.where.replaceChildren();
    this.title.textContent = kind === "shared" ? "A shared program" : "Your program";
    this.text.replaceChildren(
      h("p", {}, "Run it to see its output and what the event loop did. Your edits are kept in this browser: choose “Your program” in the examples list to come back to them."),
    );
    this.nav.replaceChildren();
    this.nav.hidden = true;
    this.setEdit("none");
  }

  /**
   * What the note under the explanation says: "edited" (the program is
   * the learner's edit, kept), "original" (the original is back, the edit
   * can be restored), or nothing.
   */
  setEdit(state: "none" | "edited" | "original", failedToKeep = false) {
    this.editNote.hidden = state === "none";
    this.element.dataset.edit = state;
    if (state === "edited") {
      this.editNote.replaceChildren(
        h("span", {}, failedToKeep ? "You edited this example; this browser would not keep the edit, so it lasts until you leave the page. " : "You edited this example; your version is kept in this browser. "),
        h("button", { type: "button", class: "btn small", "data-testid": "show-original", onclick: () => this.hooks.onShowOriginal() }, "Show the original"),
      );
    } else if (state === "original") {
      this.editNote.replaceChildren(
        h("span", {}, "The original is back. "),
        h("button", { type: "button", class: "btn small", "data-testid": "restore-edit", onclick: () => this.hooks.onRestoreEdit() }, "Bring back my edit"),
      );
    }
  }
}
