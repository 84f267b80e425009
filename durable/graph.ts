/**
 * Workflow definitions: the well-formedness schema (what a draft must be to be saved) and the full
 * validation (what a version must be to be published), plus the two graph lookups the engine needs.
 *
 * Execution follows a single path: each output port has at most one edge, so a run is always at one
 * node. A node whose only port is left unconnected simply ends the run there as completed — the same
 * as an `end` node with outcome completed — so short workflows need no explicit end. Ports of
 * branching nodes (more than one port) must all be connected, so no outcome is forgotten.
 */
import { z } from "zod";
import { configMessage } from "./lib/config-messages";
import { isSafePath } from "./lib/path";
import { getNodeType, nodeTypes, portsFor, type Registry } from "./registry";
import { configPaths } from "./lib/config-paths";
import { portLabel } from "./lib/port-labels";

/** Node ids appear in run-data paths (`steps.<id>.label`), so they stay path-safe identifiers. */
const nodeId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, "Node ids use letters, digits, _ and - (at most 100)")
  .refine(isSafePath, "This id is reserved");

/** One node of a definition; `config` is checked against its type by validateDefinition. */
export const NodeSchema = z.object({
  id: nodeId,
  type: z.string().min(1).max(100),
  name: z.string().max(200).optional(),
  position: z.object({ x: z.number(), y: z.number() }),
  config: z.record(z.string(), z.unknown()),
});

/** One edge; `sourcePort` may be left out when the source node has a single port. */
export const EdgeSchema = z.object({
  id: z.string().min(1).max(200),
  source: z.string().min(1).max(100),
  sourcePort: z.string().min(1).max(100).optional(),
  target: z.string().min(1).max(100),
});

/** A well-formed definition (API.md `Definition`); configs are checked by validateDefinition. */
export const DefinitionSchema = z.object({
  nodes: z.array(NodeSchema).max(500),
  edges: z.array(EdgeSchema).max(2000),
});

export type DefinitionNode = z.infer<typeof NodeSchema>;
export type DefinitionEdge = z.infer<typeof EdgeSchema>;
export type Definition = z.infer<typeof DefinitionSchema>;

/** One problem, placed so the builder can highlight it. */
export interface ValidationError {
  nodeId?: string;
  /** Where in the definition, e.g. `nodes.3.config.poolId` or `edges.2.sourcePort`. */
  path: string;
  message: string;
}

/** `valid` is true exactly when `errors` is empty. */
export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

/** The workflow's trigger node (the first, if a draft has several), or null. */
export function triggerNode(def: Definition, registry: Registry = nodeTypes): DefinitionNode | null {
  return def.nodes.find((n) => getNodeType(n.type, registry)?.category === "trigger") ?? null;
}

/** The port an edge leaves from: its `sourcePort`, or the node's only port. */
function edgePort(edge: DefinitionEdge, source: DefinitionNode | undefined, registry: Registry): string | null {
  if (edge.sourcePort !== undefined) return edge.sourcePort;
  const type = source && getNodeType(source.type, registry);
  const ports = type ? portsFor(type, source.config) : null;
  return ports && ports.length === 1 ? ports[0] : null;
}

/** The node that follows `nodeId` when it takes `port`, or null when that port is not connected. */
export function outgoing(def: Definition, nodeId: string, port: string, registry: Registry = nodeTypes): string | null {
  const source = def.nodes.find((n) => n.id === nodeId);
  if (!source) return null;
  for (const edge of def.edges) {
    if (edge.source !== nodeId || edgePort(edge, source, registry) !== port) continue;
    return def.nodes.some((n) => n.id === edge.target) ? edge.target : null;
  }
  return null;
}

function zodErrors(issues: z.core.$ZodIssue[], prefix: string, nodeIdOf?: (path: PropertyKey[]) => string | undefined, message = (issue: z.core.$ZodIssue) => issue.message): ValidationError[] {
  return issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== "").join(".");
    const id = nodeIdOf?.(issue.path);
    return { ...(id ? { nodeId: id } : {}), path, message: message(issue) };
  });
}

