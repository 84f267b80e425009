/**
 * Framing a workflow: all of it when it fits at a readable zoom; otherwise its start (the trigger
 * side) at the smallest readable zoom, vertically centred — a long workflow should open on its
 * trigger, not on a shrunken middle.
 */
import { useNodesInitialized, useReactFlow, type ReactFlowInstance, type Rect } from "@xyflow/react";
import { useEffect, useRef } from "preact/hooks";
import type { Definition } from "../../lib/api-types";
import { DEFAULT_NODE_SIZE, type Size } from "../layout";

/** Below this the node text is not readable. */
export const MIN_READABLE_ZOOM = 0.5;
const PAD = 32;

type Box = { width: number; height: number } | undefined;

/** Moves the viewport so `bounds` (flow coordinates) shows in a canvas of size `box`. */
export function frameBounds(flow: ReactFlowInstance<any, any>, bounds: Rect, box: Box, duration = 0) {
  if (!box || box.width === 0) return;
  const fits = Math.min(1, (box.width - 2 * PAD) / Math.max(bounds.width, 1), (box.height - 2 * PAD) / Math.max(bounds.height, 1));
  const zoom = Math.max(MIN_READABLE_ZOOM, fits);
  const x = fits >= MIN_READABLE_ZOOM ? (box.width - bounds.width * zoom) / 2 - bounds.x * zoom : PAD - bounds.x * zoom;
  const y = (box.height - bounds.height * zoom) / 2 - bounds.y * zoom;
  void flow.setViewport({ x, y, zoom }, { duration });
}

/** The flow-space box around a definition's nodes, at their measured (or default) sizes. */
export function definitionBounds(def: Definition, sizeOf: (id: string) => Size | undefined): Rect | null {
  if (def.nodes.length === 0) return null;
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const n of def.nodes) {
    const s = sizeOf(n.id) ?? DEFAULT_NODE_SIZE;
    x1 = Math.min(x1, n.position.x);
    y1 = Math.min(y1, n.position.y);
    x2 = Math.max(x2, n.position.x + s.width);
    y2 = Math.max(y2, n.position.y + s.height);
  }
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/** Frames the nodes React Flow has now. */
export function showWorkflow(flow: ReactFlowInstance<any, any>, box: Box, duration = 0) {
  const nodes = flow.getNodes();
  if (nodes.length) frameBounds(flow, flow.getNodesBounds(nodes), box, duration);
}

/** Inside <ReactFlow>: frames the workflow once its nodes have been measured. */
export function InitialView({ container }: { container: () => HTMLElement | null }) {
  const flow = useReactFlow();
  const ready = useNodesInitialized();
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    showWorkflow(flow, container()?.getBoundingClientRect());
  }, [ready]);
  return null;
}
