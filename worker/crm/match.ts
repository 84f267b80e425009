/**
 * Which workflows an event concerns: the active and paused workflows whose published trigger uses
 * the connector (found by the `triggerConnectorId` index), what facts their triggers need, and why
 * one did not match — in words for the event log. The match itself is `triggerMatches` from the
 * engine, so the builder, the test panel and live events agree.
 */
import { and, eq, inArray, sql, type Placeholder } from "drizzle-orm";
import { hot, schema, type Database } from "../db/client";
import { triggerOf } from "../db/queries/workflows";
import type { NormalizedEvent } from "../../durable/triggers";
import type { Definition } from "../../durable/graph";
import { notionProperties, type ConnectorSettings } from "./settings";
import type { EnrichNeed } from "./types";

export interface Candidate {
  id: string;
  name: string;
  status: "active" | "paused";
  reenroll: boolean;
  version: number;
  definition: Definition;
  trigger: { type: string; config: Record<string, unknown> };
}

/** The query behind `candidatesFor`. */
function candidatesQuery(db: Database, connectorId: string | Placeholder) {
  const w = schema.workflows;
  const v = schema.workflowVersions;
  return db
    .select({ w, definition: v.definition })
    .from(w)
    .innerJoin(v, and(eq(v.workflowId, w.id), eq(v.version, w.publishedVersion)))
    .where(and(eq(w.triggerConnectorId, connectorId), inArray(w.status, ["active", "paused"])));
}

/** Built once per isolate: it runs on every webhook delivery. */
const CANDIDATES = hot((db) => candidatesQuery(db, sql.placeholder("connectorId")));

/** The candidates' read as a statement, for callers that batch it with a write (one D1 round trip). */
export function candidatesStatement(db: Database, connectorId: string) {
  return { statement: CANDIDATES.statement(db.$client, { connectorId }), rows: CANDIDATES.rows };
}

export function toCandidates(rows: Awaited<ReturnType<typeof candidatesQuery>>): Candidate[] {
  const out: Candidate[] = [];
  for (const r of rows) {
    const t = triggerOf(r.definition as Definition);
    if (!t) continue;
    out.push({
      id: r.w.id,
      name: r.w.name,
      status: r.w.status as "active" | "paused",
      reenroll: r.w.reenroll,
      version: r.w.publishedVersion!,
      definition: r.definition as Definition,
      trigger: { type: t.type, config: (t.config ?? {}) as Record<string, unknown> },
    });
  }
  return out;
}

/** Active and paused workflows whose published version is triggered through this connector. */
export async function candidatesFor(db: Database, connectorId: string): Promise<Candidate[]> {
  const { statement, rows } = candidatesStatement(db, connectorId);
  return toCandidates(rows(await statement.all()));
}

const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
const quoteList = (v: unknown) => list(v).map((s) => `“${s}”`).join(", ") || "none";

/** The facts this trigger asks about that the event does not carry yet. */
export function needsFor(c: Candidate, event: NormalizedEvent, settings: ConnectorSettings): EnrichNeed {
  const cfg = c.trigger.config;
  if (event.kind === "hubspot") {
    return { stage: event.stageId === null, pipeline: typeof cfg.pipelineId === "string" && event.pipelineId === null };
  }
  if (event.kind === "notion") {
    const need: EnrichNeed = {};
    if (list(cfg.values).length && event.status === undefined) {
      need.statusProperty = typeof cfg.statusProperty === "string" && cfg.statusProperty ? cfg.statusProperty : notionProperties(settings).status;
    }
    if (cfg.event === "status_changed" && typeof cfg.statusProperty === "string" && event.updatedProperties?.length) need.propertyNames = true;
    return need;
  }
  return {};
}

/** Why `event` does not start `c` — only called after `triggerMatches` said no. */
export function mismatchReason(c: Candidate, event: NormalizedEvent): string {
  const cfg = c.trigger.config;
  if (event.kind === "hubspot") {
    if (event.stageId === null) return "the deal's stage is not known";
    if (!list(cfg.stageIds).some((s) => s.trim().toLowerCase() === event.stageId!.toLowerCase())) {
      return `stage “${event.stageId}” is not a trigger stage (${quoteList(cfg.stageIds)})`;
    }
    return `the deal is in pipeline “${event.pipelineId ?? "unknown"}”, not “${String(cfg.pipelineId)}”`;
  }
  if (event.kind === "salesforce") return `stage “${event.stage ?? "unknown"}” is not a trigger stage (${quoteList(cfg.stages)})`;
  if (event.kind === "notion") {
    if (cfg.event === "page.created" && event.type !== "page.created") return `a ${event.type} event; the trigger waits for new pages`;
    if (cfg.event === "status_changed" && event.type !== "page.properties_updated") return `a ${event.type} event; the trigger waits for status changes`;
    if (list(cfg.values).length && !list(cfg.values).some((v) => v.trim().toLowerCase() === (event.status ?? "").trim().toLowerCase())) {
      return `status “${event.status ?? "empty"}” is not one of ${quoteList(cfg.values)}`;
    }
    if (cfg.event === "status_changed" && event.updatedProperties?.length) return "the change did not touch the trigger's status property";
    return "the page is in another database";
  }
  return "the event does not fit the trigger";
}
