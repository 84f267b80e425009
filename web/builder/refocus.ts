/**
 * Focus after deleting steps. The focused node (Delete key) or the panel's "Delete step" button
 * goes away with the step, and the browser would drop focus to the page's body — a keyboard user
 * starts again from the top of the page. Instead focus goes to the step before the deleted ones,
 * else to any step left, else to the palette's search.
 */
import type { BuilderState } from "./state";

/** Call before `state.remove(nodeIds)`; run what it returns after it. */
export function focusAfterRemoval(state: BuilderState, nodeIds: readonly string[]): () => void {
  const gone = new Set(nodeIds);
  const before = state.edges.peek().find((e) => gone.has(e.target) && !gone.has(e.source))?.source;
  const origin = document.activeElement;
  // The canvas and the panel re-render a frame or two later: wait until what had focus is gone.
  const settle = (frames: number) => {
    const active = document.activeElement;
    if (active === origin && origin?.isConnected && origin !== document.body) {
      if (frames > 0) requestAnimationFrame(() => settle(frames - 1));
      return;
    }
    if (active && active !== document.body && active.isConnected) return;
    const target =
      (before ? document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(before)}"]`) : null) ??
      document.querySelector<HTMLElement>(".react-flow__node") ??
      document.querySelector<HTMLElement>("#palette input");
    target?.focus();
  };
  return () => requestAnimationFrame(() => settle(30));
}
