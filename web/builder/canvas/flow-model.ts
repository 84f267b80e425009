/**
 * The definition as React Flow draws it: nodes with their ports, one-line summary, problems and run
 * state; edges with the path a run took (port labels are on the nodes).
 */
import { MarkerType, type Edge, type Node } from "@xyflow/react";
import type { Definition, DefinitionNode, NodeCategory, StepStatus, ValidationIssue } from "../../lib/api-types";
import { endOutcome, nodeTitle, OUTCOME_LABELS, portsOf, type Catalog, type EndOutcome, type Port } from "../catalog";
import { edgePort } from "../graph-rules";
import { OPERATORS } from "../forms/schema";
import type { RunOverlay } from "../run-overlay";
import { stageLabel } from "../crm-stages";

export interface WorkflowNodeData extends Record<string, unknown> {
  title: string;
  typeLabel: string;
  category: NodeCategory | "unknown";
  ports: Port[];
  summary: string;
  problems: string[];
  runState?: StepStatus;
  /** Ports with nothing connected, where a "+" offers the next step; none on a read-only canvas. */
  freePorts: string[];
  /** An End step's outcome: how the run ends there. */
  outcome?: EndOutcome;
}

export type WorkflowFlowNode = Node<WorkflowNodeData>;

/** The steps an edge joins, for the name of its "+" (insert-edge.tsx); only an editable canvas's edges have it. */
export interface WorkflowEdgeData extends Record<string, unknown> {
  from: string;
  to: string;
}

export type WorkflowFlowEdge = Edge<WorkflowEdgeData>;

const op = (o: unknown) => OPERATORS.find((x) => x.value === o)?.label ?? String(o);
const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(", ") : "");
/** A trigger's stages as people read them ("closedwon" → "Closed Won"). */
const stages = (v: unknown, crm: string) => (Array.isArray(v) ? v.map((id) => stageLabel(crm, String(id))).join(", ") : "");

/** A line under the node's name saying what it is set to do. `names` resolves record ids. */
export function configSummary(node: DefinitionNode, names: ReadonlyMap<string, string>): string {
  const c = node.config;
  const name = (id: unknown) => (typeof id === "string" && id ? names.get(id) ?? "" : "");
  switch (node.type) {
    case "trigger.hubspot":
    case "trigger.salesforce": {
      const named = node.type === "trigger.hubspot" ? stages(c.stageIds, "hubspot") : stages(c.stages, "salesforce");
      return named ? `Stage: ${named}` : "";
    }
    case "trigger.notion":
      return c.event === "status_changed" ? `Status → ${list(c.values)}` : "Page created";
    case "logic.condition": {
      const rules = Array.isArray(c.rules) ? (c.rules as Record<string, unknown>[]) : [];
      if (!rules.length) return "";
      const r = rules[0];
      return `${r.field ?? ""} ${op(r.op)} ${r.value ?? ""}`.trim() + (rules.length > 1 ? ` (+${rules.length - 1})` : "");
    }
    case "logic.switch": {
      const n = Array.isArray(c.cases) ? c.cases.length : 0;
      return `${n} ${n === 1 ? "case" : "cases"} + otherwise`;
    }
    case "logic.delay":
      return typeof c.minutes === "number" ? `Wait ${c.minutes} min` : typeof c.until === "string" ? `Until ${c.until}` : "";
    case "action.assign_csm":
      return [name(c.poolId), typeof c.strategy === "string" ? c.strategy.replace(/_/g, " ") : ""].filter(Boolean).join(" · ");
    case "action.apply_template":
      return c.templateId ? name(c.templateId) : Array.isArray(c.rules) ? `By rules, else ${name(c.defaultTemplateId) || "default"}` : "";
    case "action.send_email":
      return typeof c.to === "string" && c.to ? `To ${c.to}` : "";
    case "end":
      return c.outcome === "failed" ? `Fails${c.reason ? `: ${c.reason}` : ""}` : "Completes the run";
    default:
      return typeof c.title === "string" ? c.title : "";
  }
}

