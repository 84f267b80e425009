/**
 * `POST /webhooks/hubspot/:connectorId`: verify the v3 signature over the raw body, then parse the
 * batch, then dedupe and dispatch each event. Answers 200 within a few database writes; a batch
 * that could not be decided (HubSpot itself was unreachable while checking a deal) gets a 503, so
 * HubSpot delivers it again and the events already handled come back as duplicates.
 */
import type { Database } from "../db/client";
import { dispatchEvents, type DispatchEnv } from "../crm/dispatch";
import { logRejected } from "../crm/event-log";
import { withReceiverConnector } from "../crm/receiver-connector";
import { jsonError, publicUrls, readBody } from "./common";
import { HubspotBatch, hubspotEvents } from "./hubspot-events";
import { verifyHubspot } from "./signatures";

const answers = {
  notFound: () => jsonError(404, "not_found", "No HubSpot connector at this address."),
  unavailable: (message: string) => jsonError(503, "connector_unavailable", message),
};

export async function receiveHubspot(env: DispatchEnv & { APP_URL?: string }, db: Database, connectorId: string, req: Request): Promise<Response> {
  const body = await readBody(req);
  if (body === null) return jsonError(413, "payload_too_large", "The request body is too large.");
  return withReceiverConnector(env, db, connectorId, "hubspot", answers, async (connector, beforeRefusing) => {
    const check = await verifyHubspot({
      clientSecret: String(connector.credentials.clientSecret ?? ""),
      method: req.method,
      urls: publicUrls(req, env.APP_URL),
      body,
      signature: req.headers.get("x-hubspot-signature-v3"),
      timestamp: req.headers.get("x-hubspot-request-timestamp"),
    });
    if (!check.ok) {
      // The secret may have been rotated since this connector was read: refuse only on a fresh read.
      beforeRefusing();
      await logRejected(db, connectorId, { type: check.code, reason: check.message, body });
      return jsonError(401, check.code, check.message);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      await logRejected(db, connectorId, { type: "malformed_json", reason: "The signed body is not valid JSON.", body, verified: true });
      return jsonError(400, "malformed_json", "The request body is not valid JSON.");
    }
    const batch = HubspotBatch.safeParse(Array.isArray(parsed) ? parsed : [parsed]);
    if (!batch.success) {
      await logRejected(db, connectorId, { type: "malformed_batch", reason: "The body is not a batch of HubSpot webhook events.", body, verified: true });
      return jsonError(400, "malformed_batch", "The body is not a batch of HubSpot webhook events.");
    }
    const events = hubspotEvents(batch.data, connectorId, connector.settings);
    const { results, retryLater } = await dispatchEvents(env, db, connector, events, { onlyIfUnchanged: true });
    if (retryLater) return jsonError(503, "retry_later", retryLater);
    return Response.json({ ok: true, events: results });
  });
}
