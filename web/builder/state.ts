/**
 * The builder's state as a signals factory (STYLE.md habit 11): the draft's nodes and edges, the
 * selection, and an undo/redo history of whole snapshots (history.ts). Every change goes through
 * here, so the canvas, the palette, the inspector and autosave all see the same graph. No React Flow
 * in this file: it is plain data and tested on its own.
 */
import { batch, computed, signal } from "@preact/signals";
import type { Definition, DefinitionEdge, DefinitionNode } from "../lib/api-types";
import { isTrigger, newNodeId, portsOf, starterConfig, type Catalog } from "./catalog";
import { deletedChains } from "./deleted-chains";
import { followEntries } from "./follow-entries";
import { canSitBetween, connectionProblem, edgePort, validateGraph, type ConnectionRequest } from "./graph-rules";
import { createHistory, type Snapshot } from "./history";

export type Result<T = object> = ({ ok: true } & T) | { ok: false; reason: string };

const edgeId = (source: string, port: string | undefined, target: string) => `e-${source}-${port ?? "out"}-${target}`;

export interface AddNodeOptions {
  name?: string;
  config?: Record<string, unknown>;
  /** Also draw an edge from this node's port to the new node. */
  connectFrom?: { nodeId: string; port?: string | null };
}

export function createBuilderState(catalog: Catalog, initial: Definition = { nodes: [], edges: [] }) {
  const nodes = signal<DefinitionNode[]>(structuredClone(initial.nodes));
  const edges = signal<DefinitionEdge[]>(structuredClone(initial.edges));
  const selectedNodeIds = signal<string[]>([]);
  const selectedEdgeIds = signal<string[]>([]);
  /** Bumps on every change to the graph (autosave watches it); undo and redo count as changes. */
  const revision = signal(0);

  const definition = computed<Definition>(() => ({ nodes: nodes.value, edges: edges.value }));
  const nodeById = computed(() => new Map(nodes.value.map((n) => [n.id, n])));
  /** Structural problems of the current graph (the server adds config details on validate). */
  const issues = computed(() => validateGraph(definition.value, catalog));
  const hasTrigger = computed(() => nodes.value.some((n) => isTrigger(catalog, n.type)));
  const selectedNode = computed(() => (selectedNodeIds.value.length === 1 ? nodeById.value.get(selectedNodeIds.value[0]) ?? null : null));

  /**
   * Edges whose case (or class label) lost its id while it is being retyped, by `node#index`: they
   * come back on the entry's new id, so clearing an id to type another does not cut the connection.
   */
  const parked = new Map<string, DefinitionEdge>();

  /** Writes a change to the graph; every change, undo and redo included, is a new revision. */
  function apply(next: Partial<Snapshot>) {
    if (next.nodes) nodes.value = next.nodes;
    if (next.edges) edges.value = next.edges;
    revision.value++;
  }

  const history = createHistory(() => ({ nodes: nodes.value, edges: edges.value }), apply, (s) => {
    // The graph goes back to a snapshot with its own edges: none kept aside applies to it.
    parked.clear();
    const ids = new Set(s.nodes.map((n) => n.id));
    const edgeIds = new Set(s.edges.map((e) => e.id));
    selectedNodeIds.value = selectedNodeIds.value.filter((id) => ids.has(id));
    selectedEdgeIds.value = selectedEdgeIds.value.filter((id) => edgeIds.has(id));
  });
  const { commit } = history;

  /** Why `req` cannot be connected, or null. */
  const canConnect = (req: ConnectionRequest) => connectionProblem(definition.value, catalog, req);

  /** Why a node of `type` cannot be added, or null (a workflow has exactly one trigger). */
  function canAdd(type: string): string | null {
    if (!catalog.byType.has(type)) return `Unknown step type “${type}”`;
    if (isTrigger(catalog, type) && hasTrigger.value) return "This workflow already has a trigger: a workflow starts from exactly one. Delete the current trigger to use another.";
    return null;
  }

  function newEdge(req: ConnectionRequest, source: DefinitionNode): DefinitionEdge {
    const port = req.sourcePort || portsOf(catalog.byType.get(source.type), source.config)[0]?.id;
    return { id: uniqueEdgeId(edgeId(req.source, port, req.target)), source: req.source, ...(port ? { sourcePort: port } : {}), target: req.target };
  }

  function uniqueEdgeId(base: string): string {
    const taken = new Set(edges.value.map((e) => e.id));
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
  }

  /** The nodes with those in `positions` moved there (on whole pixels). */
  const movedTo = (positions: ReadonlyMap<string, { x: number; y: number }>) =>
    nodes.value.map((n) => {
      const p = positions.get(n.id);
      return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
    });

  /** A fresh node of `type` at `position`, with an id no node has yet. */
  function newNode(type: string, position: { x: number; y: number }, opts: Pick<AddNodeOptions, "name" | "config"> = {}): DefinitionNode {
    return {
      id: newNodeId(type, new Set(nodes.value.map((n) => n.id))),
      type,
      ...(opts.name ? { name: opts.name } : {}),
      position: { x: Math.round(position.x), y: Math.round(position.y) },
      config: opts.config ?? starterConfig(catalog.byType.get(type)),
    };
  }

  /** Commits a graph with a new node in it, and selects that node (its settings open). */
  function commitAdded(id: string, next: Snapshot) {
    batch(() => {
      commit(next);
      selectedNodeIds.value = [id];
      selectedEdgeIds.value = [];
    });
  }

  /** Adds a node (and, with `connectFrom`, the edge into it) as one undoable step, and selects it. */
  function addNode(type: string, position: { x: number; y: number }, opts: AddNodeOptions = {}): Result<{ id: string }> {
    const refused = canAdd(type);
    if (refused) return { ok: false, reason: refused };
    const node = newNode(type, position, opts);
    const id = node.id;
    const nextNodes = [...nodes.value, node];
    let nextEdges = edges.value;
    if (opts.connectFrom) {
      const req = { source: opts.connectFrom.nodeId, sourcePort: opts.connectFrom.port, target: id };
      const problem = connectionProblem({ nodes: nextNodes, edges: edges.value }, catalog, req);
      if (problem) return { ok: false, reason: problem };
      nextEdges = [...edges.value, newEdge(req, nodeById.value.get(req.source)!)];
    }
    commitAdded(id, { nodes: nextNodes, edges: nextEdges });
    return { ok: true, id };
  }

  /**
   * Puts a new step of `type` on the edge `edgeId`, A → B, as n8n does: A's port (a condition's
   * "true", a switch case) now leads to the new step, whose first output leads to B. The steps in
   * `moves` (those below, shifted to make room) move in the same undoable step. Selects the new step.
   */
  function insertNode(edgeId: string, type: string, position: { x: number; y: number }, moves: ReadonlyMap<string, { x: number; y: number }> = new Map()): Result<{ id: string }> {
    const edge = edges.value.find((e) => e.id === edgeId);
    const source = edge && nodeById.value.get(edge.source);
    if (!edge || !source) return { ok: false, reason: "That connection no longer exists" };
    const refused = canAdd(type) ?? (canSitBetween(catalog, type) ? null : `A “${catalog.byType.get(type)?.label}” step cannot go between two steps`);
    if (refused) return { ok: false, reason: refused };
    const node = newNode(type, position);
    const graph = { nodes: [...movedTo(moves), node], edges: edges.value.filter((e) => e !== edge) };
    const into = { source: source.id, sourcePort: edgePort(edge, source, catalog), target: node.id };
    // With several outputs (a condition, a switch, an approval), B follows the first, the main one.
    const out = { source: node.id, sourcePort: portsOf(catalog.byType.get(type), node.config)[0]?.id, target: edge.target };
    const first = newEdge(into, source);
    const problem = connectionProblem(graph, catalog, into) ?? connectionProblem({ ...graph, edges: [...graph.edges, first] }, catalog, out);
    if (problem) return { ok: false, reason: problem };
    commitAdded(node.id, { nodes: graph.nodes, edges: [...graph.edges, first, newEdge(out, node)] });
    return { ok: true, id: node.id };
  }

  /** Draws an edge if the rules allow it; otherwise says why. */
  function connect(req: ConnectionRequest): Result<{ id: string }> {
    const problem = canConnect(req);
    if (problem) return { ok: false, reason: problem };
    const edge = newEdge(req, nodeById.value.get(req.source)!);
    commit({ edges: [...edges.value, edge] });
    return { ok: true, id: edge.id };
  }

  /**
   * Points a node's output port at `target` (or at nothing): the inspector's keyboard-friendly way
   * to connect. Replaces the port's current edge in the same undoable step.
   */
  function setPortTarget(source: string, port: string, target: string | null): Result {
    const node = nodeById.value.get(source);
    if (!node) return { ok: false, reason: "That step no longer exists" };
    const current = edges.value.find((e) => e.source === source && edgePort(e, node, catalog) === port);
    if (current?.target === target) return { ok: true };
    const without = edges.value.filter((e) => e !== current);
    if (target === null) {
      commit({ edges: without });
      return { ok: true };
    }
    const req = { source, sourcePort: port, target };
    const problem = connectionProblem({ nodes: nodes.value, edges: without }, catalog, req);
    if (problem) return { ok: false, reason: problem };
    commit({ edges: [...without, newEdge(req, node)] });
    return { ok: true };
  }

  /**
   * The edges that bridge deleted steps, as n8n draws them: a deleted chain — one step, or several
   * deleted together that formed a single path — with exactly one edge in and one edge out (whatever
   * ports) leaves its predecessor's port leading to its successor, unless the two are already
   * connected or the graph rules refuse it.
   */
  function bridges(gone: ReadonlySet<string>, kept: Snapshot): DefinitionEdge[] {
    const added: DefinitionEdge[] = [];
    for (const { into, out } of deletedChains(gone, edges.value)) {
      const source = nodeById.value.get(into.source);
      const target = out.target;
      if (!source) continue;
      const graph = { nodes: kept.nodes, edges: [...kept.edges, ...added] };
      if (graph.edges.some((e) => e.source === source.id && e.target === target)) continue;
      const req = { source: source.id, sourcePort: edgePort(into, source, catalog), target };
      if (connectionProblem(graph, catalog, req)) continue;
      added.push(newEdge(req, source));
    }
    return added;
  }

  /**
   * Removes nodes (with their edges) and edges as one undoable step, reconnecting around deleted
   * steps in the middle of a chain (`bridges`). Returns the edges it drew, so the caller can say so.
   */
  function remove(nodeIds: readonly string[], edgeIds: readonly string[] = []): DefinitionEdge[] {
    const gone = new Set(nodeIds);
    const goneEdges = new Set(edgeIds);
    const nextNodes = nodes.value.filter((n) => !gone.has(n.id));
    const kept = edges.value.filter((e) => !goneEdges.has(e.id) && !gone.has(e.source) && !gone.has(e.target));
    const added = bridges(gone, { nodes: nextNodes, edges: kept });
    const nextEdges = [...kept, ...added];
    if (nextNodes.length === nodes.value.length && nextEdges.length === edges.value.length) return [];
    batch(() => {
      commit({ nodes: nextNodes, edges: nextEdges });
      selectedNodeIds.value = selectedNodeIds.value.filter((id) => !gone.has(id));
      selectedEdgeIds.value = selectedEdgeIds.value.filter((id) => nextEdges.some((e) => e.id === id));
    });
    return added;
  }

  const removeSelection = () => remove(selectedNodeIds.value, selectedEdgeIds.value);

  /**
   * Changes a node's name or config. Edges on ports that a config change removed are dropped; a port
   * renamed in place (a switch case's id edited) keeps its edge (see followEntries).
   */
  function updateNode(id: string, patch: { name?: string; config?: Record<string, unknown> }, coalesce = true) {
    const node = nodeById.value.get(id);
    if (!node) return;
    const next: DefinitionNode = { ...node };
    if (patch.name !== undefined) {
      if (patch.name.trim()) next.name = patch.name;
      else delete next.name;
    }
    if (patch.config) next.config = patch.config;
    let nextEdges = edges.value;
    if (patch.config) {
      const info = catalog.byType.get(node.type);
      const after = portsOf(info, patch.config).map((p) => p.id);
      const own = edges.value.filter((e) => e.source === id);
      const followed = followEntries(catalog, node, patch.config, own, parked, (nodeId) => nodeById.value.has(nodeId));
      const before = portsOf(info, node.config).map((p) => p.id);
      const kept = (followed ?? own).filter((e) => {
        const port = edgePort(e, node, catalog);
        return !(port && !after.includes(port) && before.includes(port));
      });
      nextEdges = [...edges.value.filter((e) => e.source !== id), ...kept];
    }
    const field = patch.config ? "config" : "name";
    commit({ nodes: nodes.value.map((n) => (n.id === id ? next : n)), edges: nextEdges }, coalesce ? `${id}:${field}` : undefined);
  }

  /** Call when a drag starts, so the whole drag undoes as one step. */
  const beginMove = () => history.checkpoint();

  /** Moves nodes; `record` false while a drag is in flight (after `beginMove`). */
  function moveNodes(positions: ReadonlyMap<string, { x: number; y: number }>, record = false) {
    if (positions.size === 0) return;
    const next = movedTo(positions);
    if (record) commit({ nodes: next });
    else batch(() => apply({ nodes: next }));
  }

  /** Replaces the whole graph (import a file, restore a version) as one undoable step. */
  function replace(def: Definition) {
    parked.clear();
    batch(() => {
      commit({ nodes: structuredClone(def.nodes), edges: structuredClone(def.edges) });
      selectedNodeIds.value = [];
      selectedEdgeIds.value = [];
    });
  }

  function select(nodeIds: readonly string[], edgeIds: readonly string[] = []) {
    batch(() => {
      selectedNodeIds.value = [...nodeIds];
      selectedEdgeIds.value = [...edgeIds];
    });
  }

  /** The draft as the API takes it (a deep copy, safe to send or keep). */
  const serialise = (): Definition => structuredClone({ nodes: nodes.value, edges: edges.value });

  return {
    catalog,
    nodes,
    edges,
    definition,
    nodeById,
    selectedNodeIds,
    selectedEdgeIds,
    selectedNode,
    revision,
    issues,
    hasTrigger,
    canUndo: history.canUndo,
    canRedo: history.canRedo,
    canAdd,
    canConnect,
    addNode,
    insertNode,
    connect,
    setPortTarget,
    remove,
    removeSelection,
    updateNode,
    beginMove,
    beginFieldEdit: history.beginFieldEdit,
    endFieldEdit: history.endFieldEdit,
    moveNodes,
    replace,
    select,
    undo: history.undo,
    redo: history.redo,
    serialise,
    validate: () => validateGraph(serialise(), catalog),
  };
}

export type BuilderState = ReturnType<typeof createBuilderState>;
