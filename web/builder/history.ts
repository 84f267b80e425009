/**
 * The builder's undo/redo history of whole snapshots of the graph. It knows nothing of what a graph
 * means: the state gives it how to read the graph, how to write a change to it, and what else must
 * follow the graph back when undo or redo restores a snapshot (the selection, edges kept aside).
 */
import { batch, computed, signal } from "@preact/signals";
import type { DefinitionEdge, DefinitionNode } from "../lib/api-types";

export interface Snapshot {
  nodes: DefinitionNode[];
  edges: DefinitionEdge[];
}

/** How many steps back undo goes. */
const HISTORY_LIMIT = 100;
/** Edits of the same field this close together undo as one (typing a name is one change). */
const COALESCE_MS = 1200;

/**
 * `get` reads the graph, `set` writes a change to it (and counts it as a revision: undo and redo are
 * changes too), `restored` brings the rest of the state into line with a snapshot undo or redo went
 * back to. The history calls `set` and `restored` inside a batch.
 */
export function createHistory(get: () => Snapshot, set: (next: Partial<Snapshot>) => void, restored: (s: Snapshot) => void) {
  const past = signal<Snapshot[]>([]);
  const future = signal<Snapshot[]>([]);
  let lastCoalesce: { key: string; at: number } | null = null;
  /** A text field being edited (`beginFieldEdit`): the undo entry its changes share, once it has one. */
  let fieldEdit: { entry: Snapshot | null; key?: string } | null = null;

  /**
   * Records the current graph for undo; `coalesce` merges rapid edits of the same thing into one step,
   * and every edit of a field while it is being edited (`beginFieldEdit`), however slow.
   */
  function checkpoint(coalesce?: string) {
    if (fieldEdit?.entry && coalesce === fieldEdit.key) return;
    const now = Date.now();
    if (!fieldEdit && coalesce && lastCoalesce?.key === coalesce && now - lastCoalesce.at < COALESCE_MS) {
      lastCoalesce.at = now;
      return;
    }
    const entry = get();
    lastCoalesce = coalesce && !fieldEdit ? { key: coalesce, at: now } : null;
    // In a field edit, its first change makes the entry the rest share; a change from elsewhere ends that.
    if (fieldEdit) fieldEdit = coalesce ? { entry, key: coalesce } : { entry: null };
    past.value = [...past.value, entry].slice(-HISTORY_LIMIT);
    future.value = [];
  }

  /** Applies a change as one undoable step. */
  function commit(next: Partial<Snapshot>, coalesce?: string) {
    batch(() => {
      checkpoint(coalesce);
      set(next);
    });
  }

  function restore(s: Snapshot) {
    set(s);
    restored(s);
    lastCoalesce = null;
    if (fieldEdit) fieldEdit.entry = null;
  }

  /**
   * Focus is in a text field of a step's editor. Until `endFieldEdit`, the field's changes are one
   * undo step, whatever their pace, and that includes the field's own undo (Ctrl+Z in a text box is
   * the browser's): so the builder's undo goes back to before the field was edited and never brings
   * back text undone in the field.
   */
  function beginFieldEdit() {
    fieldEdit = { entry: null };
    lastCoalesce = null;
  }

  /** Focus left the field: its edits are committed. Typed and then undone back to the start, they leave no step. */
  function endFieldEdit() {
    const entry = fieldEdit?.entry;
    fieldEdit = null;
    if (!entry || past.value.at(-1) !== entry) return;
    if (JSON.stringify(entry) === JSON.stringify(get())) past.value = past.value.slice(0, -1);
  }

  function undo(): boolean {
    const prev = past.value.at(-1);
    if (!prev) return false;
    batch(() => {
      future.value = [get(), ...future.value];
      past.value = past.value.slice(0, -1);
      restore(prev);
    });
    return true;
  }

  function redo(): boolean {
    const next = future.value[0];
    if (!next) return false;
    batch(() => {
      past.value = [...past.value, get()];
      future.value = future.value.slice(1);
      restore(next);
    });
    return true;
  }

  return {
    canUndo: computed(() => past.value.length > 0),
    canRedo: computed(() => future.value.length > 0),
    checkpoint,
    commit,
    beginFieldEdit,
    endFieldEdit,
    undo,
    redo,
  };
}
