/** Where a step added with the palette's "+", or inserted on a connection, goes, and what it connects to. */
import type { Definition, DefinitionEdge, DefinitionNode } from "../lib/api-types";
import { isTrigger, portsOf, type Catalog, type Port } from "./catalog";
import { edgePort, reachable } from "./graph-rules";
import { DEFAULT_NODE_SIZE, type Size } from "./layout";
import type { BuilderState } from "./state";

type Point = { x: number; y: number };

/** Lane pitch and the gap under a node, as the presets and auto-layout space a top-to-bottom flow. */
const LANE = 280;
const GAP = 56;

/**
 * Where the top centre of a step added after port `port` of `source` goes: one gap below the source,
 * in that port's lane. The flow runs top to bottom and a node's ports sit along its bottom edge in
 * order, so the branch of port i of n goes in lane i − (n − 1) / 2 under it: a first (left) port's
 * step lands left, a last one right, and two branches added this way do not overlap.
 */
export function belowPort(source: DefinitionNode, size: Size, ports: readonly Port[], port: string): Point {
  const i = ports.findIndex((p) => p.id === port);
  const lane = i >= 0 && ports.length > 1 ? i - (ports.length - 1) / 2 : 0;
  return { x: source.position.x + size.width / 2 + lane * LANE, y: source.position.y + size.height + GAP };
}

/** `position` (a new step's top left), moved one lane right until no step is there, so a new node never hides another. */
export function freeSpot(state: BuilderState, position: Point): Point {
  const taken = (p: Point) => state.nodes.value.some((n) => Math.abs(n.position.x - p.x) < 260 && Math.abs(n.position.y - p.y) < 90);
  let at = position;
  while (taken(at)) at = { x: at.x + LANE, y: at.y };
  return at;
}

/**
 * Below the selected step, connected to its first free output (see `belowPort`). With nothing
 * selected, at `centre` (the middle of the view). Then along to a free spot, so siblings stay side
 * by side.
 */
export function placeNewStep(state: BuilderState, type: string, centre: Point, sizeOf: (id: string) => Size | undefined): { position: Point; connectFrom?: { nodeId: string; port: string } } {
  const sel = state.selectedNode.value;
  let position: Point;
  let connectFrom: { nodeId: string; port: string } | undefined;
  if (sel && !isTrigger(state.catalog, type)) {
    const ports = portsOf(state.catalog.byType.get(sel.type), sel.config);
    const free = ports.find((p) => !state.edges.value.some((e) => e.source === sel.id && edgePort(e, sel, state.catalog) === p.id));
    if (free) connectFrom = { nodeId: sel.id, port: free.id };
    const below = belowPort(sel, sizeOf(sel.id) ?? DEFAULT_NODE_SIZE, ports, free?.id ?? "");
    position = { x: below.x - DEFAULT_NODE_SIZE.width / 2, y: below.y };
  } else {
    position = { x: centre.x - DEFAULT_NODE_SIZE.width / 2, y: centre.y - DEFAULT_NODE_SIZE.height / 2 };
  }
  return { position: freeSpot(state, position), connectFrom };
}

/**
 * Where a step inserted on the edge A → B goes (its top left), and which steps move to make room.
 * It is centred over B, where the edge arrives. When the gap between A and B has room for it, it goes
 * in the middle of the gap and nothing moves; otherwise one gap below A (as `belowPort` hangs a next
 * step), and B with every step after it moves down by what was missing, so the rest keeps its shape.
 */
export function placeBetween(def: Definition, catalog: Catalog, edge: DefinitionEdge, sizeOf: (id: string) => Size | undefined): { position: Point; moves: Map<string, Point> } {
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  const a = byId.get(edge.source)!;
  const b = byId.get(edge.target)!;
  const [sa, sb, size] = [sizeOf(a.id) ?? DEFAULT_NODE_SIZE, sizeOf(b.id) ?? DEFAULT_NODE_SIZE, DEFAULT_NODE_SIZE];
  const x = b.position.x + sb.width / 2 - size.width / 2;
  const room = b.position.y - (a.position.y + sa.height);
  if (room >= size.height + 2 * GAP) return { position: { x, y: b.position.y - room / 2 - size.height / 2 }, moves: new Map() };
  const ports = portsOf(catalog.byType.get(a.type), a.config);
  const y = belowPort(a, sa, ports, edgePort(edge, a, catalog) ?? "").y;
  const shift = y + size.height + GAP - b.position.y;
  const moves = new Map<string, Point>();
  for (const id of reachable(def, b.id)) {
    const n = byId.get(id);
    if (n) moves.set(id, { x: n.position.x, y: n.position.y + shift });
  }
  return { position: { x, y }, moves };
}
