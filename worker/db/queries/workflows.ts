import { and, eq, sql, desc } from "drizzle-orm";
import type { Database } from "../client";
import { schema } from "../client";
import { notFound } from "../../errors";
import type { Preloaded } from "../../middleware/preload";
import { hubspotStageLabel } from "../../../durable/lib/hubspot-stages";

export type WorkflowRow = typeof schema.workflows.$inferSelect;
type DefinitionLike = { nodes: { id: string; type: string; config?: Record<string, unknown> }[]; edges: unknown[] };

/** The workflow, from the rows read with the session when the request named it (middleware/preload.ts). */
export async function getWorkflow(db: Database, id: string, preloaded?: Preloaded): Promise<WorkflowRow> {
  const row = preloaded?.workflow?.id === id ? preloaded.workflow.row : await db.select().from(schema.workflows).where(eq(schema.workflows.id, id)).get();
  if (!row) throw notFound("Workflow");
  return row;
}

export async function getVersion(db: Database, workflowId: string, version: number) {
  return db
    .select()
    .from(schema.workflowVersions)
    .where(and(eq(schema.workflowVersions.workflowId, workflowId), eq(schema.workflowVersions.version, version)))
    .get();
}

export async function listVersions(db: Database, workflowId: string, preloaded?: Preloaded) {
  if (preloaded?.workflow?.id === workflowId) return preloaded.workflow.versions;
  return db
    .select({ version: schema.workflowVersions.version, publishedAt: schema.workflowVersions.publishedAt, publishedBy: schema.workflowVersions.publishedBy })
    .from(schema.workflowVersions)
    .where(eq(schema.workflowVersions.workflowId, workflowId))
    .orderBy(desc(schema.workflowVersions.version));
}

export function triggerOf(def: DefinitionLike | null | undefined) {
  return def?.nodes?.find((n) => typeof n?.type === "string" && n.type.startsWith("trigger.")) ?? null;
}

const CRM_LABEL: Record<string, string> = { "trigger.hubspot": "HubSpot", "trigger.salesforce": "Salesforce", "trigger.notion": "Notion" };

/** A one-line description of what starts the workflow, for lists. */
export function triggerSummary(def: DefinitionLike | null | undefined): { type: string | null; summary: string } {
  const t = triggerOf(def);
  if (!t) return { type: null, summary: "No trigger yet" };
  const c = (t.config ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join(", ") : "any stage");
  switch (t.type) {
    case "trigger.hubspot":
      return { type: t.type, summary: `HubSpot deal reaches ${list(Array.isArray(c.stageIds) ? c.stageIds.map(hubspotStageLabel) : c.stageIds)}${c.pipelineId ? ` in pipeline ${c.pipelineId}` : ""}` };
    case "trigger.salesforce":
      return { type: t.type, summary: `Salesforce opportunity reaches ${list(c.stages)}` };
    case "trigger.notion":
      return {
        type: t.type,
        summary: c.event === "status_changed" ? `Notion ${c.statusProperty ?? "status"} changes to ${list(c.values)}` : "Notion page created in database",
      };
    default:
      return { type: t.type, summary: CRM_LABEL[t.type] ?? t.type };
  }
}

/** Live run counts by status for the given workflows, in one grouped query. */
export async function runCounts(db: Database, workflowIds: string[]) {
  const empty = () => ({ total: 0, running: 0, paused: 0, completed: 0, failed: 0, cancelled: 0 });
  const out = new Map<string, ReturnType<typeof empty>>(workflowIds.map((id) => [id, empty()]));
  if (workflowIds.length === 0) return out;
  const rows = await db
    .select({ workflowId: schema.runs.workflowId, status: schema.runs.status, n: sql<number>`count(*)`, last: sql<string>`max(${schema.runs.startedAt})` })
    .from(schema.runs)
    .where(and(eq(schema.runs.mode, "live"), sql`${schema.runs.workflowId} IN (${sql.join(workflowIds.map((id) => sql`${id}`), sql`, `)})`))
    .groupBy(schema.runs.workflowId, schema.runs.status);
  const last = new Map<string, string>();
  for (const r of rows) {
    const c = out.get(r.workflowId)!;
    c[r.status] = Number(r.n);
    c.total += Number(r.n);
    if (!last.has(r.workflowId) || r.last > last.get(r.workflowId)!) last.set(r.workflowId, r.last);
  }
  return new Map([...out].map(([id, c]) => [id, { ...c, lastRunAt: last.get(id) ?? null }]));
}
