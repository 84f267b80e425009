/**
 * What a run did, drawn over its definition: each visited node's state, and the edges the run took
 * (the edge out of a step on the port it chose, when the run went on to that edge's target).
 */
import type { Definition, RunDetail, StepStatus } from "../lib/api-types";
import type { Catalog } from "./catalog";
import { edgePort } from "./graph-rules";

export interface RunOverlay {
  nodes: ReadonlyMap<string, StepStatus>;
  edges: ReadonlySet<string>;
}

export function runOverlay(run: Pick<RunDetail, "steps" | "status" | "currentNodeIds">, def: Definition, catalog: Catalog): RunOverlay {
  const nodes = new Map<string, StepStatus>();
  // A node retried or revisited shows its latest attempt.
  for (const s of run.steps) nodes.set(s.nodeId, s.status);
  for (const id of run.currentNodeIds) if (!nodes.has(id)) nodes.set(id, run.status === "paused" ? "paused" : "running");
  const visited = new Set(run.steps.map((s) => s.nodeId));
  const edges = new Set<string>();
  for (const s of run.steps) {
    if (!s.port) continue;
    const source = def.nodes.find((n) => n.id === s.nodeId);
    for (const e of def.edges) {
      if (e.source === s.nodeId && edgePort(e, source, catalog) === s.port && visited.has(e.target)) edges.add(e.id);
    }
  }
  return { nodes, edges };
}
