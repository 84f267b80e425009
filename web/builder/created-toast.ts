/**
 * The toast that says a workflow was just made ("“X” created — drag a trigger onto the canvas to
 * begin"). It is about the moment the builder opens: once the person edits, it no longer fits what
 * they are doing, so the builder's first edit takes it down (it also times out on its own).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { BuilderState } from "./state";

let pending: { workflowId: string; toastId: number } | null = null;

/** Called where the workflow is made, with the toast shown for it, just before the builder opens. */
export function rememberCreatedToast(workflowId: string, toastId: number) {
  pending = { workflowId, toastId };
}

/** The builder of `workflowId` takes its toast (once): the id to dismiss at the first edit, or null. */
export function takeCreatedToast(workflowId: string): number | null {
  const p = pending;
  if (!p || p.workflowId !== workflowId) return null;
  pending = null;
  return p.toastId;
}

/**
 * In the builder: takes down the "created" toast of the workflow just made (`rememberCreatedToast`)
 * at the first edit of its graph. Returns what to call at the first edit of its settings (name,
 * description), which are not in the graph.
 */
export function useCreatedToastUntilEdit(state: BuilderState, workflowId: string, dismiss: (id: number) => void): () => void {
  const [toast] = useState(() => takeCreatedToast(workflowId));
  // The graph as the builder opened it (an effect runs a frame late, maybe after a first edit).
  const [start] = useState(() => state.revision.peek());
  const done = useRef(toast === null);
  const edited = () => {
    if (done.current) return;
    done.current = true;
    dismiss(toast!);
  };
  useEffect(() => {
    if (toast === null) return;
    return state.revision.subscribe((r) => {
      if (r !== start) edited();
    });
  }, []);
  return edited;
}
