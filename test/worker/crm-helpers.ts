/** Helpers for the connector, webhook and polling tests: fake CRMs, signed deliveries, workflows. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call } from "./helpers";
import { createWorkflow, edge, node } from "./run-helpers";
import { newId } from "../../worker/lib/crypto";
// @ts-expect-error plain ESM: the fixtures' own signing script (test/fixtures/sign.mjs)
import { hubspotSignatureV3, notionSignature } from "../fixtures/sign.mjs";

export type Kind = "hubspot" | "salesforce" | "notion";
/** The fixtures' signing functions (test/fixtures/sign.mjs), for tests that craft headers by hand. */
export { hubspotSignatureV3, notionSignature };
export const ORG_ID = "00D5g00000KxRtUEAV";
export const DATABASE_ID = "1e9a3b5c-7d2e-8041-a6f8-e3b2c1d09a7f";
export const PAGE_ID = "1f4e5c7a-2b3d-80a9-8e61-c9d0b7a4f213";
export const CREATED_PAGE_ID = "1f4e5c7a-2b3d-8011-b3f5-7a0c9e2d4b68";
export const DEAL_ID = "24587310912";
export const OPPORTUNITY_ID = "0065g00000Bq7XkAAJ";

const e = env as unknown as Record<string, string>;
export const fakeUrl = (kind: Kind) => e[`FAKE_${kind.toUpperCase()}_URL`];

/** Calls a fake CRM's control routes (`/__fake/fail`, `/__fake/set`, …). */
export async function fake(kind: Kind, path: string, body?: unknown) {
  const res = await fetch(`${fakeUrl(kind)}/__fake/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  expect(res.status, `fake ${kind} ${path}`).toBe(200);
  return res.json() as Promise<any>;
}

/** What a connector's token sent to its fake CRM. */
export const requestsSeen = (kind: Kind, token: string) => fake(kind, `requests?token=${encodeURIComponent(token)}`);

/**
 * Credentials pointing at the fake CRM with a token of their own: the fake keeps one copy of its
 * fixture world per token, so tests running side by side never see each other's changes.
 */
export function credentialsFor(kind: Kind, token = `tok-${newId()}`) {
  if (kind === "hubspot") return { token, credentials: { accessToken: token, clientSecret: `secret-${token}`, apiBaseUrl: fakeUrl(kind) } };
  if (kind === "salesforce") return { token, credentials: { instanceUrl: "https://northwind-saas.my.salesforce.com", accessToken: token, organizationId: ORG_ID, apiBaseUrl: fakeUrl(kind) } };
  return { token, credentials: { token, apiBaseUrl: fakeUrl(kind) } };
}

export async function createConnector(cookie: string, kind: Kind, opts: { token?: string; settings?: Record<string, unknown>; credentials?: Record<string, unknown> } = {}) {
  const c = credentialsFor(kind, opts.token);
  const r = await call("/api/connectors", { cookie, body: { kind, name: `${kind} test`, credentials: { ...c.credentials, ...opts.credentials }, settings: opts.settings } });
  expect(r.status, r.text).toBe(201);
  return { id: r.json.id as string, token: c.token, secret: (c.credentials as any).clientSecret as string | undefined, connector: r.json };
}

/** An active workflow: trigger → extract deal → end. Returns its id. */
export async function activeWorkflow(cookie: string, trigger: { type: string; config: Record<string, unknown> }, opts: { reenroll?: boolean; name?: string; status?: "active" | "paused" } = {}) {
  const id = await createWorkflow(
    cookie,
    {
      nodes: [node("trigger", trigger.type, trigger.config), node("extract", "action.extract_deal", {}, 200), node("done", "end", { outcome: "completed" }, 400)],
      edges: [edge("trigger", "extract"), edge("extract", "done")],
    },
    opts.name ?? "CRM test workflow",
  );
  if (opts.reenroll) expect((await call(`/api/workflows/${id}`, { method: "PUT", cookie, body: { reenroll: true } })).status).toBe(200);
  const p = await call(`/api/workflows/${id}/publish`, { cookie, method: "POST" });
  expect(p.status, p.text).toBe(201);
  const s = await call(`/api/workflows/${id}/status`, { cookie, body: { status: "active" } });
  expect(s.status, s.text).toBe(200);
  if (opts.status === "paused") expect((await call(`/api/workflows/${id}/status`, { cookie, body: { status: "paused" } })).status).toBe(200);
  return id;
}

export const hubspotTrigger = (connectorId: string, stageIds = ["closedwon"]) => ({ type: "trigger.hubspot", config: { connectorId, stageIds } });

/** POSTs a HubSpot batch signed with the fixtures' sign.mjs (v3 over method + URL + body + timestamp). */
export async function postHubspot(connectorId: string, secret: string, body: string, opts: { timestamp?: number; signature?: string | null; url?: string } = {}) {
  const path = `/webhooks/hubspot/${connectorId}`;
  const url = opts.url ?? `http://app.test${path}`;
  const timestamp = String(opts.timestamp ?? Date.now());
  const headers: Record<string, string> = { "content-type": "application/json", "x-hubspot-request-timestamp": timestamp };
  const signature = opts.signature === undefined ? hubspotSignatureV3({ clientSecret: secret, method: "POST", url, body, timestamp }) : opts.signature;
  if (signature !== null) headers["x-hubspot-signature-v3"] = signature;
  return call(path, { rawBody: body, headers });
}

export async function postNotion(connectorId: string, body: string, token: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers["x-notion-signature"] = notionSignature({ verificationToken: token, body });
  return call(`/webhooks/notion/${connectorId}`, { rawBody: body, headers });
}

export async function postSalesforce(connectorId: string, xml: string) {
  return call(`/webhooks/salesforce/${connectorId}`, { rawBody: xml, headers: { "content-type": "text/xml; charset=utf-8" } });
}

export async function events(cookie: string, connectorId: string) {
  const r = await call(`/api/connectors/${connectorId}/events?limit=200`, { cookie });
  expect(r.status, r.text).toBe(200);
  return r.json.items as any[];
}

/** Live runs of a workflow, from the runs index. */
export async function runsOf(cookie: string, workflowId: string) {
  const r = await call(`/api/runs?workflowId=${workflowId}&mode=live`, { cookie });
  expect(r.status, r.text).toBe(200);
  return r.json.items as any[];
}

/** A HubSpot batch of one closed-won stage change for `dealId`, with its own event id and time. */
export function closedWon(dealId = DEAL_ID, occurredAt = Date.now(), stage = "closedwon") {
  return JSON.stringify([{ eventId: Math.floor(Math.random() * 1e9), subscriptionId: 2214587, portalId: 48211937, appId: 3154820, occurredAt, subscriptionType: "deal.propertyChange", attemptNumber: 0, objectId: Number(dealId), propertyName: "dealstage", propertyValue: stage, changeSource: "CRM_UI" }]);
}
