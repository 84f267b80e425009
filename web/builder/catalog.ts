/**
 * The node catalog as the builder uses it: types by id, palette groups, the output ports a node
 * has with its current config, and what a freshly added node starts with.
 */
import type { DefinitionNode, JsonSchema, NodeCategory, NodeTypeInfo } from "../lib/api-types";
import { portLabel } from "../../durable/lib/port-labels";

export interface Catalog {
  types: readonly NodeTypeInfo[];
  byType: ReadonlyMap<string, NodeTypeInfo>;
}

export function createCatalog(types: readonly NodeTypeInfo[]): Catalog {
  return { types, byType: new Map(types.map((t) => [t.type, t])) };
}

/** Palette order and headings (SPEC.md section 4). */
export const CATEGORIES: readonly { id: NodeCategory; label: string }[] = [
  { id: "trigger", label: "Triggers" },
  { id: "logic", label: "Logic" },
  { id: "human", label: "People" },
  { id: "action", label: "Actions" },
  { id: "ai", label: "AI" },
  { id: "end", label: "End" },
];

/** Whether a step type matches a search in the palette or the node picker: its name, description or type id. */
export const matchesSearch = (t: NodeTypeInfo, q: string) => !q.trim() || `${t.label} ${t.description} ${t.type}`.toLowerCase().includes(q.trim().toLowerCase());

/**
 * What Enter picks among the matches: the shortest name that starts with the search, then the first
 * name that contains it, then any match — so "end" picks End, not Condition ("…depending on…").
 */
export function bestMatch(types: readonly NodeTypeInfo[], q: string): NodeTypeInfo | undefined {
  const s = q.trim().toLowerCase();
  const label = (t: NodeTypeInfo) => t.label.toLowerCase();
  // Among names that start with the search the shortest wins: "assign" → Assign CSM, not Assign CSM by hand.
  const starts = types.filter((t) => label(t).startsWith(s)).sort((a, b) => a.label.length - b.label.length)[0];
  return starts ?? types.find((t) => label(t).includes(s)) ?? types[0];
}

export const isTrigger = (catalog: Catalog, type: string) => catalog.byType.get(type)?.category === "trigger";

export interface Port {
  /** The port name edges use as `sourcePort`. */
  id: string;
  /** What the canvas shows beside the handle. */
  label: string;
}

/** What a dynamic port's id may be (the server's rule for case ids and class labels). */
const PORT_ID = /^[A-Za-z0-9_-]{1,64}$/;

const asRecordList = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? (v.filter((x) => x && typeof x === "object") as Record<string, unknown>[]) : [];

/**
 * The output ports of a node with this config. Dynamic ports (switch cases, class labels) follow the
 * config as it is being edited: entries without a usable id are skipped until they get one.
 */
export function portsOf(info: NodeTypeInfo | undefined, config: Record<string, unknown>): Port[] {
  if (!info) return [];
  if (Array.isArray(info.ports)) return info.ports.map((id) => ({ id, label: portLabel(id) }));
  const dyn = info.ports;
  const seen = new Set<string>();
  const out: Port[] = [];
  const push = (id: string, label: string) => {
    if (!id || seen.has(id)) return;
    seen.add(id);
    out.push({ id, label });
  };
  for (const entry of asRecordList(config[dyn.from])) {
    const id = typeof entry.id === "string" ? entry.id : "";
    const label = dyn.from === "cases" && typeof entry.label === "string" && entry.label ? entry.label : id;
    if (PORT_ID.test(id)) push(id, label);
  }
  for (const [port, field] of Object.entries(dyn.when ?? {})) {
    if (config[field] !== undefined && config[field] !== null) push(port, portLabel(port));
  }
  for (const id of dyn.fixed) push(id, portLabel(id));
  return out;
}

/**
 * For a node whose ports come from a list in its config (switch cases, class labels): the port each
 * entry gives, by the entry's position — null for an entry without a usable id (blank, invalid, or
 * repeating an earlier one), which is no port until it gets one. Null for types with fixed ports.
 */
export function entryPorts(info: NodeTypeInfo | undefined, config: Record<string, unknown>): (string | null)[] | null {
  if (!info || Array.isArray(info.ports)) return null;
  const seen = new Set<string>();
  return asRecordList(config[info.ports.from]).map((entry) => {
    const id = typeof entry.id === "string" ? entry.id : "";
    if (!PORT_ID.test(id) || seen.has(id)) return null;
    seen.add(id);
    return id;
  });
}

/** Starting values for the required fields a form cannot leave blank sensibly (enums, lists). */
function defaultsFromSchema(schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of schema.required ?? []) {
    const prop = schema.properties?.[key];
    if (!prop) continue;
    if (Array.isArray(prop.enum) && prop.enum.length) out[key] = prop.enum[0];
    else if (prop.type === "array") out[key] = [];
  }
  return out;
}

/** Per-type starting configs where an empty form would only be confusing. */
const STARTERS: Record<string, () => Record<string, unknown>> = {
  "logic.condition": () => ({ combine: "all", rules: [{ field: "deal.arr", op: "gte", value: 100000 }] }),
  "logic.switch": () => ({ cases: [{ id: "case_1", label: "Case 1", combine: "all", rules: [{ field: "deal.arr", op: "gte", value: 100000 }] }] }),
  "logic.delay": () => ({ minutes: 60 }),
  "action.assign_csm": () => ({ strategy: "round_robin", respectCapacity: true, skipOutOfOffice: true }),
  "action.send_email": () => ({ to: "{{deal.primaryContact.email}}", subject: "", body: "" }),
  "action.update_crm": () => ({ properties: {} }),
  "action.set_data": () => ({ values: {} }),
  "ai.classify": () => ({ input: "", labels: [{ id: "enterprise", description: "" }, { id: "smb", description: "" }] }),
  "end": () => ({ outcome: "completed" }),
};

/** The config a node of `type` starts with when added to the canvas. */
export function starterConfig(info: NodeTypeInfo | undefined): Record<string, unknown> {
  if (!info) return {};
  return { ...defaultsFromSchema(info.schema), ...(STARTERS[info.type]?.() ?? {}) };
}

/** A readable, path-safe id for a new node (`switch_2`), unique among `taken`. */
export function newNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = (type.split(".").pop() || "node").replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 60);
  for (let i = 1; ; i++) {
    const id = `${base}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/** The node's display name: its own, else its type's label. */
export function nodeTitle(node: Pick<DefinitionNode, "name" | "type">, catalog: Catalog): string {
  return node.name?.trim() || catalog.byType.get(node.type)?.label || node.type;
}

export type EndOutcome = "completed" | "failed";

/** How a run ends at this step, for an End step (its `outcome`, completed unless it says failed); else undefined. */
export const endOutcome = (node: Pick<DefinitionNode, "type" | "config">): EndOutcome | undefined =>
  node.type === "end" ? (node.config.outcome === "failed" ? "failed" : "completed") : undefined;

/** An End's outcome as the canvas, the mini-map and the run's steps say it. */
export const OUTCOME_LABELS: Record<EndOutcome, { badge: string; says: string }> = {
  completed: { badge: "Completed", says: "completes the run" },
  failed: { badge: "Failed", says: "fails the run" },
};
