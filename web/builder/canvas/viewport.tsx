/**
 * Framing a workflow. The flow runs top to bottom in a canvas that is tall and narrow between the
 * palette and the inspector: all of it shows when it fits at a readable zoom; otherwise it opens at
 * the smallest readable zoom on its start — the trigger, horizontally centred, at the top — because
 * a long workflow should open where it begins, not on a shrunken middle.
 */
import { useNodesInitialized, useReactFlow, type ReactFlowInstance, type Rect, type Viewport } from "@xyflow/react";
import { useEffect, useRef } from "preact/hooks";
import type { Definition } from "../../lib/api-types";
import { DEFAULT_NODE_SIZE, type Size } from "../layout";

/**
 * Below this the node text is not readable: a node title is 13 px, and at 0.7 it renders at 9.1 px,
 * the smallest that still read comfortably in screenshots at 1280×800 and 1440×900.
 */
export const MIN_READABLE_ZOOM = 0.7;
const PAD = 32;

type Box = { width: number; height: number } | undefined;

/**
 * Where the viewport goes so `bounds` (flow coordinates) shows in a canvas of size `box`: centred at
 * the zoom that fits (at most 1) when that is readable; else at the readable zoom, top-aligned, and
 * centred on `start` (the trigger) unless the workflow's whole width fits, which is then centred.
 */
export function frameViewport(bounds: Rect, box: { width: number; height: number }, start?: Rect): Viewport {
  const fits = Math.min(1, (box.width - 2 * PAD) / Math.max(bounds.width, 1), (box.height - 2 * PAD) / Math.max(bounds.height, 1));
  if (fits >= MIN_READABLE_ZOOM) {
    return { x: (box.width - bounds.width * fits) / 2 - bounds.x * fits, y: (box.height - bounds.height * fits) / 2 - bounds.y * fits, zoom: fits };
  }
  const zoom = MIN_READABLE_ZOOM;
  const wide = bounds.width * zoom > box.width - 2 * PAD;
  const centreX = wide && start ? start.x + start.width / 2 : bounds.x + bounds.width / 2;
  return { x: box.width / 2 - centreX * zoom, y: PAD - bounds.y * zoom, zoom };
}

/** Moves the viewport so `bounds` shows in a canvas of size `box` (see `frameViewport`). */
export function frameBounds(flow: ReactFlowInstance<any, any>, bounds: Rect, box: Box, duration = 0, start?: Rect) {
  if (!box || box.width === 0) return;
  void flow.setViewport(frameViewport(bounds, box, start), { duration });
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

/** Frames the nodes React Flow has now, starting from the trigger (the flow node type "trigger"). */
export function showWorkflow(flow: ReactFlowInstance<any, any>, box: Box, duration = 0) {
  const nodes = flow.getNodes();
  if (!nodes.length) return;
  const triggers = nodes.filter((n) => n.type === "trigger");
  frameBounds(flow, flow.getNodesBounds(nodes), box, duration, triggers.length ? flow.getNodesBounds(triggers) : undefined);
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
