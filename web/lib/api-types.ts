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
  /** The last day away (`YYYY-MM-DD`) when the out-of-office has an end; null when open-ended. */
  outOfOfficeUntil?: string | null;
  createdAt: string;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export type UserPatch = Partial<Pick<TeamUser, "name" | "email" | "role" | "active" | "outOfOffice" | "outOfOfficeUntil">>;

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
  /** The saved draft differs from the last published version. */
  unpublishedChanges?: boolean;
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
  /** The current step's name as the builder shows it (absent on rows mirrored before it existed). */
  currentStep?: string | null;
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

/* ── Queue, external form, accounts, templates, outbox (API.md "Queue", "Accounts, templates, outbox") ── */

export type QueueKind = "approval" | "review" | "form" | "handoff" | "assignment";
export type QueueItemStatus = "open" | "claimed" | "completed" | "expired" | "cancelled";
export type QueueMode = "live" | "test";

/** An item of `GET /api/queue`. */
export interface QueueItem {
  id: string;
  runId: string;
  workflowId: string;
  workflowName: string;
  nodeId: string;
  kind: QueueKind;
  title: string;
  status: QueueItemStatus;
  assigneeId: string | null;
  /** Handoffs and e-mail assignees: the outside person's address. */
  assigneeEmail: string | null;
  poolId: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  dueAt: string | null;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  mode: QueueMode;
  subject: { connector: string | null; objectId: string | null; name: string | null };
}

export type QueueFieldType = "text" | "textarea" | "number" | "email" | "select" | "multiselect" | "date" | "checkbox" | "user";

/** One field of a task's form (API.md `Field`), as the queue and the external form serve it. */
export interface QueueField {
  key: string;
  label: string;
  type: QueueFieldType;
  required?: boolean;
  options?: string[];
  help?: string;
  /** Review tasks: the value currently at the path (`key` is the path). */
  value?: unknown;
  /** `user` fields of assignment tasks: choose among this pool's members. */
  poolId?: string;
  /** Text-like fields: the longest answer taken (the server's default per type when absent). */
  maxLength?: number;
  /** Date fields: "today" refuses days already past. */
  notBefore?: "today";
}

/** The normalised deal as a task's context carries it (fields a CRM lacks are `null`). */
export interface QueueDeal {
  name: string | null;
  amount: number | null;
  arr: number | null;
  currency: string | null;
  stage: string | null;
  closeDate: string | null;
  plan?: string | null;
  segment?: string | null;
  url: string | null;
  source: string | null;
  objectId?: string | null;
  company: { name: string | null; domain: string | null; industry?: string | null; employees?: number | null; country?: string | null; region?: string | null } | null;
  primaryContact: { name: string | null; email: string | null } | null;
  owner: { name: string | null; email: string | null } | null;
}

/** What a person needs to act on a task (`GET /api/queue/:id` → `context`). */
export interface QueueContext {
  workflowName?: string;
  step?: string | null;
  why?: string | null;
  deal?: QueueDeal | null;
  account?: { id: string; name: string | null; domain: string | null; arr: number | null; segment: string | null; region: string | null } | null;
  csm?: { id: string; name: string; email: string } | null;
  instructions?: string | null;
  routing?: string | null;
  /** Set once a person finished the item: what they decided. */
  outcome?: QueueOutcome | null;
}

/** What a person decided on a finished queue item. */
export interface QueueOutcome {
  port: string;
  by: string | null;
  decision: "approve" | "reject" | null;
  comment: string | null;
  csm: { id: string; name: string } | null;
  answers: { key: string; label: string; value: string }[];
}

/** `GET /api/queue/:id`. */
export interface QueueItemDetail extends QueueItem {
  form: QueueField[];
  context: QueueContext;
}

/** `GET /api/queue/counts`. */
export interface QueueCounts {
  open: number;
  claimedByMe: number;
  overdue: number;
  assignedToMe: number;
}

/** `POST /api/queue/:id/complete`. */
export interface CompleteTaskInput {
  decision?: "approve" | "reject";
  comment?: string;
  data?: Record<string, unknown>;
}

/** An active person of the workspace (`GET /api/directory?poolId=`, open to every signed-in user). */
export interface Person {
  id: string;
  name: string;
  email: string;
  role: Role;
  outOfOffice: boolean;
}

/** `GET /api/forms/:token`: what the outside person sees. */
export interface PublicForm {
  title: string;
  fields: QueueField[];
  context: { company: string | null; deal: string | null; closeDate: string | null; instructions: string | null };
  expiresAt: string;
}

export interface PlanTask {
  title: string;
  owner: "csm" | "customer";
  /** A calendar day, `YYYY-MM-DD`. */
  dueAt: string;
  /** The business day it falls on, from the start (plans dated before holidays existed lack it). */
  day?: number;
  /** Ticked done on the account page (absent until someone ticks it). */
  done?: boolean;
  /** When and by whom it was ticked done (only while `done`). */
  doneAt?: string;
  doneBy?: { id: string; name: string };
}

/** One dated milestone of an account's onboarding plan. */
export interface PlanMilestone {
  milestone: string;
  dueAt: string;
  day?: number;
  tasks: PlanTask[];
}

/** An item of `GET /api/accounts`. */
export interface Account {
  id: string;
  mode: QueueMode;
  name: string;
  domain: string | null;
  arr: number | null;
  segment: string | null;
  region: string | null;
  primaryContact: { name: string | null; email: string | null } | null;
  csm: { id: string; name: string; email: string } | null;
  /** Why this CSM (e.g. "Weighted: … has weight 2 of 3"). */
  csmReason: string | null;
  /** A person chose this CSM (account page or an "Assign a CSM" task): workflows' routing keeps them. */
  csmByHand: boolean;
  template: { id: string; name: string } | null;
  plan: PlanMilestone[];
  startDate: string | null;
  source: { connector: string; objectId: string; url: string | null };
  createdAt: string;
  updatedAt: string;
}

