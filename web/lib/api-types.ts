/**
 * Shapes of the API bodies the SPA reads and sends, written from API.md.
 * When the Worker exports its zod schemas (habit 8), replace these with `z.infer` imports.
 */

export type Role = "admin" | "csm";

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", csm: "CSM" };

/** `GET /api/me`, and the `user` of a login answer. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** An item of `GET /api/users`. */
export interface TeamUser extends SessionUser {
  active: boolean;
  outOfOffice: boolean;
  createdAt: string;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export type UserPatch = Partial<Pick<TeamUser, "name" | "role" | "active" | "outOfOffice">>;

export interface PoolMember {
  userId: string;
  /** Share of assignments under the weighted strategy; an integer ≥ 1. */
  weight: number;
  /** Most active accounts this member takes; `null` is unlimited, `0` takes none. */
  capacity: number | null;
  /** Read-only extras the server adds when listing (the member's user). */
  name?: string;
  email?: string;
  active?: boolean;
  outOfOffice?: boolean;
}

export interface Pool {
  id: string;
  name: string;
  members: PoolMember[];
}

export interface PoolInput {
  name: string;
  members: Array<Pick<PoolMember, "userId" | "weight" | "capacity">>;
}

/* ── Workflows, node catalog and runs (API.md "Workflows", "Runs") ─────────────────────────── */

export type WorkflowStatus = "draft" | "active" | "paused" | "archived";

/** One step of a workflow graph (API.md `Definition`). */
export interface DefinitionNode {
  id: string;
  type: string;
  name?: string;
  position: { x: number; y: number };
  config: Record<string, unknown>;
}

export interface DefinitionEdge {
  id: string;
  source: string;
  /** The output port; may be left out when the source node has a single port. */
  sourcePort?: string;
  target: string;
}

export interface Definition {
  nodes: DefinitionNode[];
  edges: DefinitionEdge[];
}

export interface RunCounts {
  total: number;
  running: number;
  paused: number;
  completed: number;
  failed: number;
  cancelled: number;
}

/** An item of `GET /api/workflows`. */
export interface WorkflowListItem {
  id: string;
  name: string;
  description: string;
  status: WorkflowStatus;
  publishedVersion: number | null;
  updatedAt: string;
  trigger: { type: string | null; summary: string };
  runCounts: RunCounts;
  lastRunAt: string | null;
}

export interface WorkflowVersionInfo {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

/** `GET /api/workflows/:id`. */
export interface WorkflowDetail {
  id: string;
  name: string;
  description: string;
  status: WorkflowStatus;
  draft: Definition;
  publishedVersion: number | null;
  versions: WorkflowVersionInfo[];
  reenroll: boolean;
  createdAt?: string;
  updatedAt: string;
}

export interface WorkflowVersion extends WorkflowVersionInfo {
  definition: Definition;
}

/** One problem found by `GET /api/workflows/:id/validate` (or a publish 422). */
export interface ValidationIssue {
  nodeId?: string;
  /** Where in the definition: `nodes.3.config.poolId`, `edges.2.sourcePort`. */
  path: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
}

export interface WorkflowPreset {
  id: string;
  name: string;
  description: string;
  definition: Definition;
}

/** `GET /api/workflows/:id/export`: portable JSON that `POST /api/workflows/import` takes back. */
export interface WorkflowExport {
  format: "onboarding-workflow";
  formatVersion: 1;
  name: string;
  description?: string;
  reenroll?: boolean;
  definition: Definition;
}

export type NodeCategory = "trigger" | "logic" | "human" | "action" | "ai" | "end";

/** Ports that depend on the config: one per switch case / class label, plus fixed ones. */
export interface DynamicPorts {
  dynamic: true;
  from: "cases" | "labels";
  fixed: string[];
  /** Ports that exist only when a config field is set, e.g. `{review: "minConfidence"}`. */
  when?: Record<string, string>;
}

/** A JSON Schema (draft 2020-12) as zod emits it, with the catalog's `x-widget` hints. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  default?: unknown;
  "x-widget"?: string;
  [key: string]: unknown;
}

/** An item of `GET /api/node-types`. */
export interface NodeTypeInfo {
  type: string;
  category: NodeCategory;
  label: string;
  description: string;
  schema: JsonSchema;
  ports: string[] | DynamicPorts;
}

export type RunStatus = "running" | "paused" | "completed" | "failed" | "cancelled";
export type RunMode = "live" | "test";
export type StepStatus = "running" | "completed" | "failed" | "paused" | "skipped";

export interface RunSubject {
  connector: string | null;
  objectId: string | null;
  name: string | null;
}

/** An item of `GET /api/runs`. */
export interface RunListItem {
  id: string;
  workflowId: string;
  workflowName: string;
  version: number | null;
  mode: RunMode;
  status: RunStatus;
  currentNodeIds: string[];
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  subject: RunSubject;
  error?: { message: string; code: string } | null;
}

export interface RunStep {
  nodeId: string;
  nodeType: string;
  status: StepStatus;
  port?: string;
  attempts: number;
  startedAt: string;
  endedAt?: string;
  durationMs?: number;
  input: unknown;
  output?: unknown;
  error?: { message: string; code: string };
}

/** A human task of a run, as the run object reports it. */
export interface RunTask {
  id: string;
  nodeId: string;
  kind: "approval" | "review" | "form" | "handoff" | "assignment";
  title: string;
  status: "open" | "claimed" | "completed" | "expired" | "cancelled";
  assigneeId?: string | null;
  poolId?: string | null;
  dueAt: string | null;
  createdAt: string;
  completedAt: string | null;
  completedBy?: unknown;
}

/** `GET /api/runs/:id`: the run, its pinned definition, data and step journal. */
export interface RunDetail extends RunListItem {
  stepCount: number;
  error: (null | { message: string; code: string; nodeId?: string });
  data: Record<string, unknown>;
  definition: Definition;
  waiting: null | { nodeId: string; kind: "timer" | "task" | "retry"; until?: number };
  outcome: null | { status: "completed" | "failed" | "cancelled"; reason?: string };
  steps: RunStep[];
  timers: { kind: string; nodeId: string; at: string }[];
  tasks: RunTask[];
}

/** A queue item as the test panel and run detail read it (`GET /api/queue?runId=`). */
export interface RunQueueItem {
  id: string;
  runId: string;
  nodeId: string;
  kind: RunTask["kind"];
  title: string;
  status: RunTask["status"];
  assigneeId: string | null;
  poolId: string | null;
  claimedBy: string | null;
  claimedAt?: string | null;
  dueAt: string | null;
  createdAt: string;
  completedAt?: string | null;
  mode: RunMode;
}

/** A form field of a human task (`GET /api/queue/:id` → `form`). */
export interface TaskFormField {
  key: string;
  label: string;
  type: "text" | "textarea" | "number" | "email" | "select" | "multiselect" | "date" | "checkbox" | "user";
  required?: boolean;
  options?: string[];
  help?: string;
  /** Review tasks: the value currently at the path. */
  value?: unknown;
  /** Assignment tasks: choose among this pool's members. */
  poolId?: string;
}

export interface RunQueueItemDetail extends RunQueueItem {
  form: TaskFormField[];
  context: Record<string, unknown>;
}

/** The records node configs point at, for the builder's pickers. */
export interface ConnectorSummary {
  id: string;
  kind: "hubspot" | "salesforce" | "notion";
  name: string;
  status: string;
  mode: "live" | "demo";
  webhookUrl?: string;
  lastEventAt?: string | null;
}

export interface TemplateSummary {
  id: string;
  name: string;
  description?: string;
}

export interface DirectoryPerson {
  id: string;
  name: string;
  email: string;
  role: Role;
  outOfOffice: boolean;
}