export interface FlowModelInput {
  definition: Definition;
  catalog: Catalog;
  problems?: ReadonlyMap<string, string[]>;
  overlay?: RunOverlay | null;
  names?: ReadonlyMap<string, string>;
  selectedNodes?: ReadonlySet<string>;
  selectedEdges?: ReadonlySet<string>;
  measured?: Readonly<Record<string, { width: number; height: number }>>;
  /** The canvas edits the draft, so free ports are worked out for their "+" buttons, and edges get theirs. */
  editable?: boolean;
}

/** "node\0port" for every port some edge leaves from. */
function connectedPorts({ nodes, edges }: Definition, catalog: Catalog): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return new Set(edges.map((e) => `${e.source}\u0000${edgePort(e, byId.get(e.source), catalog) ?? ""}`));
}

export function toFlowNodes({ definition, catalog, problems, overlay, names = new Map(), selectedNodes, measured, editable }: FlowModelInput): WorkflowFlowNode[] {
  const connected = editable ? connectedPorts(definition, catalog) : null;
  return definition.nodes.map((n) => {
    const info = catalog.byType.get(n.type);
    const category = info?.category ?? "unknown";
    const title = nodeTitle(n, catalog);
    const ports = portsOf(info, n.config);
    const outcome = endOutcome(n);
    return {
      id: n.id,
      type: category,
      position: n.position,
      selected: selectedNodes?.has(n.id) ?? false,
      ...(measured?.[n.id] ? { measured: measured[n.id] } : {}),
      ariaLabel: `${title} (${info?.label ?? n.type}${outcome ? `, ${OUTCOME_LABELS[outcome].says}` : ""})`,
      data: {
        title,
        typeLabel: info?.label ?? `Unknown type ${n.type}`,
        category,
        ports,
        summary: configSummary(n, names),
        problems: problems?.get(n.id) ?? [],
        runState: overlay?.nodes.get(n.id),
        freePorts: connected ? ports.filter((p) => !connected.has(`${n.id}\u0000${p.id}`)).map((p) => p.id) : [],
        ...(outcome ? { outcome } : {}),
      },
    };
  });
}

export function toFlowEdges({ definition, catalog, overlay, selectedEdges, editable }: FlowModelInput): WorkflowFlowEdge[] {
  return definition.edges.map((e) => {
    const source = definition.nodes.find((n) => n.id === e.source);
    const from = source ? nodeTitle(source, catalog) : e.source;
    const to = nodeTitle(definition.nodes.find((n) => n.id === e.target) ?? { type: e.target }, catalog);
    const ports = source ? portsOf(catalog.byType.get(source.type), source.config) : [];
    const port = edgePort(e, source, catalog);
    const label = ports.length > 1 ? ports.find((p) => p.id === port)?.label ?? port ?? undefined : undefined;
    const taken = overlay?.edges.has(e.id) ?? false;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: port ?? undefined,
      // Curves, not right-angled steps: in a top-to-bottom flow the steps of a node's branches would
      // all turn at the same height between rows and run on top of one another.
      // On a draft, the same curve with a "+" at its middle to insert a step (insert-edge.tsx).
      type: editable ? "insertable" : "default",
      ...(editable ? { data: { from, to } } : {}),
      // No text on the edge: its port's label is on the node, right above where the edge leaves, and
      // in a top-to-bottom flow the gap between rows is too short for a second copy.
      selected: selectedEdges?.has(e.id) ?? false,
      className: taken ? "is-taken" : overlay ? "is-untaken" : undefined,
      animated: taken,
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
      ariaLabel: `Connection from ${from}${label ? ` (${label})` : ""} to ${to}`,
    };
  });
}

/** Problems grouped by node id (workflow-level ones under ""). */
export function problemsByNode(issues: readonly ValidationIssue[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const i of issues) {
    const key = i.nodeId ?? "";
    out.set(key, [...(out.get(key) ?? []), i.message]);
  }
  return out;
}
