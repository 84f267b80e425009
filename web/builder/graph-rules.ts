/**
 * The graph rules of `durable/graph.ts`, mirrored for the browser so the canvas can refuse a
 * connection with its reason while the pointer is still down. (Importing the server module would pull
 * zod, the template engine and Markdown into the builder chunk: ~125 KB gzipped.) The server's
 * `GET /validate` stays the authority; these checks only have to agree with it on structure.
 */
import type { Definition, DefinitionEdge, DefinitionNode, ValidationIssue } from "../lib/api-types";
import { isTrigger, nodeTitle, portsOf, starterConfig, type Catalog } from "./catalog";

export interface ConnectionRequest {
  source: string;
  sourcePort?: string | null;
  target: string;
}

/** The port an edge leaves from: its `sourcePort`, or the source's only port. */
export function edgePort(edge: Pick<DefinitionEdge, "sourcePort">, source: DefinitionNode | undefined, catalog: Catalog): string | null {
  if (edge.sourcePort) return edge.sourcePort;
  const ports = source ? portsOf(catalog.byType.get(source.type), source.config) : [];
  return ports.length === 1 ? ports[0].id : null;
}

/**
 * Whether a step of `type` can go in the middle of a connection: it needs an input (not a trigger)
 * and, as it starts out, an output to carry on from (not End).
 */
export function canSitBetween(catalog: Catalog, type: string): boolean {
  const info = catalog.byType.get(type);
  return !!info && !isTrigger(catalog, type) && portsOf(info, starterConfig(info)).length > 0;
}

/** Node ids reachable from `start` along edges (including `start`). */
export function reachable(def: Definition, start: string): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const id = queue.shift() as string;
    for (const e of def.edges) {
      if (e.source === id && !seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return seen;
}

/** The shortest path of node ids from `from` to `to`, or null. */
function pathBetween(def: Definition, from: string, to: string): string[] | null {
  const prev = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const id = queue.shift() as string;
    if (id === to) {
      const path: string[] = [];
      for (let at: string | null = to; at !== null; at = prev.get(at) ?? null) path.unshift(at);
      return path;
    }
    for (const e of def.edges) {
      if (e.source === id && !prev.has(e.target)) {
        prev.set(e.target, id);
        queue.push(e.target);
      }
    }
  }
  return null;
}

/**
 * Why the edge `req` may not be drawn, or null when it may: no edge into a trigger, none out of a
 * node without outputs, one edge per output port, no self-loops and no cycles.
 */
