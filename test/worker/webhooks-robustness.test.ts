import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { call, db, signedIn } from "./helpers";
import { schema } from "../../worker/db/client";
import creation from "../fixtures/hubspot/deal-creation.json?raw";
import handshake from "../fixtures/notion/verification-request.json?raw";
import { activeWorkflow, createConnector, events, fake, hubspotTrigger, postHubspot, postNotion, postSalesforce } from "./crm-helpers";

const TOKEN = JSON.parse(handshake).verification_token;

describe("webhooks under stress", () => {
  it("when HubSpot cannot be asked about the deal, answers 503 so HubSpot redelivers, and the redelivery is processed afresh", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    await activeWorkflow(cookie, hubspotTrigger(c.id));
    await fake("hubspot", "fail", { token: c.token, status: 503, path: "/crm/v3/objects/deals/24587402231" });
    const first = await postHubspot(c.id, c.secret!, creation);
    expect(first.status).toBe(503);
    expect((await events(cookie, c.id))[0]).toMatchObject({ outcome: "rejected", verified: true });
    expect((await events(cookie, c.id))[0].reason).toContain("Waiting for HubSpot to deliver it again");
    const again = await postHubspot(c.id, c.secret!, creation);
    expect(again.status).toBe(200);
    expect(again.json.events[0].outcome).toBe("ignored"); // decided now (not a duplicate): the deal is not closed won
  });

  it("a revoked token found while checking an event marks the connector as needing attention", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    await activeWorkflow(cookie, hubspotTrigger(c.id));
    await fake("hubspot", "fail", { token: c.token, status: 401, times: 3 });
    expect((await postHubspot(c.id, c.secret!, creation)).status).toBe(503);
    const row = await db().select().from(schema.connectors).where(eq(schema.connectors.id, c.id)).get();
    expect(row!.status).toBe("error");
    expect(row!.lastError).toContain("Reconnect the connector");
  });

  it("never answers 500 to odd but correctly signed bodies", async () => {
    const { cookie } = await signedIn("admin");
    const hs = await createConnector(cookie, "hubspot");
    await activeWorkflow(cookie, hubspotTrigger(hs.id));
    const no = await createConnector(cookie, "notion");
    await postNotion(no.id, handshake, null);
    const sf = await createConnector(cookie, "salesforce");
    const jsonBodies = ["null", "1", '"text"', "[null]", '[{"objectId":"x"}]', '[{"occurredAt":1,"objectId":1}]', '[{"occurredAt":1,"objectId":99999999999999999999999,"subscriptionType":"deal.creation"}]', '{"id":5}', '{"id":"e","type":"page.created","entity":{"id":"not-a-uuid","type":"page"}}', '{"id":"e","type":"page.created","entity":[]}', `[${'{"occurredAt":1,"objectId":1,"subscriptionType":"deal.propertyChange","propertyName":"dealstage","propertyValue":"closedwon"},'.repeat(50)}{"occurredAt":2,"objectId":2}]`];
    for (const body of jsonBodies) {
      const a = await postHubspot(hs.id, hs.secret!, body);
      expect(a.status, `hubspot ${body}`).toBeLessThan(500);
      const b = await postNotion(no.id, body, TOKEN);
      expect(b.status, `notion ${body}`).toBeLessThan(500);
    }
    for (const xml of ["<x/>", "<?xml version='1.0'?><Envelope><Body><notifications><OrganizationId>00D5g00000KxRtUEAV</OrganizationId><Notification><Id>1</Id><sObject/></Notification></notifications></Body></Envelope>", "\u0000\u0001", "<a>".repeat(2000)]) {
      const r = await postSalesforce(sf.id, xml);
      expect(r.status, `salesforce ${xml.slice(0, 40)}`).toBeLessThan(500);
    }
  });

  it("refused requests are answered but, past a burst, no longer stored", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    for (let i = 0; i < 65; i++) expect((await postHubspot(c.id, "wrong", creation)).status).toBe(401);
    expect(await events(cookie, c.id)).toHaveLength(60);
  });

  it("the OpenAPI document describes the connector API and the webhooks", async () => {
    const r = await call("/api/openapi.json");
    expect(r.status).toBe(200);
    for (const path of ["/api/connectors", "/api/connectors/{id}", "/api/connectors/{id}/test", "/api/connectors/{id}/events", "/api/connectors/{id}/send-test-event", "/webhooks/hubspot/{connectorId}", "/webhooks/salesforce/{connectorId}", "/webhooks/notion/{connectorId}"]) {
      expect(r.json.paths, path).toHaveProperty([path]);
    }
  });
});
