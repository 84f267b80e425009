/**
 * Auto-layout with dagre, top to bottom like the presets: the canvas sits between the palette and
 * the inspector, so it is tall and narrow, and a vertical flow fits it. Branches sit side by side.
 */
import { Graph, layout } from "@dagrejs/dagre";
import type { Definition } from "../lib/api-types";

export interface Size {
  width: number;
  height: number;
}

export const DEFAULT_NODE_SIZE: Size = { width: 240, height: 96 };

/** Top-left positions for every node; `sizeOf` gives measured sizes where the canvas knows them. */
export function autoLayout(def: Definition, sizeOf: (id: string) => Size | undefined = () => undefined): Map<string, { x: number; y: number }> {
  const g = new Graph();
  // nodesep: the gutter between side-by-side branches; ranksep: room for an arrow between rows.
  g.setGraph({ rankdir: "TB", nodesep: 40, ranksep: 56, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of def.nodes) g.setNode(n.id, { ...(sizeOf(n.id) ?? DEFAULT_NODE_SIZE) });
  // Edges in port order: dagre then puts a node's first output (true, a first case) to the right of
  // the later ones, so the result is mirrored to match the ports, ordered left to right on the node.
  for (const e of def.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  layout(g);
  const width = g.graph().width ?? 0;
  const out = new Map<string, { x: number; y: number }>();
  for (const n of def.nodes) {
    const p = g.node(n.id) as { x: number; y: number; width: number; height: number } | undefined;
    if (p) out.set(n.id, { x: Math.round(width - p.x - p.width / 2), y: Math.round(p.y - p.height / 2) });
  }
  return out;
}
