import { useEffect, useRef, useState } from "preact/hooks";

/** True when a key press belongs to a text field, a select or a dialog, not to page shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

export interface ListNavOptions {
  /** The ids of the rows, in order. */
  ids: readonly string[];
  /** The row that is open, if any; it becomes the active row. */
  selectedId?: string | null;
  /** Also answer j/k anywhere on the page (outside fields and dialogs). Default true. */
  globalKeys?: boolean;
}

/**
 * Keyboard movement through a list of links or buttons (roving tabindex): ↓/j and ↑/k move,
 * Home/End jump, Enter opens (the row's own link). Only the active row is in the Tab order, so
 * Tab moves on to the rest of the page. Put `listProps` on the container and `itemProps(id)` on
 * each row's focusable element.
 */
export function useListNav<E extends HTMLElement = HTMLUListElement>({ ids, selectedId, globalKeys = true }: ListNavOptions) {
  const container = useRef<E>(null);
  const [activeId, setActiveId] = useState<string | null>(selectedId ?? null);
  const idsRef = useRef(ids);
  idsRef.current = ids;

  useEffect(() => {
    if (selectedId) setActiveId(selectedId);
  }, [selectedId]);

  const current = activeId && ids.includes(activeId) ? activeId : (ids[0] ?? null);

  function focusAt(index: number) {
    const list = idsRef.current;
    if (!list.length) return;
    const i = Math.max(0, Math.min(list.length - 1, index));
    setActiveId(list[i]);
    const el = container.current?.querySelector<HTMLElement>(`[data-nav-id="${CSS.escape(list[i])}"]`);
    el?.focus();
    el?.scrollIntoView?.({ block: "nearest" });
  }

  /** Answers a movement key: the next or previous row after the active one, or the first/last. */
  function move(key: string): boolean {
    const list = idsRef.current;
    const at = current ? list.indexOf(current) : -1;
    if (key === "ArrowDown" || key === "j") focusAt(at + 1);
    else if (key === "ArrowUp" || key === "k") focusAt(Math.max(at - 1, 0));
    else if (key === "Home") focusAt(0);
    else if (key === "End") focusAt(list.length - 1);
    else return false;
    return true;
  }

  useEffect(() => {
    if (!globalKeys) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key !== "j" && e.key !== "k") return;
      if (isTypingTarget(e.target) || document.body.classList.contains("has-modal")) return;
      if (container.current?.contains(e.target as Node)) return; // the list's own handler answers
      // From outside the list the first key lands on the active row itself (the first one, at first)
      // rather than stepping past it: "j" from the page goes to the top item, not the second.
      const list = idsRef.current;
      if (!list.length) return;
      focusAt(current ? list.indexOf(current) : 0);
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });

  return {
    activeId: current,
    listProps: {
      ref: container,
      onKeyDown: (e: KeyboardEvent) => {
        if (e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
        if (move(e.key)) e.preventDefault();
      },
    },
    itemProps: (id: string) => ({
      "data-nav-id": id,
      tabIndex: id === current ? 0 : -1,
      onFocus: () => setActiveId(id),
    }),
  };
}