export function connectionProblem(def: Definition, catalog: Catalog, req: ConnectionRequest): string | null {
  const source = def.nodes.find((n) => n.id === req.source);
  const target = def.nodes.find((n) => n.id === req.target);
  if (!source || !target) return "Both ends must be steps on the canvas";
  if (source.id === target.id) return "A step cannot lead to itself";
  if (isTrigger(catalog, target.type)) return "Nothing can lead into the trigger: it is where every run starts";
  const ports = portsOf(catalog.byType.get(source.type), source.config);
  if (ports.length === 0) return `“${nodeTitle(source, catalog)}” has no outputs: a run ends there`;
  const port = req.sourcePort || (ports.length === 1 ? ports[0].id : null);
  if (!port) return `Choose which output of “${nodeTitle(source, catalog)}” to connect`;
  const portInfo = ports.find((p) => p.id === port);
  if (!portInfo) return `“${port}” is not an output of “${nodeTitle(source, catalog)}”`;
  const taken = def.edges.find((e) => e.source === source.id && edgePort(e, source, catalog) === port);
  if (taken) {
    const to = def.nodes.find((n) => n.id === taken.target);
    const where = to ? ` (to “${nodeTitle(to, catalog)}”)` : "";
    return ports.length > 1
      ? `Output “${portInfo.label}” is already connected${where}: a run follows a single path, so remove that connection first`
      : `“${nodeTitle(source, catalog)}” is already connected${where}: a run follows a single path, so remove that connection first`;
  }
  const loop = pathBetween(def, target.id, source.id);
  if (loop) {
    const names = [source.id, ...loop].map((id) => nodeTitle(def.nodes.find((n) => n.id === id)!, catalog));
    return `That would make a loop (${names.join(" → ")}): workflows run forward only`;
  }
  return null;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

/** Required config fields left empty: the first thing a new node asks for. */
function missingFields(node: DefinitionNode, i: number, catalog: Catalog): ValidationIssue[] {
  const schema = catalog.byType.get(node.type)?.schema;
  const out: ValidationIssue[] = [];
  for (const key of schema?.required ?? []) {
    if (!isBlank(node.config[key])) continue;
    const title = schema?.properties?.[key]?.title ?? key;
    out.push({ nodeId: node.id, path: `nodes.${i}.config.${key}`, message: `${title} is required` });
  }
  return out;
}

/**
 * The structural problems of a draft, as `durable/graph.ts` reports them (same paths and wording
 * where it matters), plus required config fields left empty. Config details (formats, ranges,
 * template syntax) are left to the server's validation.
 */
export function validateGraph(def: Definition, catalog: Catalog): ValidationIssue[] {
  const errors: ValidationIssue[] = [];
  const index = new Map<string, number>();
  const triggers: number[] = [];
  def.nodes.forEach((node, i) => {
    if (index.has(node.id)) {
      errors.push({ nodeId: node.id, path: `nodes.${i}.id`, message: `Duplicate node id "${node.id}"` });
      return;
    }
    index.set(node.id, i);
    const info = catalog.byType.get(node.type);
    if (!info) {
      errors.push({ nodeId: node.id, path: `nodes.${i}.type`, message: `Unknown node type "${node.type}"` });
      return;
    }
    if (info.category === "trigger") triggers.push(i);
    errors.push(...missingFields(node, i, catalog));
  });
  if (triggers.length === 0) errors.push({ path: "nodes", message: "Add a trigger: a workflow starts from exactly one trigger node" });
  for (const i of triggers.slice(1)) {
    errors.push({ nodeId: def.nodes[i].id, path: `nodes.${i}.type`, message: "A workflow has exactly one trigger; remove this one" });
  }

  const used = new Set<string>();
  def.edges.forEach((edge, j) => {
    const source = index.has(edge.source) ? def.nodes[index.get(edge.source)!] : undefined;
    if (!source || !index.has(edge.target)) {
      errors.push({ ...(source ? { nodeId: source.id } : {}), path: `edges.${j}`, message: "The edge points at a step that does not exist" });
      return;
    }
    if (triggers.some((i) => def.nodes[i].id === edge.target)) errors.push({ nodeId: edge.target, path: `edges.${j}.target`, message: "Nothing can lead into the trigger" });
    const ports = portsOf(catalog.byType.get(source.type), source.config);
    const port = edgePort(edge, source, catalog);
    if (!catalog.byType.has(source.type)) return;
    if (ports.length === 0) return void errors.push({ nodeId: source.id, path: `edges.${j}.source`, message: "This node has no outputs" });
    if (!port || !ports.some((p) => p.id === port)) {
      return void errors.push({ nodeId: source.id, path: `edges.${j}.sourcePort`, message: `"${port ?? ""}" is not an output of this node (outputs: ${ports.map((p) => p.id).join(", ")})` });
    }
    const key = `${source.id}\u0000${port}`;
    if (used.has(key)) errors.push({ nodeId: source.id, path: `edges.${j}.sourcePort`, message: `Output "${port}" already has an edge: a run follows a single path` });
    used.add(key);
  });

  def.nodes.forEach((node, i) => {
    if (index.get(node.id) !== i) return;
    const ports = portsOf(catalog.byType.get(node.type), node.config);
    if (ports.length < 2) return;
    for (const p of ports) {
      if (!used.has(`${node.id}\u0000${p.id}`)) errors.push({ nodeId: node.id, path: `nodes.${i}`, message: `Output “${p.label}” is not connected` });
    }
  });

  if (triggers.length) {
    const seen = reachable(def, def.nodes[triggers[0]].id);
    def.nodes.forEach((node, i) => {
      if (!seen.has(node.id) && index.get(node.id) === i && !triggers.includes(i)) {
        errors.push({ nodeId: node.id, path: `nodes.${i}`, message: "This node cannot be reached from the trigger" });
      }
    });
  }
  def.edges.forEach((edge, j) => {
    if (edge.source !== edge.target && !pathBetween({ ...def, edges: def.edges.filter((_, k) => k !== j) }, edge.target, edge.source)) return;
    errors.push({ nodeId: edge.source, path: `edges.${j}`, message: "This edge closes a cycle" });
  });
  return errors;
}
