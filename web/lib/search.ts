import { useEffect, useRef, useState } from "preact/hooks";

/**
 * A list's text search, as the Runs, Accounts, Queue and Outbox pages keep it: the text lives in
 * the address (`?q=…`, so a reload, a shared link and Back keep it), typing replaces the current
 * history entry rather than adding one per key, and the list is asked again once typing pauses.
 */

/** The API's limit on a list's `q` (worker/lib/search.ts); longer text is cut rather than refused. */
export const MAX_SEARCH = 200;

/** How long typing in a search box pauses before the list is asked again. */
export const SEARCH_DEBOUNCE_MS = 250;

/** The search in the address's query (`q`), cut to what the API accepts. */
export const searchFromQuery = (query: Record<string, string | undefined>): string => (query.q ?? "").slice(0, MAX_SEARCH);

/** The search as the API is asked for it: trimmed, and left out when empty or only spaces. */
export const apiSearch = (q: string): string | undefined => q.trim() || undefined;

export interface SettledSearch {
  /** The text to ask the list for: what the box shows, except while someone is typing. */
  q: string;
  /** Call before a change typed in the box: the list waits for the typing to pause. */
  typed: () => void;
  /** Call before a change that should apply at once (the box cleared with × or Escape). */
  now: () => void;
}

/**
 * The search the list asks for: while someone types, the text they last paused on (so the list is
 * not asked once per key); any other change of the address (Back, Forward, a link, clearing) at once.
 */
export function useSettledSearch(q: string, delayMs = SEARCH_DEBOUNCE_MS): SettledSearch {
  const [settled, setSettled] = useState(q);
  const typing = useRef(false);
  useEffect(() => {
    if (!typing.current) {
      setSettled(q);
      return;
    }
    const t = setTimeout(() => {
      typing.current = false;
      setSettled(q);
    }, delayMs);
    return () => clearTimeout(t);
  }, [q]);
  return {
    q: typing.current ? settled : q,
    typed: () => {
      typing.current = true;
    },
    now: () => {
      typing.current = false;
    },
  };
}
