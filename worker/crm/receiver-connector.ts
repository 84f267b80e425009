/**
 * The connector a webhook delivery is checked against, kept open in the isolate between
 * deliveries so that most of them skip reading and decrypting it. A kept connector may be stale
 * (secret rotated, settings edited, connector deleted), so it is only ever trusted to *accept*:
 * - the event claim that follows is conditional on the row being unchanged (event-log.ts), so
 *   a delivery accepted with a stale secret claims nothing and is checked again from a fresh read;
 * - a receiver that would refuse a delivery (bad signature, wrong organisation, no token yet)
 *   first asks for a fresh read, so a refusal is never decided on old data.
 * Both are signalled with `StaleConnector`; the delivery is then handled again from the start.
 * (A receiver asks dispatch for the conditional claim with `onlyIfUnchanged`.)
 */
import type { Database } from "../db/client";
import { loadConnector, openConnector, type OpenConnector } from "./connector";
import type { ConnectorKind } from "./credentials";
import { CrmError } from "./errors";
import { remember } from "../lib/bounded-map";

/** Thrown while handling a delivery when the connector it was checked with must be read again. */
export class StaleConnector extends Error {
  constructor() {
    super("The connector changed while the delivery was handled.");
    this.name = "StaleConnector";
  }
}

/** Few connectors exist per workspace; the bound only guards against an unbounded map. */
const MAX_KEPT = 200;
const kept = new Map<string, OpenConnector>();

/** Fresh reads a delivery may take before giving up (each one follows a change made meanwhile). */
const MAX_FRESH_READS = 2;

export interface ReceiverAnswers {
  notFound: () => Response;
  unavailable: (message: string) => Response;
}

/**
 * Runs `handle` with the open connector `id` of `kind`: the kept one if there is one, else a
 * fresh read. The handler calls `beforeRefusing()` before it refuses a delivery: on a kept
 * connector that starts the delivery again from a fresh read, so a refusal is never decided on
 * old data.
 */
export async function withReceiverConnector(
  env: { ENCRYPTION_KEY?: string },
  db: Database,
  id: string,
  kind: ConnectorKind,
  answers: ReceiverAnswers,
  handle: (connector: OpenConnector, beforeRefusing: () => void) => Promise<Response>,
): Promise<Response> {
  let connector = kept.get(id) ?? null;
  for (let fresh = 0; ; ) {
    if (!connector) {
      fresh++;
      const row = await loadConnector(db, id);
      if (!row || row.kind !== kind) {
        kept.delete(id);
        return answers.notFound();
      }
      try {
        connector = await openConnector(env, row);
      } catch (e) {
        kept.delete(id);
        return answers.unavailable(e instanceof CrmError ? e.message : "The connector cannot be used right now.");
      }
      remember(kept, id, connector, MAX_KEPT);
    }
    try {
      // Kept, not read for this delivery: nothing may be refused on it.
      const cached = fresh === 0;
      return await handle(connector, () => {
        if (cached) throw new StaleConnector();
      });
    } catch (e) {
      if (!(e instanceof StaleConnector)) throw e;
      kept.delete(id);
      if (fresh >= MAX_FRESH_READS) return answers.unavailable("The connector was changed while this delivery was handled; deliver it again.");
      connector = null;
    }
  }
}

/** What the connector row must still hold for a delivery's claim to be taken (event-log.ts). */
export interface ConnectorVersion {
  updatedAt: string;
  credentialsEnc: string;
}
