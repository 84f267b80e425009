/**
 * The connector event log, which is also how an event is processed once: the first delivery
 * claims the event key with an INSERT the unique index lets only one writer win; later deliveries
 * find the claim and are logged as duplicates.
 */
import { and, count, eq, exists, getTableColumns, gt, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { hot, schema, type Database } from "../db/client";
import { randomBytes, sha256Hex, toBase64Url } from "../lib/crypto";
import { iso } from "../lib/time";
import type { IncomingEvent } from "./types";
import { StaleConnector, type ConnectorVersion } from "./receiver-connector";
import { mirrorStatements, runStatementIfClaimed, type RunSummary } from "../../durable/mirror";
import { candidatesStamp } from "./match";

export type EventRow = typeof schema.events.$inferSelect;

/** A run an event started, named by its workflow: a run id alone says nothing to an admin. */
export interface StartedRun {
  id: string;
  workflowId: string;
  workflowName: string;
}

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

/** A delivery's claim: won, or lost to an earlier delivery of the same event (logged as a duplicate). */
export type Claim = { claimed: true; id: string } | { claimed: false; duplicate: { id: string; reason: string | null } };

/** A statement sent in the claim's D1 batch, with the mapping of its answer to rows. */
export interface Alongside<R> {
  statement: D1PreparedStatement;
  rows: (result: D1Result) => R;
}

export interface ClaimOptions<R> {
  /**
   * A read sent in the same D1 batch (the dispatcher's candidate workflows), so the common case —
   * a new event — costs one round trip; its rows come back as `read`.
   */
  alongside?: Alongside<R>;
  /** Claim only while the connector is unchanged; otherwise throw `StaleConnector` and claim nothing. */
  expect?: ConnectorVersion;
}

const e = schema.events;
const c = schema.connectors;
const ph = (name: string) => sql.placeholder(name);
const lit = (name: string, column: string) => sql`${ph(name)}`.as(column);

/** The connector row as the delivery read it (secret and settings unchanged since). */
const connectorUnchanged = () => and(eq(c.id, ph("connectorId")), eq(c.updatedAt, ph("updatedAt")), eq(c.credentialsEnc, ph("credentialsEnc")));

/**
 * The claim's INSERT. Conditional on the connector row when a version is expected: INSERT …
 * SELECT … FROM connectors WHERE <unchanged> inserts nothing once the connector changed. The
 * selection lists every column of `events`, in order, as drizzle requires. Hot queries: the
 * webhook path builds no SQL per delivery.
 */
const CLAIM = hot((db) => db.insert(e).values({ id: ph("id"), connectorId: ph("connectorId"), receivedAt: ph("now"), eventKey: ph("eventKey"), type: ph("type"), objectId: ph("objectId"), verified: sql`1`, outcome: "ignored", reason: PROCESSING, runIds: sql`'[]'` }).onConflictDoNothing().returning({ id: e.id }));
const CLAIM_IF_UNCHANGED = hot((db) =>
  db
    .insert(e)
    .select(
      db
        .select({ id: lit("id", "id"), connectorId: lit("connectorId", "connector_id"), receivedAt: lit("now", "received_at"), eventKey: lit("eventKey", "event_key"), type: lit("type", "type"), objectId: lit("objectId", "object_id"), verified: sql`1`.as("verified"), outcome: sql`'ignored'`.as("outcome"), reason: sql`${PROCESSING}`.as("reason"), runIds: sql`'[]'`.as("run_ids") })
        .from(c)
        .where(connectorUnchanged()),
    )
    .onConflictDoNothing()
    .returning({ id: e.id }),
);

/**
 * Right after the claim, in the same batch: when the claim lost to an earlier delivery that
 * finished (or is still being processed, but not abandoned), this logs the redelivery as a
 * duplicate naming the first one — so a repeat costs one round trip like a new event. It inserts
 * nothing when the claim won (the only claiming row is ours), when the connector changed, or when
 * the earlier claim is stale and may be taken over; `claimEvent` then decides with more reads.
 */
const ex = alias(schema.events, "ex");
const duplicateOf = (conditional: boolean) =>
  hot((db) =>
    db
      .insert(e)
      .select(
        db
          .select({
            id: lit("duplicateId", "id"),
            connectorId: lit("connectorId", "connector_id"),
            receivedAt: lit("now", "received_at"),
            eventKey: lit("eventKey", "event_key"),
            type: lit("type", "type"),
            objectId: lit("objectId", "object_id"),
            verified: sql`1`.as("verified"),
            outcome: sql`'duplicate'`.as("outcome"),
            reason: sql`'The same event ' || CASE WHEN ${ex.reason} = ${PROCESSING} THEN 'is being processed' ELSE 'was received at ' || ${ex.receivedAt} || ' (' || ${ex.outcome} || ')' END || '; nothing was started again.'`.as("reason"),
            runIds: sql`'[]'`.as("run_ids"),
          })
          .from(ex)
          .where(
            and(
              eq(ex.connectorId, ph("connectorId")),
              eq(ex.eventKey, ph("eventKey")),
              inArray(ex.outcome, ["started", "ignored"]),
              ne(ex.id, ph("id")),
              sql`NOT (coalesce(${ex.reason}, '') = ${PROCESSING} AND ${ex.receivedAt} < ${ph("staleBefore")})`,
              conditional ? exists(db.select({ one: sql`1` }).from(c).where(connectorUnchanged())) : undefined,
            ),
          ),
      )
      .returning({ id: e.id, reason: e.reason }),
  );
const DUPLICATE = duplicateOf(false);
const DUPLICATE_IF_UNCHANGED = duplicateOf(true);
const CONNECTOR_VERSION = hot((db) => db.select({ updatedAt: c.updatedAt, credentialsEnc: c.credentialsEnc }).from(c).where(eq(c.id, ph("connectorId"))));

/**
 * Claims an event key (exactly one concurrent delivery wins it). One D1 round trip in the common
 * cases, a new event or a repeat of a decided one: the claim, the duplicate log, and the reads
 * that ride along (candidates; the connector's version) go in one batch.
 */
export async function claimEvent<R = never>(db: Database, connectorId: string, ev: IncomingEvent, now: number, index: number, opts: ClaimOptions<R> = {}, again = true): Promise<Claim & { read?: R }> {
  const id = eventRowId(now, index);
  const { alongside, expect } = opts;
  const d1 = db.$client;
  const values = { id, duplicateId: eventRowId(now, index), connectorId, now: iso(now), eventKey: ev.eventKey, type: ev.type, objectId: ev.objectId, staleBefore: iso(now - STALE_CLAIM_MS), updatedAt: expect?.updatedAt, credentialsEnc: expect?.credentialsEnc };
  const claim = expect ? CLAIM_IF_UNCHANGED : CLAIM;
  const duplicate = expect ? DUPLICATE_IF_UNCHANGED : DUPLICATE;
  const out = await d1.batch([
    claim.statement(d1, values),
    duplicate.statement(d1, values),
    ...(alongside ? [alongside.statement] : []),
    ...(expect ? [CONNECTOR_VERSION.statement(d1, values)] : []),
  ]);
  const read = alongside ? alongside.rows(out[2]) : undefined;
  if (claim.rows(out[0]).length) return { claimed: true, id, read };
  const [logged] = duplicate.rows(out[1]);
  if (logged) return { claimed: false, duplicate: logged, read };
  if (expect) {
    const [current] = CONNECTOR_VERSION.rows(out.at(-1)!);
    if (current?.updatedAt !== expect.updatedAt || current?.credentialsEnc !== expect.credentialsEnc) throw new StaleConnector();
  }
  // Rare: the earlier claim was abandoned (take it over), or released between our two statements.
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
  const row = await logDuplicate(db, connectorId, ev, existing, now, index);
  return { claimed: false, duplicate: row, read };
}

/**
 * A claim made with its outcome already decided, from candidates the receiver kept: it holds only
 * while the connector and the candidate set are as they were read (`candidatesStamp`).
 */
const CLAIM_DECIDED = hot((db) =>
  db
    .insert(e)
    .select(
      db
        .select({ id: lit("id", "id"), connectorId: lit("connectorId", "connector_id"), receivedAt: lit("now", "received_at"), eventKey: lit("eventKey", "event_key"), type: lit("type", "type"), objectId: lit("objectId", "object_id"), verified: sql`1`.as("verified"), outcome: lit("outcome", "outcome"), reason: lit("reason", "reason"), runIds: lit("runIds", "run_ids") })
        .from(c)
        .where(and(connectorUnchanged(), sql`${candidatesStamp(ph("connectorId"))} = ${ph("stamp")}`)),
    )
    .onConflictDoNothing()
    .returning({ id: e.id }),
);

export interface Decided {
  /** The connector as the receiver read it, and the stamp of the candidates it decided with. */
  expect: ConnectorVersion;
  stamp: string;
  outcome: "started" | "ignored";
  reason: string | null;
  /** The runs it will start: their first index rows are written with the claim, if it wins. */
  runs: RunSummary[];
}

/**
 * Claims an event and records its outcome and its runs' first index rows in one round trip (a
 * repeat is logged as a duplicate in the same batch). `stale` means the candidate set changed (or
 * an abandoned claim is in the way): nothing was written, decide again the long way.
 */
export async function claimDecided(db: Database, connectorId: string, ev: IncomingEvent, now: number, index: number, d: Decided): Promise<Claim | "stale"> {
  const id = eventRowId(now, index);
  const d1 = db.$client;
  const values = { id, duplicateId: eventRowId(now, index), connectorId, now: iso(now), eventKey: ev.eventKey, type: ev.type, objectId: ev.objectId, staleBefore: iso(now - STALE_CLAIM_MS), updatedAt: d.expect.updatedAt, credentialsEnc: d.expect.credentialsEnc, stamp: d.stamp, outcome: d.outcome, reason: d.reason, runIds: JSON.stringify(d.runs.map((r) => r.id)) };
  const out = await d1.batch([
    CLAIM_DECIDED.statement(d1, values),
    DUPLICATE_IF_UNCHANGED.statement(d1, values),
    CONNECTOR_VERSION.statement(d1, values),
    ...d.runs.map((r) => runStatementIfClaimed(d1, r, id)),
  ]);
  if (CLAIM_DECIDED.rows(out[0]).length) return { claimed: true, id };
  const [logged] = DUPLICATE_IF_UNCHANGED.rows(out[1]);
  if (logged) return { claimed: false, duplicate: logged };
  const [current] = CONNECTOR_VERSION.rows(out[2]);
  if (current?.updatedAt !== d.expect.updatedAt || current?.credentialsEnc !== d.expect.credentialsEnc) throw new StaleConnector();
  return "stale";
}

/**
 * Takes back a decided claim whose runs could not be started, so the CRM's redelivery is processed
 * afresh: its log row, and the first index rows it wrote (a run object that did start after all
 * mirrors its own, later, row again).
 */
export async function releaseDecided(db: Database, id: string, runIds: string[]) {
  const d1 = db.$client;
  await d1.batch([d1.prepare("DELETE FROM events WHERE id = ?1").bind(id), ...runIds.map((r) => d1.prepare("DELETE FROM runs WHERE id = ?1 AND seq = 1").bind(r))]);
}

const FINISH = hot((db) => db.update(e).set({ outcome: sql`${ph("outcome")}`, reason: sql`${ph("reason")}`, runIds: sql`${ph("runIds")}` }).where(eq(e.id, ph("id"))));

/**
 * Records an event's outcome and the runs it started. Their D1 index rows go in the same batch, so
 * they are listed by the time the CRM gets its answer without a round trip from each run object.
 */
export async function finishEvent(db: Database, id: string, outcome: "started" | "ignored", reason: string | null, runs: RunSummary[] = [], runIds = runs.map((r) => r.id)) {
  const d1 = db.$client;
  const update = FINISH.statement(d1, { id, outcome, reason, runIds: JSON.stringify(runIds) });
  await d1.batch([update, ...runs.flatMap((r) => mirrorStatements.run(d1, r))]);
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

/**
 * Each event's started runs with their workflow's name, read in the same query as the log rows: a
 * subquery joins the row's run ids to the runs index (by primary key), so a page of the log costs
 * one query however many runs it names. A run without an index row is left out (the id still is in `runIds`).
 */
const STARTED_RUNS = sql<string>`(SELECT json_group_array(json_object('id', r.id, 'workflowId', r.workflow_id, 'workflowName', r.workflow_name)) FROM json_each(${schema.events.runIds}) AS j JOIN runs AS r ON r.id = j.value)`;

/** Log rows matching `where`, newest first, each with the runs it started (`startedRuns`, in `runIds` order). */
export async function eventsWithRuns(db: Database, where: SQL | undefined, limit?: number): Promise<(EventRow & { startedRuns: StartedRun[] })[]> {
  const e = schema.events;
  // Row ids sort by arrival (see eventRowId), so one key orders the log newest first.
  const query = db.select({ ...getTableColumns(e), startedRuns: STARTED_RUNS }).from(e).where(where).orderBy(sql`${e.id} DESC`);
  const rows = await (limit === undefined ? query : query.limit(limit));
  return rows.map((r) => {
    const named = new Map((JSON.parse(r.startedRuns ?? "[]") as StartedRun[]).map((run) => [run.id, run]));
    return { ...r, startedRuns: (r.runIds ?? []).flatMap((id) => named.get(id) ?? []) };
  });
}
