/** Where a step added with the palette's "+" goes, and what it connects to. */
import { isTrigger, portsOf } from "./catalog";
import { edgePort } from "./graph-rules";
import { DEFAULT_NODE_SIZE, type Size } from "./layout";
import type { BuilderState } from "./state";

type Point = { x: number; y: number };

/** Lane pitch and the gap under a node, as the presets and auto-layout space a top-to-bottom flow. */
const LANE = 280;
const GAP = 56;

/**
 * Below the selected step, connected to its first free output. The flow runs top to bottom and a
 * node's ports sit along its bottom edge in order, so the branch of port i of n goes in lane
 * i − (n − 1) / 2 under it: a first (left) port's step lands left, a last one right. With nothing
 * selected, at `centre` (the middle of the view). Then one lane right until the spot is free, so a
 * new node never hides another and siblings stay side by side.
 */
export function placeNewStep(state: BuilderState, type: string, centre: Point, sizeOf: (id: string) => Size | undefined): { position: Point; connectFrom?: { nodeId: string; port: string } } {
  const sel = state.selectedNode.value;
  let position: Point;
  let connectFrom: { nodeId: string; port: string } | undefined;
  if (sel && !isTrigger(state.catalog, type)) {
    const ports = portsOf(state.catalog.byType.get(sel.type), sel.config);
    const free = ports.findIndex((p) => !state.edges.value.some((e) => e.source === sel.id && edgePort(e, sel, state.catalog) === p.id));
    if (free >= 0) connectFrom = { nodeId: sel.id, port: ports[free].id };
    const size = sizeOf(sel.id) ?? DEFAULT_NODE_SIZE;
    const lane = free >= 0 && ports.length > 1 ? free - (ports.length - 1) / 2 : 0;
    position = { x: sel.position.x + (size.width - DEFAULT_NODE_SIZE.width) / 2 + lane * LANE, y: sel.position.y + size.height + GAP };
  } else {
    position = { x: centre.x - DEFAULT_NODE_SIZE.width / 2, y: centre.y - DEFAULT_NODE_SIZE.height / 2 };
  }
  const taken = (p: Point) => state.nodes.value.some((n) => Math.abs(n.position.x - p.x) < 260 && Math.abs(n.position.y - p.y) < 90);
  while (taken(position)) position = { x: position.x + LANE, y: position.y };
  return { position, connectFrom };
}
