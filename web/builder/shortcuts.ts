/** Keyboard and page-lifecycle behaviour of the builder. */
import { useEffect } from "preact/hooks";
import type { DraftSync } from "./draft-sync";
import type { BuilderState } from "./state";

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

/**
 * Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z (or Ctrl+Y) redoes — except while typing (text boxes keep their
 * own undo) or with a dialog open. Delete/Backspace are React Flow's.
 */
export function useUndoShortcuts(state: BuilderState, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target) || document.querySelector(".modal")) return;
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
