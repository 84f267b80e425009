/**
 * The connector event log, which is also how an event is processed once: the first delivery
 * claims the event key with an INSERT the unique index lets only one writer win; later deliveries
 * find the claim and are logged as duplicates.
 */
import { and, count, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { batched, schema, type Database } from "../db/client";
import { randomBytes, sha256Hex, toBase64Url } from "../lib/crypto";
import { iso } from "../lib/time";
import type { IncomingEvent } from "./types";
import { StaleConnector, type ConnectorVersion } from "./receiver-connector";
import { mirrorStatements, type RunSummary } from "../../durable/mirror";

export type EventRow = typeof schema.events.$inferSelect;

/** The reason a claim carries until its outcome is known. */
export const PROCESSING = "Processing…";
/** A claim still "processing" after this long was left by a request that died: the next delivery takes it over. */
export const STALE_CLAIM_MS = 60_000;
/** Refused deliveries logged per connector per minute; more are answered but not stored. */
export const MAX_REJECTED_PER_MINUTE = 60;

/**
 * Row ids that sort by time and then by position in the delivery, so the log lists a batch in the
 * order the CRM sent it (newest first) even though its events share a millisecond.
 */
export function eventRowId(now: number, index: number): string {
  return `evt_${now.toString(36).padStart(9, "0")}${index.toString(36).padStart(3, "0")}${toBase64Url(randomBytes(9))}`;
}

export type Claim = { claimed: true; id: string } | { claimed: false; existing: EventRow };

export interface ClaimOptions<R> {
  /**
   * A read sent in the same D1 batch (the dispatcher's candidate workflows), so the common case —
   * a new event — costs one round trip; its rows come back as `read`.
   */
  alongside?: BatchItem<"sqlite"> & PromiseLike<R>;
  /** Claim only while the connector is unchanged; otherwise throw `StaleConnector` and claim nothing. */
  expect?: ConnectorVersion;
}

/** The claim's INSERT, made conditional on the connector row when a version is expected. */
function claimInsert(db: Database, row: typeof schema.events.$inferInsert, expect?: ConnectorVersion) {
  const e = schema.events;
  if (!expect) return db.insert(e).values(row).onConflictDoNothing().returning({ id: e.id });
  // INSERT … SELECT … FROM connectors WHERE <unchanged>: no row is inserted once the connector
  // changed. The selection lists every column of `events`, in order, as drizzle requires.
  const c = schema.connectors;
  const unchanged = and(eq(c.id, row.connectorId), eq(c.updatedAt, expect.updatedAt), eq(c.credentialsEnc, expect.credentialsEnc));
  const lit = (value: string | number | null | undefined, name: string) => sql`${value ?? null}`.as(name);
  const values = db
    .select({
      id: lit(row.id, "id"),
      connectorId: lit(row.connectorId, "connector_id"),
      receivedAt: lit(row.receivedAt, "received_at"),
      eventKey: lit(row.eventKey, "event_key"),
      type: lit(row.type, "type"),
      objectId: lit(row.objectId, "object_id"),
      verified: lit(1, "verified"),
      outcome: lit("ignored", "outcome"),
      reason: lit(PROCESSING, "reason"),
      runIds: lit("[]", "run_ids"),
    })
    .from(c)
    .where(unchanged);
  return db.insert(e).select(values).onConflictDoNothing().returning({ id: e.id });
}

/** Claims an event key (exactly one concurrent delivery wins it). */
export async function claimEvent<R = never>(db: Database, connectorId: string, ev: IncomingEvent, now: number, index: number, opts: ClaimOptions<R> = {}, again = true): Promise<Claim & { read?: R }> {
  const id = eventRowId(now, index);
  const { alongside, expect } = opts;
  const insert = claimInsert(db, { id, connectorId, receivedAt: iso(now), eventKey: ev.eventKey, type: ev.type, objectId: ev.objectId, verified: true, outcome: "ignored", reason: PROCESSING, runIds: [] }, expect);
  const c = schema.connectors;
  // One round trip: the claim, then the reads that ride along (candidates; the connector's version).
  const extra = [...(alongside ? [alongside] : []), ...(expect ? [db.select({ updatedAt: c.updatedAt, credentialsEnc: c.credentialsEnc }).from(c).where(eq(c.id, connectorId))] : [])];
  const out = (extra.length ? await db.batch([insert, ...extra] as [typeof insert, ...BatchItem<"sqlite">[]]) : [await insert]) as unknown[];
  const inserted = out[0] as { id: string }[];
  const read = alongside ? (out[1] as R) : undefined;
  if (inserted.length) return { claimed: true, id, read };
  const current = expect ? (out.at(-1) as ConnectorVersion[])[0] : undefined;
  if (expect && (current?.updatedAt !== expect.updatedAt || current?.credentialsEnc !== expect.credentialsEnc)) throw new StaleConnector();
  const e = schema.events;
  const existing = await db
    .select()
    .from(e)
    .where(and(eq(e.connectorId, connectorId), eq(e.eventKey, ev.eventKey), inArray(e.outcome, ["started", "ignored"])))
    .get();
  if (!existing) {
    // The claim was released between our insert and this read: try once more.
    if (again) return claimEvent(db, connectorId, ev, now, index, { expect }, false);
    throw new Error("event claim conflicted without a claiming row");
  }
  if (existing.reason === PROCESSING && Date.parse(existing.receivedAt) < now - STALE_CLAIM_MS) {
    // Only one redelivery may take a stale claim over: the conditional update decides which.
    const taken = await db
      .update(e)
      .set({ receivedAt: iso(now), reason: PROCESSING })
      .where(and(eq(e.id, existing.id), eq(e.reason, PROCESSING), lt(e.receivedAt, iso(now - STALE_CLAIM_MS))))
      .returning({ id: e.id });
    if (taken.length) return { claimed: true, id: existing.id, read };
  }
  return { claimed: false, existing };
}

/**
 * Records an event's outcome and the runs it started. Their D1 index rows go in the same batch, so
 * they are listed by the time the CRM gets its answer without a round trip from each run object.
 */
export async function finishEvent(db: Database, id: string, outcome: "started" | "ignored", reason: string | null, runs: RunSummary[] = []) {
  const d1 = db.$client;
  const update = db.update(schema.events).set({ outcome, reason, runIds: runs.map((r) => r.id) }).where(eq(schema.events.id, id));
  await d1.batch([batched(d1, update).statement, ...runs.flatMap((r) => mirrorStatements.run(d1, r))]);
}

/** Gives a claim back, so the CRM's redelivery is processed afresh. */
export async function releaseEvent(db: Database, id: string) {
  await db.delete(schema.events).where(and(eq(schema.events.id, id), eq(schema.events.reason, PROCESSING)));
}

export async function logDuplicate(db: Database, connectorId: string, ev: IncomingEvent, existing: EventRow, now: number, index: number) {
  const first = existing.reason === PROCESSING ? "is being processed" : `was received at ${existing.receivedAt} (${existing.outcome})`;
  const row = {
    id: eventRowId(now, index),
    connectorId,
    receivedAt: iso(now),
    eventKey: ev.eventKey,
    type: ev.type,
    objectId: ev.objectId,
    verified: true,
    outcome: "duplicate" as const,
    reason: `The same event ${first}; nothing was started again.`,
    runIds: [],
  };
  await db.insert(schema.events).values(row);
  return row;
}

/**
 * Logs a delivery we refused (bad signature, wrong organisation) or could not take yet (the CRM
 * was unreachable while we checked the record). Its key hashes the body, so repeats of one bad
 * request are recognisable without trusting anything inside it.
 */
export async function logRejected(db: Database, connectorId: string, input: { type: string; reason: string; body: string; objectId?: string | null; verified?: true; eventKey?: string }, now = Date.now()) {
  const row = {
    id: eventRowId(now, 0),
    connectorId,
    receivedAt: iso(now),
    eventKey: input.eventKey ?? `unverified:${(await sha256Hex(input.body)).slice(0, 16)}`,
    type: input.type,
    objectId: input.objectId ?? null,
    verified: input.verified ?? false,
    outcome: "rejected" as const,
    reason: input.reason,
    runIds: [],
  };
  if (!row.verified && (await rejectedBurst(db, connectorId, now))) return row;
  await db.insert(schema.events).values(row);
  return row;
}

/** Anyone who knows a webhook URL can send refused requests: past a burst, they are answered but not stored. */
async function rejectedBurst(db: Database, connectorId: string, now: number): Promise<boolean> {
  const e = schema.events;
  const recent = await db
    .select({ n: count() })
    .from(e)
    .where(and(eq(e.connectorId, connectorId), eq(e.outcome, "rejected"), gt(e.receivedAt, iso(now - 60_000))))
    .get();
  return (recent?.n ?? 0) >= MAX_REJECTED_PER_MINUTE;
}

/**
 * How stale "last event" may get. The connector page shows it to the minute; writing it on every
 * delivery would add a D1 write to each webhook for nothing anyone can see.
 */
export const LAST_EVENT_PRECISION_MS = 30_000;

/** Marks that the connector heard from its CRM, unless it was marked within the last half minute; true when it wrote. */
export async function touchConnector(db: Database, connectorId: string, now: number, lastEventAt: string | null): Promise<boolean> {
  if (lastEventAt && Date.parse(lastEventAt) > now - LAST_EVENT_PRECISION_MS) return false;
  await db.update(schema.connectors).set({ lastEventAt: iso(now) }).where(eq(schema.connectors.id, connectorId));
  return true;
}