/** For malformed input: the id of `nodes[i]` when there is one, to point the canvas at it. */
function rawNodeId(input: unknown, path: PropertyKey[]): string | undefined {
  if (path[0] !== "nodes" || typeof path[1] !== "number") return undefined;
  const nodes = (input as { nodes?: unknown })?.nodes;
  const id = Array.isArray(nodes) ? (nodes[path[1]] as { id?: unknown } | null)?.id : undefined;
  return typeof id === "string" ? id : undefined;
}

function check(input: unknown, registry: Registry): ValidationError[] {
  const parsed = DefinitionSchema.safeParse(input);
  if (!parsed.success) return zodErrors(parsed.error.issues, "", (p) => rawNodeId(input, p));
  const def = parsed.data;
  const errors: ValidationError[] = [];
  const index = new Map<string, number>();
  const ports = new Map<string, string[] | null>();
  const triggers: number[] = [];

  def.nodes.forEach((node, i) => {
    if (index.has(node.id)) {
      errors.push({ nodeId: node.id, path: `nodes.${i}.id`, message: `Duplicate node id "${node.id}"` });
      return;
    }
    index.set(node.id, i);
    const type = getNodeType(node.type, registry);
    if (!type) {
      errors.push({ nodeId: node.id, path: `nodes.${i}.type`, message: `Unknown node type "${node.type}"` });
      ports.set(node.id, null);
      return;
    }
    if (type.category === "trigger") triggers.push(i);
    // reportInput: a missing field is told apart from a wrong one, to say "… is required".
    const config = type.config.safeParse(node.config, { reportInput: true });
    if (!config.success) errors.push(...zodErrors(config.error.issues, `nodes.${i}.config`, () => node.id, (issue) => configMessage(type.config, issue)));
    ports.set(node.id, portsFor(type, node.config));
  });

  if (triggers.length === 0) errors.push({ path: "nodes", message: "Add a trigger: a workflow starts from exactly one trigger node" });
  for (const i of triggers.slice(1)) {
    errors.push({ nodeId: def.nodes[i].id, path: `nodes.${i}.type`, message: "A workflow has exactly one trigger; remove this one" });
  }
  const triggerIds = new Set(triggers.map((i) => def.nodes[i].id));

  const edgeIds = new Set<string>();
  const usedPorts = new Set<string>();
  const adjacency = new Map<string, { target: string; edge: number }[]>();
  def.edges.forEach((edge, j) => {
    const at = (field: string, message: string, id?: string): void => {
      errors.push({ ...(id ? { nodeId: id } : {}), path: `edges.${j}${field}`, message });
    };
    if (edgeIds.has(edge.id)) at(".id", `Duplicate edge id "${edge.id}"`);
    edgeIds.add(edge.id);
    const hasSource = index.has(edge.source);
    const hasTarget = index.has(edge.target);
    if (!hasSource) at(".source", `The edge starts at a node that does not exist ("${edge.source}")`);
    if (!hasTarget) at(".target", `The edge ends at a node that does not exist ("${edge.target}")`, hasSource ? edge.source : undefined);
    if (!hasSource || !hasTarget) return;
    if (triggerIds.has(edge.target)) at(".target", "Nothing can lead into the trigger", edge.target);
    const list = adjacency.get(edge.source) ?? [];
    list.push({ target: edge.target, edge: j });
    adjacency.set(edge.source, list);

    const outputs = ports.get(edge.source);
    if (!outputs) return; // unknown type or unparseable config: already reported
    if (outputs.length === 0) return at(".source", "This node has no outputs", edge.source);
    const port = edge.sourcePort ?? (outputs.length === 1 ? outputs[0] : undefined);
    if (port === undefined) return at(".sourcePort", `Choose which output this edge leaves from (${outputs.join(", ")})`, edge.source);
    if (!outputs.includes(port)) {
      return at(".sourcePort", `"${port}" is not an output of this node (outputs: ${outputs.join(", ")})`, edge.source);
    }
    const key = `${edge.source}\u0000${port}`;
    if (usedPorts.has(key)) return at(".sourcePort", `Output "${port}" already has an edge: a run follows a single path`, edge.source);
    usedPorts.add(key);
  });

  def.nodes.forEach((node, i) => {
    const outputs = index.get(node.id) === i ? ports.get(node.id) : null;
    if (!outputs || outputs.length < 2) return;
    for (const port of outputs) {
      if (!usedPorts.has(`${node.id}\u0000${port}`)) {
        errors.push({ nodeId: node.id, path: `nodes.${i}`, message: `Output “${portLabel(port, node.config)}” is not connected` });
      }
    }
  });

  if (triggers.length > 0) {
    const start = def.nodes[triggers[0]].id;
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length) {
      for (const { target } of adjacency.get(queue.shift() as string) ?? []) {
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    def.nodes.forEach((node, i) => {
      if (!seen.has(node.id) && index.get(node.id) === i && !triggerIds.has(node.id)) {
        errors.push({ nodeId: node.id, path: `nodes.${i}`, message: "This node cannot be reached from the trigger" });
      }
    });
  }

  errors.push(...findCycles(def, adjacency));
  return errors;
}

/** Every edge that closes a cycle (a DFS back edge), with the loop it closes. Iterative: no deep recursion. */
function findCycles(def: Definition, adjacency: Map<string, { target: string; edge: number }[]>): ValidationError[] {
  const errors: ValidationError[] = [];
  const state = new Map<string, "open" | "done">();
  for (const root of def.nodes) {
    if (state.has(root.id)) continue;
    const stack: { id: string; next: number }[] = [{ id: root.id, next: 0 }];
    state.set(root.id, "open");
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const out = adjacency.get(frame.id) ?? [];
      if (frame.next >= out.length) {
        state.set(frame.id, "done");
        stack.pop();
        continue;
      }
      const { target, edge } = out[frame.next++];
      if (state.get(target) === "open") {
        const loop = stack.slice(stack.findIndex((f) => f.id === target)).map((f) => f.id);
        errors.push({ nodeId: frame.id, path: `edges.${edge}`, message: `This edge closes a cycle: ${[...loop, target].join(" → ")}` });
      } else if (!state.has(target)) {
        state.set(target, "open");
        stack.push({ id: target, next: 0 });
      }
    }
  }
  return errors;
}

