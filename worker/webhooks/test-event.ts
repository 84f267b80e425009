/**
 * "Send test event": builds a correctly signed sample event for a connector and hands it to the
 * connector's own webhook receiver, exactly as the CRM would deliver it (same URL, same checks).
 * It goes through the receiver in-process rather than over the network: a Worker calling its own
 * public URL is not reliable on Cloudflare, and the path through verification is identical.
 */
import type { Database } from "../db/client";
import { hmacSha256, toHex } from "../lib/crypto";
import { candidatesFor } from "../crm/match";
import type { OpenConnector } from "../crm/connector";
import type { DispatchEnv, EventResult } from "../crm/dispatch";
import { SAMPLE_HUBSPOT_PORTAL_ID, SAMPLE_NOTION_DATABASE_ID, sampleHubspotBatch, sampleNotionEvent, sampleOutboundMessage } from "../crm/samples";
import { receiveHubspot } from "./hubspot";
import { receiveNotion } from "./notion";
import { receiveSalesforce } from "./salesforce";
import { hubspotSignatureV3 } from "./signatures";

export class TestEventError extends Error {}

const first = (v: unknown) => (Array.isArray(v) && typeof v[0] === "string" ? (v[0] as string) : undefined);

type ReceiverEnv = DispatchEnv & { APP_URL?: string };

/** The receiver's answer to a test event, and what dispatch decided for each event it delivered. */
export interface TestDelivery {
  response: Response;
  results: EventResult[];
}

/** Signs and delivers a sample event to `url` (the connector's webhook URL), as the CRM would. */
export async function sendTestEvent(env: ReceiverEnv, db: Database, c: OpenConnector, url: string): Promise<TestDelivery> {
  // Heard from dispatch, not read from the answer: the CRM's answer need not carry them (Salesforce's Ack).
  const decided = new Map<string, EventResult>();
  const listening: ReceiverEnv = { ...env, onDispatched: (results) => results.forEach((r) => decided.set(r.id, r)) };
  const response = await deliver(listening, db, c, url);
  return { response, results: [...decided.values()] };
}

async function deliver(env: ReceiverEnv, db: Database, c: OpenConnector, url: string): Promise<Response> {
  // Shape the sample after what an active workflow on this connector waits for, so it can start.
  const triggers = (await candidatesFor(db, c.row.id)).filter((w) => w.status === "active").map((w) => w.trigger.config);
  const t = triggers[0] ?? {};
  if (c.kind === "hubspot") {
    const body = JSON.stringify(sampleHubspotBatch(first(t.stageIds) ?? "closedwon", Number(c.settings.portalId ?? SAMPLE_HUBSPOT_PORTAL_ID)));
    const timestamp = String(Date.now());
    const signature = await hubspotSignatureV3(String(c.credentials.clientSecret), "POST", url, body, timestamp);
    const req = new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hubspot-signature-v3": signature, "x-hubspot-request-timestamp": timestamp },
      body,
    });
    return receiveHubspot(env, db, c.row.id, req);
  }
  if (c.kind === "salesforce") {
    const body = sampleOutboundMessage(String(c.credentials.organizationId), first(t.stages) ?? "Closed Won");
    return receiveSalesforce(env, db, c.row.id, new Request(url, { method: "POST", headers: { "content-type": "text/xml; charset=utf-8", soapaction: '""' }, body }));
  }
  if (!c.verificationToken) {
    throw new TestEventError("Notion has not sent its verification token to this connector yet, so a test event cannot be signed. Create the webhook subscription in Notion first.");
  }
  const type = t.event === "status_changed" ? "page.properties_updated" : "page.created";
  const databaseId = typeof t.databaseId === "string" ? t.databaseId : (c.settings.databaseId ?? SAMPLE_NOTION_DATABASE_ID);
  const body = JSON.stringify(sampleNotionEvent(type, databaseId));
  const signature = `sha256=${toHex(await hmacSha256(c.verificationToken, body))}`;
  return receiveNotion(env, db, c.row.id, new Request(url, { method: "POST", headers: { "content-type": "application/json", "x-notion-signature": signature }, body }));
}
