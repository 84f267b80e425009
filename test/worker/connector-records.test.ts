import { describe, expect, it } from "vitest";
import { call, expectErrorShape, signedIn } from "./helpers";
import { createConnector, DEAL_ID, OPPORTUNITY_ID, requestsSeen } from "./crm-helpers";

/** `GET /api/connectors/:id/records/:objectId`: a CRM record as the test panel's sample deal. */
const record = (connectorId: string, objectId: string, cookie?: string) => call(`/api/connectors/${connectorId}/records/${encodeURIComponent(objectId)}`, { cookie });

describe("a record fetched from the connector", () => {
  it("reads a HubSpot deal with its company, contact and owner as the normalised deal", async () => {
    const { cookie } = await signedIn("admin");
    const hs = await createConnector(cookie, "hubspot");
    const r = await record(hs.id, DEAL_ID, cookie);
    expect(r.status, r.text).toBe(200);
    expect(r.json.deal).toMatchObject({
      source: "hubspot",
      objectId: DEAL_ID,
      name: "Brightline Analytics - Growth plan (annual)",
      amount: 48000,
      arr: 48000,
      currency: "USD",
      stage: "closedwon",
      company: { name: "Brightline Analytics", domain: "brightline.example.com", employees: 240, region: "NA-West" },
      primaryContact: { name: "Maya Okafor", email: "maya.okafor@brightline.example.com" },
      owner: { name: "Jordan Reyes", email: "jordan.reyes@example.com" },
    });
    expect(r.json.deal.properties).toMatchObject({ hs_arr: "48000" });
    // A read only: nothing was written back to the CRM.
    expect((await requestsSeen("hubspot", hs.token)).filter((q: any) => q.method !== "GET")).toEqual([]);
  });

  it("reads a Salesforce Opportunity", async () => {
    const { cookie } = await signedIn("admin");
    const sf = await createConnector(cookie, "salesforce");
    const r = await record(sf.id, OPPORTUNITY_ID, cookie);
    expect(r.status, r.text).toBe(200);
    expect(r.json.deal).toMatchObject({ source: "salesforce", objectId: OPPORTUNITY_ID, name: "Cobalt Ridge Health - Enterprise - 3yr", arr: 126000, company: { name: "Cobalt Ridge Health" } });
  });

  it("a record the CRM does not have is a 404 that says so; a malformed id a 422", async () => {
    const { cookie } = await signedIn("admin");
    const hs = await createConnector(cookie, "hubspot");
    const missing = await record(hs.id, "99999", cookie);
    expect(missing.status, missing.text).toBe(404);
    expectErrorShape(missing.json);
    expect(missing.json.error).toMatchObject({ code: "not_found", message: expect.stringContaining("HubSpot has no deal 99999") });
    const notADealId = await record(hs.id, "ACME-1", cookie);
    expect(notADealId.status).toBe(404);
    expect(notADealId.json.error.message).toContain("is not a HubSpot deal id");
    const bad = await record(hs.id, "a b", cookie);
    expect(bad.status).toBe(422);
    expect(bad.json.error.details[0].path).toBe("objectId");
    expect((await record(hs.id, "9".repeat(101), cookie)).status).toBe(422);
    expect((await record("con_nope", DEAL_ID, cookie)).json.error.code).toBe("not_found");
  });

  it("a CRM that cannot be reached is a 502 with the CRM's explanation", async () => {
    const { cookie } = await signedIn("admin");
    const down = await call("/api/connectors", { cookie, body: { kind: "hubspot", name: "Down", credentials: { accessToken: "t", clientSecret: "s", apiBaseUrl: "http://127.0.0.1:9" } } });
    const r = await record(down.json.id, DEAL_ID, cookie);
    expect(r.status).toBe(502);
    expect(r.json.error).toMatchObject({ code: "crm_unavailable", message: expect.stringContaining("Could not reach HubSpot") });
  });

  it("is for admins: 401 without a session, 403 for a CSM", async () => {
    const { cookie } = await signedIn("admin");
    const hs = await createConnector(cookie, "hubspot");
    const anonymous = await record(hs.id, DEAL_ID);
    expect(anonymous.status).toBe(401);
    expectErrorShape(anonymous.json);
    const csm = await signedIn("csm");
    const forbidden = await record(hs.id, DEAL_ID, csm.cookie);
    expect(forbidden.status).toBe(403);
    expectErrorShape(forbidden.json);
  });

  it("is in the OpenAPI document", async () => {
    const { cookie } = await signedIn("admin");
    const doc = (await call("/api/openapi.json", { cookie })).json;
    expect(doc.paths["/api/connectors/{id}/records/{objectId}"].get.responses["200"]).toBeDefined();
  });
});
