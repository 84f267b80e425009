/**
 * Human tasks inside a run: the queue item a waiting node becomes, who it goes to, and its SLA
 * timers (due → timeout, reminders, escalation). The run object is the source of truth; each change
 * is mirrored to the D1 queue index through the same outbox as the run summary.
 */
import { and, eq, inArray } from "drizzle-orm";
import { createDb, schema } from "../worker/db/client";
import { isOutOfOffice } from "../worker/lib/out-of-office";
import type { Assignee, Deal, RunData, RunMode, TaskSpec } from "./types";
import type { RunEnv } from "./env";
import { isIsoDate } from "./lib/dates";
import { formatDay } from "./lib/template-filters";

export type TaskStatus = "opening" | "open" | "completed" | "expired" | "cancelled";

export interface TaskRecord {
  id: string;
  nodeId: string;
  nodeName: string | null;
  kind: TaskSpec["kind"];
  title: string;
  instructions: string | null;
  status: TaskStatus;
  spec: TaskSpec;
  assigneeId: string | null;
  poolId: string | null;
  assigneeEmail: string | null;
  /** Why it went to whom (e.g. "Casey is out of office; sent to the Senior CSMs pool"). */
  routing: string | null;
  fields: unknown[] | null;
  dueAt: number | null;
  createdAt: number;
  completedAt: number | null;
  completedBy: string | null;
  reminders: number;
  escalated: boolean;
  /** When true the next mirror write clears any claim (escalation hands the item to someone new). */
  resetClaim: boolean;
  context: Record<string, unknown>;
}

export const HOUR_MS = 3_600_000;

/**
 * What a person decided, kept with the finished item (in its context, so the queue index shows it
 * without reading the run): the path taken, the approval and comment, the CSM chosen, the answers.
 */
export interface TaskOutcome {
  port: string;
  by: string | null;
  decision: "approve" | "reject" | null;
  comment: string | null;
  csm: { id: string; name: string } | null;
  answers: { key: string; label: string; value: string }[];
}

const MAX_ANSWER = 500;

/** An answer as a person reads it: Yes/No for a checkbox, "1 December 2026" for a date field. */
function answerText(value: unknown): string {
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (isIsoDate(value)) return formatDay(Date.parse(`${value}T00:00:00Z`));
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : Array.isArray(value) ? value.map(String).join(", ") : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.length > MAX_ANSWER ? `${text.slice(0, MAX_ANSWER)}…` : text;
}

/** The outcome of a task completed with `input` down `port` (answers labelled as its form labels them). */
export function taskOutcome(t: TaskRecord, port: string, input: { decision?: "approve" | "reject"; comment?: string; data?: unknown; by?: { name?: string | null; email?: string | null }; csm?: { id: string; name: string } }): TaskOutcome {
  const labels = new Map<string, string>();
  for (const f of (t.fields ?? []) as { key?: unknown; label?: unknown }[]) if (typeof f?.key === "string") labels.set(f.key, typeof f.label === "string" ? f.label : f.key);
  const data = input.data && typeof input.data === "object" && !Array.isArray(input.data) ? (input.data as Record<string, unknown>) : {};
  // Only the form's own fields (when it has any): a key the form does not ask for is nobody's answer.
  const asked = (key: string) => labels.size === 0 || labels.has(key);
  const answers = t.kind === "assignment" ? [] : Object.entries(data).filter(([key]) => asked(key)).map(([key, value]) => ({ key, label: labels.get(key) ?? key, value: answerText(value) }));
  return {
    port,
    by: input.by?.name ?? input.by?.email ?? null,
    decision: input.decision ?? null,
    comment: input.comment?.trim() ? input.comment.trim().slice(0, 2000) : null,
    csm: input.csm ? { id: input.csm.id, name: input.csm.name } : null,
    answers: answers.slice(0, 50),
  };
}