/** A run of an account, as `GET /api/accounts/:id` lists them. */
export interface AccountRun {
  id: string;
  workflowId: string;
  workflowName: string;
  version: number | null;
  mode: QueueMode;
  status: "running" | "paused" | "completed" | "failed" | "cancelled";
  currentNodeIds: string[];
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
}

/** `GET /api/accounts/:id`. */
export interface AccountDetail extends Account {
  runs: AccountRun[];
  /** Finished tasks of its runs that decided or answered something (handoff form, approval, CSM chosen). */
  decisions?: { id: string; kind: string; title: string; completedAt: string | null; outcome: QueueOutcome }[];
}

export type TaskOwner = "csm" | "customer";

export interface TemplateTask {
  title: string;
  owner: TaskOwner;
  /** Days from the plan's start date (day 0). */
  offsetDays: number;
}

export interface TemplateMilestone {
  name: string;
  /** Days from the plan's start date (day 0), not from the previous milestone. */
  offsetDays: number;
  tasks: TemplateTask[];
}

/** The body of `POST /api/templates` and `PUT /api/templates/:id`. */
export interface TemplateInput {
  name: string;
  description: string;
  milestones: TemplateMilestone[];
}

/** An onboarding template. */
export interface OnboardingTemplate extends TemplateInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** An e-mail kept by the outbox (`GET /api/outbox`). */
export interface OutboxEmail {
  id: string;
  to: string;
  cc: string | null;
  subject: string;
  text: string;
  html: string | null;
  runId: string | null;
  nodeId: string | null;
  mode: QueueMode;
  provider: string;
  providerMessageId?: string | null;
  createdAt: string;
  /** EMAIL_FROM when the HTTP provider was to send it; null when the outbox kept it and nothing was sent. */
  from: string | null;
  /** The run that sent it, from the runs index; null without a run or before its index row lands. */
  run: { id: string; workflowId: string; workflowName: string; subject: RunSubject } | null;
}

/* ── Connectors and webhooks (API.md "Connectors and webhooks") ─────────────────────────────── */

export type ConnectorKind = "hubspot" | "salesforce" | "notion";
export type ConnectorStatus = "connected" | "error" | "pending";

/** `GET /api/connectors/:id` (and the list's items). Secrets come back masked (`pat-…a1b2`); URLs and ids in clear. */
export interface Connector {
  id: string;
  kind: ConnectorKind;
  name: string;
  status: ConnectorStatus;
  mode: "live" | "demo";
  /** Where the CRM must send its events. */
  webhookUrl: string;
  lastEventAt: string | null;
  /** Why the last connection test failed, in words. */
  lastError: string | null;
  credentials: Record<string, string>;
  settings: Record<string, unknown>;
  /** Notion only: whether Notion's verification token arrived, and a masked hint of it. */
  verification: { received: boolean; tokenHint: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

/** `credentials` of `POST /api/connectors`, per kind (API.md). */
export type HubspotCredentialsInput = { accessToken: string; clientSecret: string; apiBaseUrl?: string };
export type SalesforceCredentialsInput =
  | { instanceUrl: string; accessToken: string; organizationId: string; apiBaseUrl?: string }
  | { loginUrl: string; clientId: string; clientSecret: string; refreshToken: string; organizationId: string; apiBaseUrl?: string };
export type NotionCredentialsInput = { token: string; verificationToken?: string; apiBaseUrl?: string };

export type ConnectorInput =
  | { kind: "hubspot"; name: string; credentials: HubspotCredentialsInput }
  | { kind: "salesforce"; name: string; credentials: SalesforceCredentialsInput }
  | { kind: "notion"; name: string; credentials: NotionCredentialsInput };

/** `PATCH /api/connectors/:id`: only what changes; a credential set to `""` is removed, absent ones are kept. */
export interface ConnectorPatch {
  name?: string;
  credentials?: Record<string, string>;
}

export type ConnectorEventOutcome = "started" | "duplicate" | "ignored" | "rejected";

/** An item of `GET /api/connectors/:id/events`, newest first. */
export interface ConnectorEvent {
  id: string;
  receivedAt: string;
  eventKey: string;
  type: string;
  objectId: string | null;
  verified: boolean;
  outcome: ConnectorEventOutcome;
  /** Why it was ignored, rejected or a duplicate. */
  reason: string | null;
  runIds: string[];
  /** The runs it started, each with its workflow, in `runIds` order (absent from servers older than the field; a run no longer indexed is left out). */
  startedRuns?: StartedRun[];
}

/** `POST /api/connectors/:id/test`. */
export interface ConnectorTestResult {
  ok: boolean;
  detail: string;
}

/** `POST /api/connectors/:id/send-test-event`: the webhook's answer and the log rows the delivery wrote. */
export interface SendTestEventResult {
  status: number;
  ok: boolean;
  detail: string;
  events: SentTestEvent[];
}

/** A log row a test delivery wrote, with the runs the record already had where that kept a workflow from starting one. */
export interface SentTestEvent extends ConnectorEvent {
  existingRunIds: string[];
}

/** A run an event started: its id and its workflow. */
export interface StartedRun {
  id: string;
  workflowId: string;
  workflowName: string;
}

/** An item of `GET /api/connectors/:id/stages`: a deal stage (HubSpot, Salesforce) or status option (Notion). */
export interface ConnectorStage {
  id: string;
  label: string;
  pipeline?: { id: string; label: string };
  won: boolean;
}