/**
 * Validate a definition for publishing. Never throws, whatever `input` is: anything unexpected is
 * reported as an error. Errors carry the path into the definition and, when it applies, the node id.
 */
export function validateDefinition(input: unknown, registry: Registry = nodeTypes): ValidationResult {
  try {
    const errors = check(input, registry);
    return { valid: errors.length === 0, errors };
  } catch (error) {
    return { valid: false, errors: [{ path: "", message: `The definition could not be checked: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/** Node types that read the deal without naming it in their config (the account maps from it). */
const READS_DEAL_IMPLICITLY = new Set(["action.create_account"]);
const EXTRACT = "action.extract_deal";

/**
 * The first step a live run reaches before any “Extract deal data” that reads the deal, with the
 * path it reads; null when every such step comes after one. A live run starts from the CRM's event
 * alone — only test runs are handed a whole deal — so such a step would see no deal at all.
 */
export function dealReadBeforeExtract(def: Definition): { nodeId: string; name: string; path: string } | null {
  const trigger = triggerNode(def);
  if (!trigger) return null;
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  const seen = new Set([trigger.id]);
  const queue = [trigger.id];
  while (queue.length) {
    const id = queue.shift() as string;
    for (const e of def.edges) {
      const next = e.source === id ? byId.get(e.target) : undefined;
      if (!next || seen.has(next.id)) continue;
      seen.add(next.id);
      if (next.type === EXTRACT) continue;
      const path = configPaths(next.config).find((p) => p === "deal" || p.startsWith("deal.")) ?? (READS_DEAL_IMPLICITLY.has(next.type) ? "deal" : null);
      if (path) return { nodeId: next.id, name: next.name?.trim() || getNodeType(next.type)?.label || next.id, path };
      queue.push(next.id);
    }
  }
  return null;
}