/** Stable, URL-safe queue item id for a node of a run. */
export function taskId(runId: string, nodeId: string): string {
  return `qi_${runId.slice(4)}_${nodeId.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** What a person needs to act: the deal and account at a glance, and why the run is here. */
export function taskContext(data: RunData, spec: TaskSpec, nodeName: string | null, workflowName: string): Record<string, unknown> {
  const deal = (data.deal ?? null) as Deal | null;
  const account = (data.account ?? null) as Record<string, unknown> | null;
  return {
    workflowName,
    step: nodeName,
    why: spec.instructions ?? `The workflow “${workflowName}” is waiting at “${nodeName ?? spec.title}”.`,
    deal: deal
      ? {
          name: deal.name,
          amount: deal.amount,
          arr: deal.arr,
          currency: deal.currency,
          stage: deal.stage,
          closeDate: deal.closeDate,
          plan: deal.plan ?? null,
          segment: deal.segment ?? null,
          url: deal.url,
          source: deal.source,
          objectId: deal.objectId,
          company: deal.company,
          primaryContact: deal.primaryContact,
          owner: deal.owner,
        }
      : null,
    account: account ? { id: account.id, name: account.name, domain: account.domain, arr: account.arr, segment: account.segment, region: account.region } : null,
    csm: data.csm ?? null,
  };
}

/**
 * Resolves an assignee to a user, a pool or an outside e-mail. An out-of-office (or deactivated)
 * user is skipped in favour of the pool when the task has one.
 */
export async function resolveAssignee(env: RunEnv, a: Assignee, fallbackPoolId: string | null, now = Date.now()) {
  const db = createDb(env.DB);
  let user = null as null | typeof schema.users.$inferSelect;
  if (a.userId) user = (await db.select().from(schema.users).where(eq(schema.users.id, a.userId)).get()) ?? null;
  else if (a.email) user = (await db.select().from(schema.users).where(eq(schema.users.email, a.email.toLowerCase())).get()) ?? null;
  const poolId = a.poolId ?? fallbackPoolId;
  if (user && (isOutOfOffice(user, now) || !user.active) && poolId) {
    return { assigneeId: null, poolId, assigneeEmail: null, routing: `${user.name} is ${user.active ? "out of office" : "deactivated"}; sent to the pool instead.` };
  }
  // Nobody else could act on an item a deactivated person holds: without a pool, it waits for an admin.
  if (user && !user.active) return { assigneeId: null, poolId: null, assigneeEmail: null, routing: unassignedBecauseDeactivated(user.name) };
  if (user) return { assigneeId: user.id, poolId: a.poolId ?? null, assigneeEmail: null, routing: `Assigned to ${user.name}.` };
  if (a.poolId) return { assigneeId: null, poolId: a.poolId, assigneeEmail: null, routing: "Any member of the pool may claim it." };
  if (a.email) return { assigneeId: null, poolId: fallbackPoolId, assigneeEmail: a.email, routing: `${a.email} has no account here; an admin can act on it.` };
  return { assigneeId: null, poolId: fallbackPoolId, assigneeEmail: null, routing: "Unassigned." };
}

/** The routing note of an item whose person was deactivated and that has no pool to go back to. */
export const unassignedBecauseDeactivated = (name: string) => `${name} was deactivated; unassigned until an admin assigns it.`;

/**
 * Where an item goes when its assignee is deactivated: the pool it came from — its own, the one its
 * assignee was chosen with, or its node's — while that pool exists; otherwise nobody (an admin assigns it).
 */
export async function handBackTarget(env: RunEnv, t: Pick<TaskRecord, "poolId" | "spec">, nodePoolId: string | null, name: string) {
  const candidate = t.poolId ?? t.spec.assignee?.poolId ?? t.spec.escalateTo?.poolId ?? nodePoolId;
  const pool = candidate ? await createDb(env.DB).select({ id: schema.pools.id }).from(schema.pools).where(eq(schema.pools.id, candidate)).get() : undefined;
  if (pool) return { assigneeId: null, poolId: pool.id, assigneeEmail: null, routing: `${name} was deactivated; back in the pool for any member to claim.` };
  return { assigneeId: null, poolId: null, assigneeEmail: null, routing: unassignedBecauseDeactivated(name) };
}

/** The e-mail addresses to notify for an item: its user, or every active member of its pool. */
export async function notifyAddresses(env: RunEnv, t: Pick<TaskRecord, "assigneeId" | "poolId" | "assigneeEmail">, now = Date.now()): Promise<string[]> {
  const db = createDb(env.DB);
  if (t.assigneeId) {
    const u = await db.select().from(schema.users).where(eq(schema.users.id, t.assigneeId)).get();
    return u ? [u.email] : [];
  }
  if (t.poolId) {
    const rows = await db
      .select({ email: schema.users.email, active: schema.users.active, outOfOffice: schema.users.outOfOffice, outOfOfficeUntil: schema.users.outOfOfficeUntil })
      .from(schema.poolMembers)
      .innerJoin(schema.users, eq(schema.users.id, schema.poolMembers.userId))
      .where(eq(schema.poolMembers.poolId, t.poolId));
    return rows.filter((r) => r.active && !isOutOfOffice(r, now)).map((r) => r.email);
  }
  return t.assigneeEmail ? [t.assigneeEmail] : [];
}

/** Users by id, for completing `human.assign_csm` with the chosen CSM. */
export async function usersByIds(env: RunEnv, ids: string[]) {
  if (!ids.length) return [];
  return createDb(env.DB)
    .select({ id: schema.users.id, name: schema.users.name, email: schema.users.email, role: schema.users.role })
    .from(schema.users)
    .where(and(inArray(schema.users.id, ids), eq(schema.users.active, true)));
}

/** The D1 queue index row for a task. */
export function queueRow(t: TaskRecord, run: { runId: string; workflowId: string; workflowName: string; mode: RunMode; subject: unknown; seq: number }) {
  return {
    id: t.id,
    runId: run.runId,
    workflowId: run.workflowId,
    workflowName: run.workflowName,
    nodeId: t.nodeId,
    kind: t.kind,
    title: t.title,
    status: t.status === "opening" ? "open" : t.status,
    assigneeId: t.assigneeId,
    poolId: t.poolId,
    assigneeEmail: t.assigneeEmail,
    dueAt: t.dueAt ? new Date(t.dueAt).toISOString() : null,
    createdAt: new Date(t.createdAt).toISOString(),
    completedAt: t.completedAt ? new Date(t.completedAt).toISOString() : null,
    completedBy: t.completedBy,
    mode: run.mode,
    subject: run.subject,
    form: t.fields,
    context: { ...t.context, instructions: t.instructions, routing: t.routing },
    seq: run.seq,
    resetClaim: t.resetClaim,
  };
}

const QUEUE_UPSERT = `INSERT INTO queue_items (id, run_id, workflow_id, workflow_name, node_id, kind, title, status, assignee_id,
  pool_id, assignee_email, due_at, created_at, completed_at, completed_by, mode, subject, form, context, seq)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
  ON CONFLICT(id) DO UPDATE SET title = excluded.title, assignee_id = excluded.assignee_id, pool_id = excluded.pool_id,
  assignee_email = excluded.assignee_email, due_at = excluded.due_at, completed_at = excluded.completed_at,
  completed_by = excluded.completed_by, form = excluded.form, context = excluded.context, seq = excluded.seq,
  status = CASE WHEN excluded.status = 'open' AND ?21 = 0 THEN queue_items.status ELSE excluded.status END,
  claimed_by = CASE WHEN ?21 = 1 THEN NULL ELSE queue_items.claimed_by END,
  claimed_at = CASE WHEN ?21 = 1 THEN NULL ELSE queue_items.claimed_at END
  WHERE excluded.seq > queue_items.seq`;

/**
 * The queue row's claim belongs to D1 (claims are decided there by a conditional UPDATE), so an
 * `open` from the run never overwrites `claimed` unless the run hands the item to someone new.
 */
export function queueStatement(db: D1Database, r: ReturnType<typeof queueRow>): D1PreparedStatement {
  return db
    .prepare(QUEUE_UPSERT)
    .bind(
      r.id,
      r.runId,
      r.workflowId,
      r.workflowName,
      r.nodeId,
      r.kind,
      r.title,
      r.status,
      r.assigneeId,
      r.poolId,
      r.assigneeEmail,
      r.dueAt,
      r.createdAt,
      r.completedAt,
      r.completedBy,
      r.mode,
      JSON.stringify(r.subject),
      JSON.stringify(r.form),
      JSON.stringify(r.context),
      r.seq,
      r.resetClaim ? 1 : 0,
    );
}
