/**
 * `POST /webhooks/notion/:connectorId`. Notion first sends a one-time, unsigned
 * `{"verification_token"}`; we keep it (encrypted) and show it to the admin, who pastes it into
 * Notion to finish the subscription. From then on every event must carry `X-Notion-Signature`, an
 * HMAC of the raw body under that token. A second, different token is refused: otherwise anyone
 * who knows the URL could replace the key and sign their own events.
 */
import { eq } from "drizzle-orm";
import { schema, type Database } from "../db/client";
import type { OpenConnector } from "../crm/connector";
import { dispatchEvents, type DispatchEnv } from "../crm/dispatch";
import { eventRowId, logRejected } from "../crm/event-log";
import { withReceiverConnector } from "../crm/receiver-connector";
import { encryptString, sha256Hex, timingSafeEqualString } from "../lib/crypto";
import { iso } from "../lib/time";
import type { NotionEvent } from "../../durable/triggers";
import type { IncomingEvent } from "../crm/types";
import { obj, str } from "../crm/normalise";
import { jsonError, readBody } from "./common";
import { verifyNotion } from "./signatures";

const STARTING_TYPES = new Set(["page.created", "page.properties_updated"]);

/** A verified Notion event → the event for dedupe and matching. */
export function notionEvent(body: Record<string, unknown>, connectorId: string): IncomingEvent | null {
  const id = str(body.id);
  const type = str(body.type);
  const pageId = str(obj(body.entity)?.id);
  if (!id || !type) return null;
  const parent = obj(obj(body.data)?.parent);
  const base = { type, objectId: pageId, raw: body };
  // A page is created once, so its key is the page; other events are keyed by Notion's event id.
  const eventKey = type === "page.created" && pageId ? `page:${pageId}:created` : `notion:${id}`;
  if (!STARTING_TYPES.has(type) || !pageId || obj(body.entity)?.type !== "page") {
    return { ...base, eventKey, event: null, ignoreReason: `Only page.created and page.properties_updated start workflows (this was ${type}).` };
  }
  const updated = obj(body.data)?.updated_properties;
  const event: NotionEvent = {
    kind: "notion",
    connectorId,
    type,
    pageId,
    databaseId: parent && (parent.type === "database" || parent.type === "data_source") ? str(parent.id) : null,
    dataSourceId: parent ? str(parent.data_source_id) : null,
    ...(Array.isArray(updated) ? { updatedProperties: updated.filter((u): u is string => typeof u === "string") } : {}),
  };
  return { ...base, eventKey, event };
}

/** The handshake: keep the first token; the same one again is fine; a different one is refused. */
async function handshake(env: { ENCRYPTION_KEY?: string }, db: Database, connector: OpenConnector, token: string, body: string): Promise<Response> {
  const { row } = connector;
  if (connector.verificationToken) {
    if (timingSafeEqualString(connector.verificationToken, token)) return Response.json({ ok: true });
    const reason = "Notion sent a new verification token, but this connector already has one. To accept a new token, reset the verification on the connector page first.";
    await logRejected(db, row.id, { type: "verification", reason, body });
    return jsonError(409, "verification_token_already_set", reason);
  }
  const now = Date.now();
  await db.update(schema.connectors).set({ verificationTokenEnc: await encryptString(env.ENCRYPTION_KEY!, token), lastEventAt: iso(now), updatedAt: iso(now) }).where(eq(schema.connectors.id, row.id));
  await db
    .insert(schema.events)
    .values({
      id: eventRowId(now, 0),
      connectorId: row.id,
      receivedAt: iso(now),
      eventKey: `verification:${(await sha256Hex(token)).slice(0, 16)}`,
      type: "verification",
      objectId: null,
      verified: false,
      outcome: "ignored",
      reason: "Notion's verification token was received. Copy it from the connector page into Notion (Webhooks → Verify) to finish the subscription.",
      runIds: [],
    })
    .onConflictDoNothing();
  return Response.json({ ok: true });
}

const answers = {
  notFound: () => jsonError(404, "not_found", "No Notion connector at this address."),
  unavailable: (message: string) => jsonError(503, "connector_unavailable", message),
};

export async function receiveNotion(env: DispatchEnv, db: Database, connectorId: string, req: Request): Promise<Response> {
  const body = await readBody(req);
  if (body === null) return jsonError(413, "payload_too_large", "The request body is too large.");
  return withReceiverConnector(env, db, connectorId, "notion", answers, async (connector, beforeRefusing) => {
    const signature = req.headers.get("x-notion-signature");
    // Only a signed event is accepted on a kept connector; the handshake (which writes the token)
    // and every refusal are decided on a fresh read (receiver-connector.ts).
    if (!signature) {
      beforeRefusing();
      // Only the handshake comes unsigned: a JSON object holding the verification token.
      let parsed: Record<string, unknown> | null = null;
      try {
        parsed = obj(JSON.parse(body));
      } catch {
        parsed = null;
      }
      const token = parsed ? str(parsed.verification_token) : null;
      // Not an event (those have a type and are signed); extra fields Notion may add later are fine.
      if (parsed && token && parsed.type === undefined) return handshake(env, db, connector, token, body);
      await logRejected(db, connectorId, { type: "signature_missing", reason: "The request has no X-Notion-Signature header.", body });
      return jsonError(401, "signature_missing", "The request has no X-Notion-Signature header.");
    }
    if (!connector.verificationToken) {
      beforeRefusing();
      const reason = "This connector has no verification token yet, so Notion's signature cannot be checked. Send the verification request from Notion first.";
      await logRejected(db, connectorId, { type: "signature_unverifiable", reason, body });
      return jsonError(401, "not_verified", reason);
    }
    const check = await verifyNotion(connector.verificationToken, body, signature);
    if (!check.ok) {
      beforeRefusing();
      await logRejected(db, connectorId, { type: check.code, reason: check.message, body });
      return jsonError(401, check.code, check.message);
    }
    let parsed: Record<string, unknown> | null;
    try {
      parsed = obj(JSON.parse(body));
    } catch {
      parsed = null;
    }
    const ev = parsed ? notionEvent(parsed, connectorId) : null;
    if (!ev) {
      await logRejected(db, connectorId, { type: "malformed_json", reason: "The signed body is not a Notion event.", body, verified: true });
      return jsonError(400, "malformed_json", "The request body is not a Notion event (JSON with id and type).");
    }
    const { results, retryLater } = await dispatchEvents(env, db, connector, [ev], { onlyIfUnchanged: true });
    if (retryLater) return jsonError(503, "retry_later", retryLater);
    return Response.json({ ok: true, events: results });
  });
}
