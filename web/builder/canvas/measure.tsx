/**
 * Node sizes for a controlled React Flow. React Flow measures each node and reports the size as a
 * "dimensions" change; a controlled flow must hand `measured` back on every later render, or React
 * Flow drops the node's handle positions and its edges vanish. The sizes are kept in a ref written
 * synchronously when reported (a render can come before the state update that follows), and
 * `RemeasureLostHandles` re-measures any node that lost them anyway.
 */
import { useStore, useUpdateNodeInternals, type NodeChange, type ReactFlowState } from "@xyflow/react";
import { useEffect, useRef, useState } from "preact/hooks";

export type Sizes = Record<string, { width: number; height: number }>;

export function useMeasuredSizes() {
  const sizes = useRef<Sizes>({});
  const [version, setVersion] = useState(0);
  /** Takes the "dimensions" changes out of a change list; true when any size changed. */
  function absorb(changes: readonly NodeChange[]): boolean {
    let changed = false;
    for (const c of changes) {
      if (c.type !== "dimensions" || !c.dimensions) continue;
      const prev = sizes.current[c.id];
      if (prev && prev.width === c.dimensions.width && prev.height === c.dimensions.height) continue;
      sizes.current = { ...sizes.current, [c.id]: c.dimensions };
      changed = true;
    }
    if (changed) setVersion((v) => v + 1);
    return changed;
  }
  return { sizes, version, absorb };
}

const lostHandles = (s: ReactFlowState) =>
  [...s.nodeLookup.values()]
    .filter((n) => n.measured?.width && n.measured?.height && !n.internals.handleBounds && !n.hidden)
    .map((n) => n.id)
    .join("\u0000");

/** Inside <ReactFlow>: asks React Flow to measure again any node whose handle positions were lost. */
export function RemeasureLostHandles() {
  const lost = useStore(lostHandles);
  const update = useUpdateNodeInternals();
  useEffect(() => {
    if (lost) update(lost.split("\u0000"));
  }, [lost]);
  return null;
}
