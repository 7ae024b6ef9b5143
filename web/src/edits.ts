// Edits kept in this browser (localStorage), one per example and one for a
// program that is no example (a shared link, typed from scratch): a reload
// or choosing another example never loses what someone typed.

/** The slot of the program that is no example. */
export const OWN_PROGRAM = "";

const PREFIX = "loopscope:edit:";

export interface KeptEdit {
  source: string;
  /** When it was last saved (ms since the epoch). */
  saved: number;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage ?? undefined;
  } catch {
    return undefined; // storage disabled: edits live as long as the page
  }
}

export function loadEdit(slot: string): KeptEdit | undefined {
  try {
    const raw = storage()?.getItem(PREFIX + slot);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as Partial<KeptEdit>;
    return typeof v.source === "string" ? { source: v.source, saved: Number(v.saved) || 0 } : undefined;
  } catch {
    return undefined; // damaged: as if nothing were kept
  }
}

/**
 * Keeps source for slot; original is the example's own text (an edit that
 * gives it back is no edit, and is forgotten). Returns false when the
 * browser refused to store it (full, or storage disabled).
 */
export function saveEdit(slot: string, source: string, original?: string): boolean {
  const s = storage();
  if (!s) return false;
  try {
    if (original !== undefined && source === original) s.removeItem(PREFIX + slot);
    else s.setItem(PREFIX + slot, JSON.stringify({ source, saved: Date.now() }));
    return true;
  } catch {
    return false;
  }
}

export function forgetEdit(slot: string) {
  try {
    storage()?.removeItem(PREFIX + slot);
  } catch {
    // nothing kept, or nothing to do
  }
}
