/**
 * One path for every CRM event, from a webhook or from polling: claim its key (exactly once), find
 * the workflows it concerns, match their published triggers, start at most one run per matching
 * active workflow, and log what happened. Runs are started, not run: the run object fetches the
 * record and walks the graph in its own alarm, so this stays fast.
 */
import { eq } from "drizzle-orm";
import { schema, type Database } from "../db/client";
import { iso } from "../lib/time";
import { liveRunName, runIdFor, startRun } from "../lib/runs";
import { triggerMatches } from "../../durable/triggers";
import { CrmError } from "./errors";
import { claimEvent, finishEvent, logRejected, releaseEvent, touchConnector } from "./event-log";
import { candidatesFor, candidatesStatement, mismatchReason, needsFor, toCandidates, type Candidate } from "./match";
import { adapterFor, type OpenConnector } from "./connector";
import type { ConnectorVersion } from "./receiver-connector";
import type { CrmAdapter, IncomingEvent } from "./types";
import type { RunSummary } from "../../durable/mirror";

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
    // The first claim carries the candidate workflows' read in the same D1 batch.
    const claim = await claimEvent(db, connectorId, ev, now, index, { alongside: candidates || !ev.event ? undefined : candidatesStatement(db, connectorId), expect });
    if (claim.claimed && claim.read) candidates = toCandidates(claim.read);
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
        if (!triggerMatches(c.trigger.type, c.trigger.config, event)) {
          reasons.push(`“${c.name}”: ${mismatchReason(c, event)}`);
          continue;
        }
        if (c.status === "paused") {
          reasons.push(`“${c.name}” would start but is paused`);
          continue;
        }
        const runId = await runIdFor(liveRunName(c.id, connectorId, ev.objectId, c.reenroll ? ev.eventKey : undefined));
        const start = await startRun(env, {
          runId,
          workflowId: c.id,
          workflowName: c.name,
          version: c.version,
          mode: "live",
          definition: c.definition,
          trigger: ev.raw,
          deal: null,
          subject: { connector: connector.kind, objectId: ev.objectId, name: ev.subjectName ?? null },
        }, { indexByCaller: true, connector });
        // Only a run this call created comes back with its index row; an existing one did not start.
        if (start.summary) started.push(start.summary);
        else {
          // The id is deterministic, so the run that holds the record is the one this call would have started.
          existing.push(runId);
          reasons.push(`“${c.name}”: ${RECORD[connector.kind]} ${ev.objectId} already has a run of this workflow${c.reenroll ? " from this event" : " (re-enrolment is off)"}`);
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
