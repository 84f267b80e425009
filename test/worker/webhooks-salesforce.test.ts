import { describe, expect, it } from "vitest";
import { signedIn } from "./helpers";
import { drive } from "./run-helpers";
import outbound from "../fixtures/salesforce/outbound-opportunity-closedwon.xml?raw";
import ack from "../fixtures/salesforce/outbound-ack-response.xml?raw";
import { activeWorkflow, createConnector, events, postSalesforce, runsOf } from "./crm-helpers";

const sfTrigger = (connectorId: string) => ({ type: "trigger.salesforce", config: { connectorId, stages: ["Closed Won"] } });

async function setup(withWorkflow = true) {
  const { cookie } = await signedIn("admin");
  const c = await createConnector(cookie, "salesforce");
  const wf = withWorkflow ? await activeWorkflow(cookie, sfTrigger(c.id)) : null;
  return { cookie, c, wf };
}

describe("Salesforce Outbound Messages", () => {
  it("answers the exact SOAP Ack of the fixture and starts a run that reads the Opportunity with one SOQL query", async () => {
    const { cookie, c, wf } = await setup();
    const r = await postSalesforce(c.id, outbound);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(r.text).toBe(ack);
    const runs = await runsOf(cookie, wf!);
    expect(runs).toHaveLength(1);
    expect(runs[0].subject).toMatchObject({ connector: "salesforce", objectId: "0065g00000Bq7XkAAJ" });
    const log = await events(cookie, c.id);
    expect(log[0]).toMatchObject({ outcome: "started", eventKey: "notification:04l5g00001aZcYwAAK", type: "outbound_message.Opportunity", objectId: "0065g00000Bq7XkAAJ" });
    const run = await drive(cookie, runs[0].id);
    expect(run.status, JSON.stringify(run.steps)).toBe("completed");
    expect(run.data.deal).toMatchObject({ source: "salesforce", arr: 126000, company: { name: "Cobalt Ridge Health", region: "AMER-Canada" } });
    expect(run.data.trigger).toMatchObject({ notificationId: "04l5g00001aZcYwAAK", stage: "Closed Won" });
  });

  it("Acks also when nothing matched, so Salesforce does not redeliver for a day", async () => {
    const { cookie, c } = await setup(false);
    const r = await postSalesforce(c.id, outbound);
    expect(r.status).toBe(200);
    expect(r.text).toBe(ack);
    expect((await events(cookie, c.id))[0]).toMatchObject({ outcome: "ignored", reason: "No active workflow uses this connector." });
  });

  it("a wrong OrganizationId gets a 403 SOAP fault, no Ack, and starts nothing", async () => {
    const { cookie, c, wf } = await setup();
    const r = await postSalesforce(c.id, outbound.replace("00D5g00000KxRtUEAV", "00D5g00000ZZZZZEAV"));
    expect(r.status).toBe(403);
    expect(r.text).toContain("<soapenv:Fault>");
    expect(r.text).toContain("<faultcode>soapenv:Client</faultcode>");
    expect(r.text).not.toContain("<Ack>");
    expect(await runsOf(cookie, wf!)).toHaveLength(0);
    expect((await events(cookie, c.id))[0]).toMatchObject({ outcome: "rejected", type: "wrong_organization", verified: false });
  });

  it("malformed XML, a DOCTYPE, or a body without notifications is a 400 SOAP fault and nothing starts", async () => {
    const { cookie, c, wf } = await setup();
    const bodies = [
      "<soapenv:Envelope><soapenv:Body><notifications>",
      `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]>${outbound.replace(/^<\?xml[^>]*>/, "")}`,
      '<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>',
      "{\"json\": true}",
    ];
    for (const body of bodies) {
      const r = await postSalesforce(c.id, body);
      expect(r.status, body).toBe(400);
      expect(r.text).toContain("<faultcode>soapenv:Client</faultcode>");
    }
    expect(await runsOf(cookie, wf!)).toHaveLength(0);
    expect((await events(cookie, c.id)).every((e) => e.outcome === "rejected")).toBe(true);
  });

  it("the same notification delivered again is a duplicate: Ack, and no second run", async () => {
    const { cookie, c, wf } = await setup();
    await postSalesforce(c.id, outbound);
    const again = await postSalesforce(c.id, outbound);
    expect(again.text).toBe(ack);
    expect(await runsOf(cookie, wf!)).toHaveLength(1);
    expect((await events(cookie, c.id)).map((e) => e.outcome)).toEqual(["duplicate", "started"]);
  });

  it("a stage that is not in the trigger is ignored with the reason", async () => {
    const { cookie, c, wf } = await setup();
    await postSalesforce(c.id, outbound.replace("<sf:StageName>Closed Won</sf:StageName>", "<sf:StageName>Negotiation/Review</sf:StageName>"));
    expect(await runsOf(cookie, wf!)).toHaveLength(0);
    expect((await events(cookie, c.id))[0].reason).toContain("stage “Negotiation/Review” is not a trigger stage (“Closed Won”)");
  });

  it("an unknown connector gets a 404 SOAP fault", async () => {
    const r = await postSalesforce("con_unknown", outbound);
    expect(r.status).toBe(404);
    expect(r.text).toContain("<soapenv:Fault>");
  });
});
