import { asc, eq } from "drizzle-orm";
import { createDb, schema, type Database } from "../../worker/db/client";
import { adapterFor, loadConnector, openConnector, type OpenConnector } from "../../worker/crm/connector";
import { CrmError } from "../../worker/crm/errors";
import type { CrmAdapter } from "../../worker/crm/types";
import { NodeError, type Deal, type NodeServices } from "../types";
import type { RunEnv } from "../env";
import type { ServiceScope } from "../services";

/**
 * A CRM failure as a step failure: 429 and 5xx (and no answer) retry through the engine's backoff,
 * honouring Retry-After; 401 fails at once with "reconnect the connector"; 404 fails at once.
 */
export function toNodeError(e: unknown): NodeError {
  if (e instanceof NodeError) return e;
  if (e instanceof CrmError) return new NodeError(e.message, `crm_${e.kind}`, e.retryable, e.retryAfterMs);
  return new NodeError(`The CRM call failed unexpectedly: ${(e as Error)?.message ?? String(e)}`, "crm_error", true);
}

/** A deal fetched by a run remembers its connector, so a later write-back goes to the same CRM account. */
type DealWithConnector = Deal & { connectorId?: string };

async function openFromD1(env: RunEnv, db: Database, connectorId: string): Promise<OpenConnector> {
  const row = await loadConnector(db, connectorId);
  if (!row) throw new NodeError("The workflow's connector no longer exists: choose another one in the trigger and publish again.", "connector_missing", false);
  return openConnector(env, row);
}

/** The connector's adapter: the one the run was handed at its start, else opened from D1. */
async function connectorAdapter(env: RunEnv, db: Database, connectorId: string, handed?: OpenConnector | null): Promise<CrmAdapter> {
  try {
    return adapterFor(handed ?? (await openFromD1(env, db, connectorId)));
  } catch (e) {
    throw toNodeError(e);
  }
}

/** The connector to write a deal back through: the one it was read from, else the workflow's trigger connector. */
async function connectorForDeal(db: Database, deal: DealWithConnector, workflowId: string): Promise<string | null> {
  if (deal.connectorId) return deal.connectorId;
  const w = await db.select({ id: schema.workflows.triggerConnectorId }).from(schema.workflows).where(eq(schema.workflows.id, workflowId)).get();
  if (w?.id) return w.id;
  const kind = deal.source as "hubspot" | "salesforce" | "notion";
  const c = await db.select({ id: schema.connectors.id }).from(schema.connectors).where(eq(schema.connectors.kind, kind)).orderBy(asc(schema.connectors.createdAt)).get();
  return c?.id ?? null;
}

/**
 * CRM calls for the extract and update nodes, through the connector's adapter. Reads happen in test
 * runs too (the test panel may fetch a real record); writes in test runs are only described.
 */
export function createCrmService(env: RunEnv, scope: Pick<ServiceScope, "mode" | "workflowId" | "takeConnector">): NodeServices["crm"] {
  const db = createDb(env.DB);
  return {
    async fetchDeal(trigger, connectorId) {
      if (!connectorId) throw new NodeError("The workflow's trigger has no connector, so there is no CRM to read the record from.", "no_connector", false);
      const adapter = await connectorAdapter(env, db, connectorId, scope.takeConnector?.(connectorId));
      const id = adapter.recordId(trigger);
      if (!id) throw new NodeError("The trigger event does not name a CRM record to fetch.", "no_record", false);
      try {
        const deal: DealWithConnector = { ...(await adapter.fetchDeal(id, trigger)), connectorId };
        return deal;
      } catch (e) {
        throw toNodeError(e);
      }
    },
    async update(deal, properties) {
      const names = Object.keys(properties).join(", ") || "nothing";
      if (scope.mode === "test") {
        return { sent: false, detail: `Would update ${deal.source} record ${deal.objectId}: ${names}` };
      }
      const connectorId = await connectorForDeal(db, deal as DealWithConnector, scope.workflowId);
      if (!connectorId) throw new NodeError(`No ${deal.source} connector exists to write the record back through.`, "connector_missing", false);
      const adapter = await connectorAdapter(env, db, connectorId);
      try {
        return { sent: true, detail: await adapter.update(deal.objectId, properties) };
      } catch (e) {
        throw toNodeError(e);
      }
    },
  };
}
