// Signed HubSpot webhook deliveries (X-HubSpot-Signature-v3), one deal stage change per request.
import { hubspotSignatureV3 } from "../../test/fixtures/sign.mjs";

export const DEMO_HUBSPOT_SECRET = "demo-hubspot-client-secret";
export const DEMO_HUBSPOT_TOKEN = "pat-demo-0000-hubspot-token";
export const DEMO_PORTAL_ID = 48211937;

/** The JSON body of one `deal.propertyChange` → `closedwon` event for `objectId`. */
export function closedWonBody(objectId, occurredAt, eventId = objectId) {
  return JSON.stringify([
    {
      eventId,
      subscriptionId: 4101,
      portalId: DEMO_PORTAL_ID,
      appId: 2471,
      occurredAt,
      subscriptionType: "deal.propertyChange",
      attemptNumber: 0,
      objectId,
      propertyName: "dealstage",
      propertyValue: "closedwon",
      changeSource: "CRM_UI",
      sourceId: "userId:9876543",
    },
  ]);
}

/** Headers for `body` posted to `url`, signed now (HubSpot re-signs every redelivery). */
export function signedHeaders(url, body, secret = DEMO_HUBSPOT_SECRET, timestamp = Date.now()) {
  const ts = String(timestamp);
  return {
    "content-type": "application/json",
    "x-hubspot-signature-v3": hubspotSignatureV3({ clientSecret: secret, url, body, timestamp: ts }),
    "x-hubspot-request-timestamp": ts,
  };
}

export async function deliver(url, body, secret = DEMO_HUBSPOT_SECRET) {
  const t0 = performance.now();
  const res = await fetch(url, { method: "POST", headers: signedHeaders(url, body, secret), body });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - t0 };
}

/** Makes deals exist in the fake HubSpot (so runs can fetch them), `concurrency` at a time. */
export async function createFakeDeals(fakeHubspotUrl, ids, { token = DEMO_HUBSPOT_TOKEN, concurrency = 16, amount = "48000" } = {}) {
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const res = await fetch(`${fakeHubspotUrl}/__fake/set`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token, dealId: String(id), properties: { dealname: `Bench deal ${id}`, dealstage: "closedwon", amount } }),
      });
      if (!res.ok) throw new Error(`fake HubSpot refused deal ${id}: ${res.status}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
