/**
 * A step added by hand (the palette's "+", a dropped connection's picker) is placed below its source,
 * which in a tall workflow is often below the visible part of the canvas. This pans, briefly and
 * without zooming, just far enough that the new step shows.
 */
import { useReactFlow, useStore, useStoreApi, type Rect, type Viewport } from "@xyflow/react";
import { useEffect, useRef } from "preact/hooks";
import { DEFAULT_NODE_SIZE } from "../layout";

const MARGIN = 40;

/** The viewport moved as little as possible so `rect` (flow coordinates) is inside `box`, or null when it already is. */
export function panToShow(rect: Rect, view: Viewport, box: { width: number; height: number }, margin = MARGIN): Viewport | null {
  const shift = (start: number, size: number, room: number) => {
    const a = start * view.zoom, b = (start + size) * view.zoom;
    if (a < margin) return margin - a;
    if (b > room - margin) return Math.max(room - margin - b, margin - a);
    return 0;
  };
  const dx = shift(rect.x + view.x / view.zoom, rect.width, box.width);
  const dy = shift(rect.y + view.y / view.zoom, rect.height, box.height);
  return dx || dy ? { x: view.x + dx, y: view.y + dy, zoom: view.zoom } : null;
}

const nodeIds = (s: { nodes: { id: string }[] }) => s.nodes.map((n) => n.id).join("\u0000");

/** Inside <ReactFlow>: pans to a single step that appears, if it is outside the view. */
export function RevealAddedNode() {
  const flow = useReactFlow();
  const store = useStoreApi();
  const ids = useStore(nodeIds);
  const before = useRef<Set<string> | null>(null);
  useEffect(() => {
    const now = new Set(ids ? ids.split("\u0000") : []);
    const prev = before.current;
    before.current = now;
    // Opening, the first step of a blank workflow, a paste or an import: the view is already right.
    if (!prev || prev.size === 0) return;
    const added = [...now].filter((id) => !prev.has(id));
    if (added.length !== 1) return;
    // A frame later React Flow has measured the node.
    const frame = requestAnimationFrame(() => {
      const n = flow.getInternalNode(added[0]);
      if (!n) return;
      const { width, height } = store.getState();
      const rect = { ...n.internals.positionAbsolute, width: n.measured.width ?? DEFAULT_NODE_SIZE.width, height: n.measured.height ?? DEFAULT_NODE_SIZE.height };
      const to = panToShow(rect, flow.getViewport(), { width, height });
      if (to) void flow.setViewport(to, { duration: 220 });
    });
    return () => cancelAnimationFrame(frame);
  }, [ids]);
  return null;
}
