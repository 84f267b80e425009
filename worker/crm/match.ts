/**
 * Which workflows an event concerns: the active and paused workflows whose published trigger uses
 * the connector (found by the `triggerConnectorId` index), what facts their triggers need, and why
 * one did not match — in words for the event log. The match itself is `triggerMatches` from the
 * engine, so the builder, the test panel and live events agree.
 */
import { and, eq, inArray, sql, type Placeholder } from "drizzle-orm";
import { hot, schema, type Database } from "../db/client";
import { remember } from "../lib/bounded-map";
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

/**
 * A fingerprint of a connector's candidate set (the same rows `candidatesQuery` reads: each
 * workflow's id, status, published version, name, re-enrolment and last change). A webhook
 * receiver keeps the candidates it read, and the claim that relies on them holds only while the
 * fingerprint is unchanged (event-log.ts).
 */
export function candidatesStamp(connectorId: string | Placeholder) {
  return sql<string>`coalesce((SELECT group_concat(s, ',') FROM (SELECT w.id || ':' || w.status || ':' || w.published_version || ':' || w.updated_at || ':' || w.reenroll || ':' || w.name AS s FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.published_version WHERE w.trigger_connector_id = ${connectorId} AND w.status IN ('active', 'paused') ORDER BY w.id)), '')`;
}

/** The query behind `candidatesFor`; every row also carries the set's stamp. */
function candidatesQuery(db: Database, connectorId: string | Placeholder) {
  const w = schema.workflows;
  const v = schema.workflowVersions;
  return db
    .select({ id: w.id, name: w.name, status: w.status, reenroll: w.reenroll, publishedVersion: w.publishedVersion, definition: v.definition, stamp: candidatesStamp(connectorId) })
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

type CandidateRows = Awaited<ReturnType<typeof candidatesQuery>>;

export function toCandidates(rows: CandidateRows): Candidate[] {
  const out: Candidate[] = [];
  for (const r of rows) {
    const t = triggerOf(r.definition as Definition);
    if (!t) continue;
    out.push({
      id: r.id,
      name: r.name,
      status: r.status as "active" | "paused",
      reenroll: r.reenroll,
      version: r.publishedVersion!,
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

/** Candidate sets read by this isolate, with their stamps; few connectors exist, the bound is a guard. */
const kept = new Map<string, KeptCandidates>();
const MAX_KEPT = 200;

export interface KeptCandidates {
  stamp: string;
  candidates: Candidate[];
}

/** Converts a fresh read and keeps it for the next deliveries (no rows: the stamp of an empty set). */
export function keepCandidates(connectorId: string, rows: CandidateRows): Candidate[] {
  const candidates = toCandidates(rows);
  remember(kept, connectorId, { stamp: rows[0]?.stamp ?? "", candidates }, MAX_KEPT);
  return candidates;
}

export const keptCandidates = (connectorId: string): KeptCandidates | undefined => kept.get(connectorId);
export const forgetCandidates = (connectorId: string) => void kept.delete(connectorId);

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
