/**
 * One path for every CRM event, from a webhook or from polling: claim its key (exactly once), find
 * the workflows it concerns, match their published triggers, start at most one run per matching
 * active workflow, and log what happened. Runs are started, not run: the run object fetches the
 * record and walks the graph in its own alarm, so this stays fast.
 *
 * Two ways to decide, with the same outcomes. The long way claims the event first (with the
 * candidate workflows read in the same batch), then starts the runs, then records the outcome.
 * A webhook receiver that kept the candidates from an earlier delivery decides before writing
 * anything: one batch claims the event with its outcome and its runs' first index rows, valid
 * only while the connector and the candidate set are unchanged (else nothing is written and the
 * long way decides), then the runs start. That is one D1 round trip per delivery instead of two.
 */
import { eq } from "drizzle-orm";
import { schema, type Database } from "../db/client";
import { iso } from "../lib/time";
import { liveRunName, runIdFor, startRun } from "../lib/runs";
import { triggerMatches } from "../../durable/triggers";
import { CrmError } from "./errors";
import { claimDecided, claimEvent, finishEvent, logRejected, releaseDecided, releaseEvent, touchConnector } from "./event-log";
import { candidatesFor, candidatesStatement, forgetCandidates, keepCandidates, keptCandidates, mismatchReason, needsFor, type Candidate, type KeptCandidates } from "./match";
import { adapterFor, type OpenConnector } from "./connector";
import type { ConnectorVersion } from "./receiver-connector";
import type { CrmAdapter, IncomingEvent } from "./types";
import type { RunSummary } from "../../durable/mirror";
import type { StartInput } from "../../durable/run";
import { runSummary } from "../../durable/summary";
import { initialState } from "../../durable/engine";

export interface DispatchEnv {
  DB: D1Database;
  RUNS: DurableObjectNamespace;
  ENCRYPTION_KEY?: string;
  /**
   * Told each delivery's results once they are decided. "Send test event" listens: a receiver's
   * answer is the CRM's and need not carry them (Salesforce gets a bare SOAP Ack).
   */
  onDispatched?: (results: readonly EventResult[]) => void;
}

export interface EventResult {
  id: string;
  eventKey: string;
  outcome: "started" | "duplicate" | "ignored" | "rejected";
  reason: string | null;
  runIds: string[];
  /** The runs the record already has in workflows that therefore started none (re-enrolment off, or this event's own run): where to look instead. */
  existingRunIds: string[];
}

export interface DispatchResult {
  results: EventResult[];
  /** Set when some event could not be decided now (the CRM was unreachable): ask for redelivery. */
  retryLater: string | null;
}

const CRM_NAME = { hubspot: "HubSpot", salesforce: "Salesforce", notion: "Notion" } as const;
const RECORD = { hubspot: "Deal", salesforce: "Opportunity", notion: "Page" } as const;

/** Errors that may pass (the CRM recovers, the admin fixes the token) are worth a redelivery. */
const worthRedelivery = (e: CrmError) => e.kind !== "not_found" && e.kind !== "bad_request";

export interface DispatchOptions {
  now?: number;
  /**
   * Claim events only while the connector row is as `connector` read it (a webhook receiver's kept
   * connector; see receiver-connector.ts); otherwise `StaleConnector` is thrown and nothing claimed.
   */
  onlyIfUnchanged?: boolean;
}

