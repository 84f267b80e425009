/** Where a step added with the palette's "+" goes, and what it connects to. */
import { isTrigger, portsOf } from "./catalog";
import { edgePort } from "./graph-rules";
import { DEFAULT_NODE_SIZE, type Size } from "./layout";
import type { BuilderState } from "./state";

type Point = { x: number; y: number };

/**
 * After the selected step, connected to its first free output (a second free port goes a row lower);
 * with nothing selected, at `centre` (the middle of the view). Then down until the spot is free, so a
 * new node never hides another.
 */
export function placeNewStep(state: BuilderState, type: string, centre: Point, sizeOf: (id: string) => Size | undefined): { position: Point; connectFrom?: { nodeId: string; port: string } } {
  const sel = state.selectedNode.value;
  let position: Point;
  let connectFrom: { nodeId: string; port: string } | undefined;
  if (sel && !isTrigger(state.catalog, type)) {
    const ports = portsOf(state.catalog.byType.get(sel.type), sel.config);
    const free = ports.findIndex((p) => !state.edges.value.some((e) => e.source === sel.id && edgePort(e, sel, state.catalog) === p.id));
    if (free >= 0) connectFrom = { nodeId: sel.id, port: ports[free].id };
    position = { x: sel.position.x + (sizeOf(sel.id)?.width ?? DEFAULT_NODE_SIZE.width) + 80, y: sel.position.y + Math.max(0, free) * 140 };
  } else {
    position = { x: centre.x - DEFAULT_NODE_SIZE.width / 2, y: centre.y - DEFAULT_NODE_SIZE.height / 2 };
  }
  const taken = (p: Point) => state.nodes.value.some((n) => Math.abs(n.position.x - p.x) < 200 && Math.abs(n.position.y - p.y) < 90);
  while (taken(position)) position = { x: position.x, y: position.y + 130 };
  return { position, connectFrom };
}
