import { useEffect, useState } from "preact/hooks";

/**
 * What a person has typed into an item's form or comment and not yet sent, per person and item, for
 * the life of the tab. Opening another item from the list unmounts the form; without this, a
 * half-filled form or a written comment was gone on coming back. Sent answers are forgotten.
 */
const drafts = new Map<string, unknown>();

/** `useState` whose value survives the form being unmounted, under `key` (`<userId>:<itemId>:<part>`). */
export function useDraftState<T>(key: string, init: () => T) {
  const [value, setValue] = useState<T>(() => (drafts.has(key) ? (drafts.get(key) as T) : init()));
  useEffect(() => {
    drafts.set(key, value);
  }, [key, value]);
  return [value, setValue] as const;
}

/** Forgets every draft whose key starts with `prefix` (an item's answers once they were accepted). */
export function forgetDrafts(prefix: string) {
  for (const k of [...drafts.keys()]) if (k.startsWith(prefix)) drafts.delete(k);
}

/** Forgets all drafts (tests). */
export function clearDrafts() {
  drafts.clear();
}