export async function dispatchEvents(env: DispatchEnv, db: Database, connector: OpenConnector, events: IncomingEvent[], { now = Date.now(), onlyIfUnchanged = false }: DispatchOptions = {}): Promise<DispatchResult> {
  const expect: ConnectorVersion | undefined = onlyIfUnchanged ? { updatedAt: connector.row.updatedAt, credentialsEnc: connector.row.credentialsEnc } : undefined;
  const results: EventResult[] = [];
  let retryLater: string | null = null;
  let candidates: Candidate[] | null = null;
  let adapter: CrmAdapter | null = null;
  const connectorId = connector.row.id;

  for (const [index, ev] of events.entries()) {
    const known = expect && !candidates ? keptCandidates(connectorId) : undefined;
    if (known && expect) {
      const decided = await dispatchKnown(env, db, connector, ev, known, { now, index, expect });
      if (decided) {
        results.push(decided.result);
        retryLater ??= decided.retryLater ?? null;
        continue;
      }
    }
    // The first claim carries the candidate workflows' read in the same D1 batch.
    const claim = await claimEvent(db, connectorId, ev, now, index, { alongside: candidates || !ev.event ? undefined : candidatesStatement(db, connectorId), expect });
    if (claim.read) candidates = keepCandidates(connectorId, claim.read);
    if (!claim.claimed) {
      results.push({ id: claim.duplicate.id, eventKey: ev.eventKey, outcome: "duplicate", reason: claim.duplicate.reason, runIds: [], existingRunIds: [] });
      continue;
    }
    const done = async (outcome: "started" | "ignored", reason: string | null, runs: RunSummary[] = [], existingRunIds: string[] = []) => {
      await finishEvent(db, claim.id, outcome, reason, runs);
      results.push({ id: claim.id, eventKey: ev.eventKey, outcome, reason, runIds: runs.map((r) => r.id), existingRunIds });
    };
    if (!ev.event || !ev.objectId) {
      await done("ignored", ev.ignoreReason ?? "This kind of event does not start workflows.");
      continue;
    }
    candidates ??= await candidatesFor(db, connectorId);
    if (candidates.length === 0) {
      await done("ignored", "No active workflow uses this connector.");
      continue;
    }
    try {
      const started: RunSummary[] = [];
      const reasons: string[] = [];
      const existing: string[] = [];
      for (const c of candidates) {
        let event = ev.event;
        const need = needsFor(c, event, connector.settings);
        if (need.stage || need.pipeline || need.statusProperty || need.propertyNames) {
          adapter ??= adapterFor(connector);
          event = await adapter.enrich(event, need);
        }
        const skip = whyNotStart(c, event);
        if (skip) {
          reasons.push(skip);
          continue;
        }
        const input = await liveStart(c, connector, ev);
        const start = await startRun(env, input, { indexByCaller: true, connector });
        // Only a run this call created comes back with its index row; an existing one did not start.
        if (start.summary) started.push(start.summary);
        else {
          // The id is deterministic, so the run that holds the record is the one this call would have started.
          existing.push(input.runId);
          reasons.push(alreadyRunning(c, connector, ev));
        }
      }
      await done(started.length ? "started" : "ignored", reasons.length ? reasons.join("; ") : null, started, existing);
    } catch (e) {
      if (e instanceof CrmError && !worthRedelivery(e)) {
        await done("ignored", `Could not check the record in ${CRM_NAME[connector.kind]}: ${e.message}`);
        continue;
      }
      // Undecided: give the claim back so the CRM's redelivery is processed afresh, and say why.
      await releaseEvent(db, claim.id);
      if (e instanceof CrmError && (e.kind === "auth" || e.kind === "forbidden" || e.kind === "config")) {
        // The admin has to act (new token); the connector page says so until "Test connection" passes.
        await db.update(schema.connectors).set({ status: "error", lastError: e.message, updatedAt: iso(now) }).where(eq(schema.connectors.id, connectorId));
      }
      const message = e instanceof CrmError ? e.message : `Could not start the run (${(e as Error)?.message ?? e}).`;
      retryLater = message;
      const row = await logRejected(db, connectorId, { type: ev.type, reason: `${message} Waiting for ${CRM_NAME[connector.kind]} to deliver it again.`, body: "", objectId: ev.objectId, verified: true, eventKey: ev.eventKey }, now);
      results.push({ id: row.id, eventKey: ev.eventKey, outcome: "rejected", reason: row.reason, runIds: [], existingRunIds: [] });
    }
  }
  env.onDispatched?.(results);
  if (events.length && (await touchConnector(db, connectorId, now, connector.row.lastEventAt))) connector.row.lastEventAt = iso(now);
  return { results, retryLater };
}

/** Why a matched-up candidate starts no run for this event, or null when it starts one. */
function whyNotStart(c: Candidate, event: NonNullable<IncomingEvent["event"]>): string | null {
  if (!triggerMatches(c.trigger.type, c.trigger.config, event)) return `“${c.name}”: ${mismatchReason(c, event)}`;
  if (c.status === "paused") return `“${c.name}” would start but is paused`;
  return null;
}

/**
 * A live run's start: one run object per (workflow, record), or per event with re-enrolment on,
 * so a duplicate start lands on the run that exists.
 */
