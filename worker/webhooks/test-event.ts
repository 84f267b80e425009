/**
 * "Send test event": builds a correctly signed sample event for a connector and hands it to the
 * connector's own webhook receiver, exactly as the CRM would deliver it (same URL, same checks).
 * It goes through the receiver in-process rather than over the network: a Worker calling its own
 * public URL is not reliable on Cloudflare, and the path through verification is identical.
 */
import { and, eq, inArray } from "drizzle-orm";
import { schema, type Database } from "../db/client";
import { hmacSha256, toHex } from "../lib/crypto";
import { candidatesFor, type Candidate } from "../crm/match";
import type { OpenConnector } from "../crm/connector";
import type { DispatchEnv, EventResult } from "../crm/dispatch";
import { SAMPLE_HUBSPOT_PORTAL_ID, SAMPLE_NOTION_DATABASE_ID, SAMPLE_RECORDS, sampleHubspotBatch, sampleNotionEvent, sampleOutboundMessage } from "../crm/samples";
import { receiveHubspot } from "./hubspot";
import { receiveNotion } from "./notion";
import { receiveSalesforce } from "./salesforce";
import { hubspotSignatureV3 } from "./signatures";

export class TestEventError extends Error {}

/** Every sample record already has a run of each active workflow, so a test event would start nothing. */
export class SamplesUsedUpError extends Error {}

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

const CRM_NAME = { hubspot: "HubSpot", salesforce: "Salesforce", notion: "Notion" } as const;

/**
 * The first sample record that some active workflow would still start a run for: one without a live
 * run of it, or any record when the workflow re-enrols. With no active workflow, the first record
 * (the delivery then says why nothing started). Throws when every record is used up.
 */
async function pickRecord(db: Database, c: OpenConnector, active: Candidate[], records: readonly string[]): Promise<string> {
  if (!active.length || active.some((w) => w.reenroll)) return records[0];
  const r = schema.runs;
  const had = await db
    .selectDistinct({ workflowId: r.workflowId, objectId: r.subjectObjectId })
    .from(r)
    .where(and(inArray(r.workflowId, active.map((w) => w.id)), eq(r.mode, "live"), eq(r.subjectConnector, c.kind), inArray(r.subjectObjectId, [...records])));
  const fresh = records.find((id) => active.some((w) => !had.some((h) => h.workflowId === w.id && h.objectId === id)));
  if (fresh) return fresh;
  const names = active.map((w) => `“${w.name}”`).join(", ");
  throw new SamplesUsedUpError(
    `Every sample record the demo ${CRM_NAME[c.kind]} serves (${records.length}) already has a run of ${names}, and re-enrolment is off, so another test event would start nothing. ` +
      "To send more, turn on “Start again for a record that already had a run” in the workflow's settings (the builder's Workflow panel, shown when no step is selected), " +
      "or try the workflow from the builder's Test panel, whose test runs have no such limit.",
  );
}

async function deliver(env: ReceiverEnv, db: Database, c: OpenConnector, url: string): Promise<Response> {
  // Shape the sample after what an active workflow on this connector waits for, so it can start.
  const active = (await candidatesFor(db, c.row.id)).filter((w) => w.status === "active");
  const t = active[0]?.trigger.config ?? {};
  if (c.kind === "hubspot") {
    const objectId = await pickRecord(db, c, active, SAMPLE_RECORDS.hubspot);
    const body = JSON.stringify(sampleHubspotBatch(first(t.stageIds) ?? "closedwon", Number(c.settings.portalId ?? SAMPLE_HUBSPOT_PORTAL_ID), objectId));
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
    const opportunityId = await pickRecord(db, c, active, SAMPLE_RECORDS.salesforce);
    const body = sampleOutboundMessage(String(c.credentials.organizationId), first(t.stages) ?? "Closed Won", opportunityId);
    return receiveSalesforce(env, db, c.row.id, new Request(url, { method: "POST", headers: { "content-type": "text/xml; charset=utf-8", soapaction: '""' }, body }));
  }
  if (!c.verificationToken) {
    throw new TestEventError("Notion has not sent its verification token to this connector yet, so a test event cannot be signed. Create the webhook subscription in Notion first.");
  }
  const type = t.event === "status_changed" ? "page.properties_updated" : "page.created";
  const databaseId = typeof t.databaseId === "string" ? t.databaseId : (c.settings.databaseId ?? SAMPLE_NOTION_DATABASE_ID);
  const pageId = await pickRecord(db, c, active, SAMPLE_RECORDS[`notion:${type}`]);
  const body = JSON.stringify(sampleNotionEvent(type, databaseId, pageId));
  const signature = `sha256=${toHex(await hmacSha256(c.verificationToken, body))}`;
  return receiveNotion(env, db, c.row.id, new Request(url, { method: "POST", headers: { "content-type": "application/json", "x-notion-signature": signature }, body }));
}
