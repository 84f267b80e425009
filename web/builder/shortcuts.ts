/** Keyboard and page-lifecycle behaviour of the builder. */
import { useEffect } from "preact/hooks";
import type { DraftSync } from "./draft-sync";
import type { BuilderState } from "./state";

/** Inputs that take no typing: Ctrl+Z on them has nothing of its own to undo. */
const NOT_TYPED = new Set(["checkbox", "radio", "button", "submit", "reset", "file", "color", "range", "image", "hidden"]);

/** A box the person types into, where Ctrl/⌘+Z is the browser's own undo of that box. */
export const isTextEntry = (t: EventTarget | null) =>
  t instanceof HTMLTextAreaElement || (t instanceof HTMLInputElement && !NOT_TYPED.has(t.type)) || (t instanceof HTMLElement && t.isContentEditable);

/**
 * Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z (or Ctrl+Y) redoes — except in a text box, which keeps its own
 * undo (its edits reach the builder's history as one step when it loses focus: state.beginFieldEdit),
 * or with a dialog open. On a select or a checkbox they are the builder's. Delete/Backspace are React Flow's.
 */
export function useUndoShortcuts(state: BuilderState, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTextEntry(e.target) || document.querySelector(".modal")) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        state.undo();
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        state.redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}

/** Leaving with changes not yet saved: the browser asks to confirm, and the save goes out anyway. */
export function useSaveOnLeave(sync: DraftSync) {
  useEffect(() => {
    const onUnload = (e: BeforeUnloadEvent) => {
      if (sync.isDirty()) {
        void sync.flush();
        e.preventDefault();
      }
    };
    window.addEventListener("beforeunload", onUnload);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      void sync.flush();
    };
  }, []);
}