async function liveStart(c: Candidate, connector: OpenConnector, ev: IncomingEvent, startedAt?: number): Promise<StartInput> {
  const objectId = ev.objectId!;
  return {
    runId: await runIdFor(liveRunName(c.id, connector.row.id, objectId, c.reenroll ? ev.eventKey : undefined)),
    workflowId: c.id,
    workflowName: c.name,
    version: c.version,
    mode: "live",
    definition: c.definition,
    trigger: ev.raw,
    deal: null,
    subject: { connector: connector.kind, objectId, name: ev.subjectName ?? null },
    ...(startedAt === undefined ? {} : { startedAt }),
  };
}

/** The reason an event started nothing in a workflow whose run for the record already exists. */
const alreadyRunning = (c: Candidate, connector: OpenConnector, ev: IncomingEvent) =>
  `“${c.name}”: ${RECORD[connector.kind]} ${ev.objectId} already has a run of this workflow${c.reenroll ? " from this event" : " (re-enrolment is off)"}`;

/**
 * An event decided from the candidates this isolate kept, before anything is written: one D1
 * round trip claims it with its outcome and writes its runs' first index rows, then the runs start.
 * Returns null when the long way must decide it instead: a trigger needs the CRM asked first (that
 * waits until the event is claimed), or the candidates changed since they were kept.
 */
async function dispatchKnown(
  env: DispatchEnv,
  db: Database,
  connector: OpenConnector,
  ev: IncomingEvent,
  known: KeptCandidates,
  { now, index, expect }: { now: number; index: number; expect: ConnectorVersion },
): Promise<{ result: EventResult; retryLater?: string } | null> {
  const connectorId = connector.row.id;
  const event = ev.event;
  if (!event || !ev.objectId) return null;
  const { candidates } = known;
  for (const c of candidates) {
    const need = needsFor(c, event, connector.settings);
    if (need.stage || need.pipeline || need.statusProperty || need.propertyNames) return null;
  }
  const reasons: string[] = [];
  const plans: { c: Candidate; input: StartInput; summary: RunSummary }[] = [];
  if (candidates.length === 0) reasons.push("No active workflow uses this connector.");
  for (const c of candidates) {
    const skip = whyNotStart(c, event);
    if (skip) {
      reasons.push(skip);
      continue;
    }
    const input = await liveStart(c, connector, ev, now);
    const { definition, trigger, deal, startedAt, ...header } = input;
    // The row the run object itself would write first (seq 1), so its later ones replace it.
    const summary = runSummary({ ...header, startedAt: now, endedAt: null, seq: 1 }, initialState({ trigger: trigger ?? null, deal: deal ?? null, steps: {} }), definition);
    plans.push({ c, input, summary });
  }
  const outcome = plans.length ? "started" : "ignored";
  const reason = reasons.length ? reasons.join("; ") : null;
  const claim = await claimDecided(db, connectorId, ev, now, index, { expect, stamp: known.stamp, outcome, reason, runs: plans.map((p) => p.summary) });
  if (claim === "stale") {
    forgetCandidates(connectorId);
    return null;
  }
  if (!claim.claimed) return { result: { id: claim.duplicate.id, eventKey: ev.eventKey, outcome: "duplicate", reason: claim.duplicate.reason, runIds: [], existingRunIds: [] } };
  const started: string[] = [];
  const existing: string[] = [];
  try {
    for (const p of plans) {
      const start = await startRun(env, p.input, { connector });
      if (start.created) started.push(p.input.runId);
      else {
        existing.push(p.input.runId);
        reasons.push(alreadyRunning(p.c, connector, ev));
      }
    }
  } catch (e) {
    // Undecided after all: give the claim back so the CRM's redelivery is processed afresh.
    await releaseDecided(db, claim.id, plans.map((p) => p.input.runId));
    const message = `Could not start the run (${(e as Error)?.message ?? e}).`;
    const row = await logRejected(db, connectorId, { type: ev.type, reason: `${message} Waiting for ${CRM_NAME[connector.kind]} to deliver it again.`, body: "", objectId: ev.objectId, verified: true, eventKey: ev.eventKey }, now);
    return { result: { id: row.id, eventKey: ev.eventKey, outcome: "rejected", reason: row.reason, runIds: [], existingRunIds: [] }, retryLater: message };
  }
  const finalReason = reasons.length ? reasons.join("; ") : null;
  // A record that already had its run: the log says so instead of "started" (rare: the same deal again).
  if (existing.length) await finishEvent(db, claim.id, started.length ? "started" : "ignored", finalReason, [], started);
  return { result: { id: claim.id, eventKey: ev.eventKey, outcome: started.length ? "started" : "ignored", reason: finalReason, runIds: started, existingRunIds: existing } };
}
