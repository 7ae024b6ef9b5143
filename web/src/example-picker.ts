// The example picker: a button that opens the examples as a learning path
// (grouped by the guide's chapters, in its order, each with its short
// line), an ARIA listbox driven from the keyboard as a <select> would be.
import type { Example } from "./contract";
import { h } from "./dom";
import { OWN_PROGRAM } from "./edits";

export interface PickerHooks {
  /** An entry was chosen: an example's name, or OWN_PROGRAM. */
  onChoose(name: string): void;
}

export class ExamplePicker {
  readonly element: HTMLElement;
  private button: HTMLButtonElement;
  private label: HTMLElement;
  private list: HTMLElement;
  private options: HTMLElement[] = [];
  private examples: Example[] = [];
  private nums = new Map<string, string>();
  private edited = new Set<string>();
  private hasOwn = false;
  private value_ = "";
  private active = -1;

  constructor(private hooks: PickerHooks) {
    this.label = h("span", { class: "picker-label" }, "Examples…");
    this.button = h(
      "button",
      {
        type: "button", class: "picker-button", id: "example-picker", "data-testid": "example-picker",
        "aria-haspopup": "listbox", "aria-expanded": "false", "aria-controls": "example-list",
        title: "Choose an example: they follow the guide, from the first idea to the last",
      },
      this.label,
      h("span", { class: "picker-caret", "aria-hidden": "true" }, "▾"),
    );
    this.list = h("div", {
      class: "picker-list", id: "example-list", role: "listbox", tabindex: -1, hidden: true,
      "aria-label": "Examples, in the guide's order", "data-testid": "example-list",
    });
    this.element = h("div", { class: "picker" }, this.button, this.list);
    this.button.addEventListener("click", () => (this.list.hidden ? this.open() : this.close(false)));
    this.button.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        this.open();
      }
    });
    this.list.addEventListener("keydown", (e) => this.onKey(e));
    this.list.addEventListener("click", (e) => {
      const opt = (e.target as HTMLElement).closest<HTMLElement>("[role=option]");
      if (opt) this.choose(opt.dataset.name ?? "");
    });
    this.list.addEventListener("focusout", (e) => {
      if (!this.element.contains(e.relatedTarget as Node | null)) this.close(false);
    });
    document.addEventListener("pointerdown", (e) => {
      if (!this.list.hidden && !this.element.contains(e.target as Node)) this.close(false);
    });
  }

  /** The entry on show: an example's name, OWN_PROGRAM, or "" for none. */
  get value(): string {
    return this.value_;
  }

  set value(name: string) {
    this.value_ = name;
    this.render();
  }

  setExamples(list: Example[]) {
    this.examples = list;
    this.nums = pathNumbers(list);
    this.render();
  }

  /** Marks an entry as edited (its label says so) or not. */
  setEdited(name: string, edited: boolean) {
    if (edited === this.edited.has(name)) return;
    if (edited) this.edited.add(name);
    else this.edited.delete(name);
    this.render();
  }

  /** What the button says while a program that is no example is on show. */
  ownTitle = "";

  /** Whether the "your program" entry (the program that is no example) is listed. */
  setOwnProgram(kept: boolean) {
    if (kept === this.hasOwn) return;
    this.hasOwn = kept;
    this.render();
  }

  private render() {
    const ex = this.examples.find((e) => e.name === this.value_);
    const name = ex ? `${this.nums.get(ex.name) ?? ""} ${ex.title}`.trim() : this.ownTitle || "Examples…";
    this.label.textContent = name + (ex && this.edited.has(ex.name) ? " (edited)" : "");
    this.button.dataset.value = this.value_;
    const groups: HTMLElement[] = [];
    this.options = [];
    const option = (value: string, title: string, line: string, num: string) => {
      const edited = this.edited.has(value);
      const o = h(
        "div",
        {
          role: "option", id: `example-option-${value || "own"}`, class: "picker-option", "data-name": value,
          "aria-selected": String(value === this.value_),
        },
        h("span", { class: "picker-num", "aria-hidden": num ? "false" : "true" }, num),
        h(
          "span",
          { class: "picker-text" },
          h("span", { class: "picker-title" }, title, edited ? h("span", { class: "picker-edited" }, " · edited") : ""),
          h("span", { class: "picker-summary" }, line),
        ),
      );
      this.options.push(o);
      return o;
    };
    if (this.hasOwn) {
      groups.push(
        h("div", { role: "group", class: "picker-group", "aria-label": "Yours" },
          h("div", { class: "picker-chapter", "aria-hidden": "true" }, "Yours"),
          option(OWN_PROGRAM, "Your program", "Your last edit of a program that is no example (a shared link, your own code), kept in this browser.", "")),
      );
    }
    let chapter: HTMLElement | undefined;
    let chapterKey = "";
    for (const e of this.examples) {
      const key = e.guide ? String(e.guide.chapter) : "more";
      if (!chapter || key !== chapterKey) {
        chapterKey = key;
        const heading = e.guide ? `${e.guide.chapter}. ${e.guide.page}` : "More examples";
        chapter = h("div", { role: "group", class: "picker-group", "aria-label": heading },
          h("div", { class: "picker-chapter", "aria-hidden": "true" }, heading));
        groups.push(chapter);
      }
      chapter.append(option(e.name, e.title, e.summary, this.nums.get(e.name) ?? ""));
    }
    this.list.replaceChildren(...groups);
    if (!this.list.hidden) this.setActive(Math.max(0, this.options.findIndex((o) => o.dataset.name === this.value_)));
  }

  open() {
    if (!this.options.length) return;
    this.list.hidden = false;
    this.button.setAttribute("aria-expanded", "true");
    this.setActive(Math.max(0, this.options.findIndex((o) => o.dataset.name === this.value_)));
    this.list.focus();
  }

  close(refocus: boolean) {
    if (this.list.hidden) return;
    this.list.hidden = true;
    this.button.setAttribute("aria-expanded", "false");
    if (refocus) this.button.focus();
  }

  private setActive(i: number) {
    this.options[this.active]?.classList.remove("active");
    this.active = Math.max(0, Math.min(this.options.length - 1, i));
    const o = this.options[this.active];
    if (!o) return;
    o.classList.add("active");
    this.list.setAttribute("aria-activedescendant", o.id);
    o.scrollIntoView({ block: "nearest" });
  }

  private choose(name: string) {
    this.close(true);
    if (name === this.value_) return;
    this.hooks.onChoose(name);
  }

  private onKey(e: KeyboardEvent) {
    const keys: Record<string, () => void> = {
      ArrowDown: () => this.setActive(this.active + 1),
      ArrowUp: () => this.setActive(this.active - 1),
      Home: () => this.setActive(0),
      End: () => this.setActive(this.options.length - 1),
      PageDown: () => this.setActive(this.active + 5),
      PageUp: () => this.setActive(this.active - 5),
      Enter: () => this.choose(this.options[this.active]?.dataset.name ?? ""),
      " ": () => this.choose(this.options[this.active]?.dataset.name ?? ""),
      Escape: () => this.close(true),
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      e.stopPropagation();
      f();
    } else if (e.key === "Tab") this.close(false);
  }
}

/** Each example's place on the path: "3.2" for the second of the guide's chapter 3. */
export function pathNumbers(list: readonly Example[]): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Map<number, number>();
  for (const e of list) {
    if (!e.guide) continue;
    const n = (seen.get(e.guide.chapter) ?? 0) + 1;
    seen.set(e.guide.chapter, n);
    out.set(e.name, `${e.guide.chapter}.${n}`);
  }
  return out;
}
