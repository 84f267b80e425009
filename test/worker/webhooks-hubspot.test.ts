import { describe, expect, it } from "vitest";
import { call, expectErrorShape, signedIn } from "./helpers";
import { drive } from "./run-helpers";
import closedWonFixture from "../fixtures/hubspot/deal-propertychange-closedwon.json?raw";
import mixedBatch from "../fixtures/hubspot/deal-batch-mixed.json?raw";
import { activeWorkflow, closedWon, createConnector, events, hubspotSignatureV3, hubspotTrigger, postHubspot, runsOf } from "./crm-helpers";

async function setup(opts: { reenroll?: boolean; status?: "active" | "paused"; trigger?: (id: string) => { type: string; config: Record<string, unknown> } } = {}) {
  const { cookie } = await signedIn("admin");
  const c = await createConnector(cookie, "hubspot");
  const wf = await activeWorkflow(cookie, (opts.trigger ?? hubspotTrigger)(c.id), opts);
  return { cookie, c, wf };
}

describe("HubSpot webhook: signature first", () => {
  it("accepts the fixture signed with sign.mjs, starts one run, and the run fetches the deal in its own alarm", async () => {
    const { cookie, c, wf } = await setup();
    const r = await postHubspot(c.id, c.secret!, closedWonFixture);
    expect(r.status, r.text).toBe(200);
    expect(r.json.events).toEqual([expect.objectContaining({ outcome: "started", runIds: [expect.any(String)] })]);
    const runs = await runsOf(cookie, wf);
    expect(runs).toHaveLength(1);
    expect(runs[0].subject).toMatchObject({ connector: "hubspot", objectId: "24587310912" });
    const run = await drive(cookie, runs[0].id);
    expect(run.status, JSON.stringify(run.steps)).toBe("completed");
    expect(run.data.deal).toMatchObject({ source: "hubspot", objectId: "24587310912", company: { name: "Brightline Analytics" } });
    const log = await events(cookie, c.id);
    expect(log[0]).toMatchObject({ outcome: "started", verified: true, type: "deal.propertyChange", objectId: "24587310912", runIds: [runs[0].id] });
  });

  it("refuses a tampered body, a stale or missing timestamp, a missing signature and the wrong secret with 401, starting nothing", async () => {
    const { cookie, c, wf } = await setup();
    const tampered = closedWonFixture.replace("closedwon", "closedwon ");
    const ts = Date.now();
    const good = hubspotSignatureV3({ clientSecret: c.secret, method: "POST", url: `http://app.test/webhooks/hubspot/${c.id}`, body: closedWonFixture, timestamp: String(ts) });
    const cases = [
      await postHubspot(c.id, c.secret!, tampered, { signature: good, timestamp: ts }),
      await postHubspot(c.id, c.secret!, closedWonFixture, { timestamp: Date.now() - 6 * 60_000 }),
      await postHubspot(c.id, c.secret!, closedWonFixture, { timestamp: Date.now() + 6 * 60_000 }),
      await postHubspot(c.id, c.secret!, closedWonFixture, { signature: null }),
      await postHubspot(c.id, "not-the-secret", closedWonFixture),
    ];
    expect(cases.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(cases.map((r) => r.json.error.code)).toEqual(["signature_invalid", "timestamp_stale", "timestamp_stale", "signature_missing", "signature_invalid"]);
    for (const r of cases) expectErrorShape(r.json);
    const missingTs = await call(`/webhooks/hubspot/${c.id}`, { rawBody: closedWonFixture, headers: { "x-hubspot-signature-v3": good } });
    expect(missingTs.status).toBe(401);
    expect(await runsOf(cookie, wf)).toHaveLength(0);
    const log = await events(cookie, c.id);
    expect(log).toHaveLength(6);
    expect(log.every((e) => e.outcome === "rejected" && e.verified === false && e.runIds.length === 0)).toBe(true);
  });

  it("verifies against the URL HubSpot called (APP_URL) as well as the one the Worker sees", async () => {
    const { c } = await setup();
    const r = await postHubspot(c.id, c.secret!, closedWonFixture, { url: `http://localhost:8787/webhooks/hubspot/${c.id}` });
    expect(r.status, r.text).toBe(200);
  });
});

describe("HubSpot webhook: dedupe and matching", () => {
  it("a mixed batch starts one run, ignores the rest with reasons, and logs the exact duplicate", async () => {
    const { cookie, c, wf } = await setup();
    const r = await postHubspot(c.id, c.secret!, mixedBatch);
    expect(r.status, r.text).toBe(200);
    expect(r.json.events.map((e: any) => e.outcome)).toEqual(["ignored", "started", "ignored", "duplicate", "ignored", "ignored"]);
    const [contractSent, , amount, , creation, closedLost] = r.json.events;
    expect(contractSent.reason).toContain("stage “contractsent” is not a trigger stage");
    expect(amount.reason).toContain("a change of “amount”");
    expect(creation.reason).toContain("stage “appointmentscheduled”"); // read from HubSpot: the event has no stage
    expect(closedLost.reason).toContain("closedlost");
    expect(await runsOf(cookie, wf)).toHaveLength(1);
    const log = await events(cookie, c.id);
    expect(log).toHaveLength(6);
    expect(log.map((e) => e.outcome).reverse()).toEqual(["ignored", "started", "ignored", "duplicate", "ignored", "ignored"]);
  });

  it("the same event delivered twice starts one run; the second delivery is logged as a duplicate", async () => {
    const { cookie, c, wf } = await setup();
    const first = await postHubspot(c.id, c.secret!, closedWonFixture);
    const second = await postHubspot(c.id, c.secret!, closedWonFixture);
    expect(first.json.events[0].outcome).toBe("started");
    expect(second.status).toBe(200);
    expect(second.json.events[0]).toMatchObject({ outcome: "duplicate", runIds: [] });
    expect(await runsOf(cookie, wf)).toHaveLength(1);
  });

  it("re-enrolment off: a second qualifying event for the same deal starts nothing", async () => {
    const { cookie, c, wf } = await setup();
    await postHubspot(c.id, c.secret!, closedWon("24587310912", Date.now() - 1000));
    const again = await postHubspot(c.id, c.secret!, closedWon("24587310912", Date.now()));
    expect(again.json.events[0].outcome).toBe("ignored");
    expect(again.json.events[0].reason).toContain("already has a run of this workflow (re-enrolment is off)");
    expect(await runsOf(cookie, wf)).toHaveLength(1);
  });

  it("re-enrolment on: each qualifying event gets its own run, duplicates still collide", async () => {
    const { cookie, c, wf } = await setup({ reenroll: true });
    const one = closedWon("24587310912", Date.now() - 1000);
    await postHubspot(c.id, c.secret!, one);
    await postHubspot(c.id, c.secret!, closedWon("24587310912", Date.now()));
    const dup = await postHubspot(c.id, c.secret!, one);
    expect(dup.json.events[0].outcome).toBe("duplicate");
    expect(await runsOf(cookie, wf)).toHaveLength(2);
  });

  it("a paused workflow starts nothing and the log says so", async () => {
    const { cookie, c, wf } = await setup({ status: "paused" });
    const r = await postHubspot(c.id, c.secret!, closedWonFixture);
    expect(r.json.events[0]).toMatchObject({ outcome: "ignored" });
    expect(r.json.events[0].reason).toContain("is paused");
    expect(await runsOf(cookie, wf)).toHaveLength(0);
  });

  it("with no active workflow on the connector the event is logged as ignored", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const r = await postHubspot(c.id, c.secret!, closedWonFixture);
    expect(r.json.events[0]).toMatchObject({ outcome: "ignored", reason: "No active workflow uses this connector." });
  });

  it("a pipeline in the trigger is checked against the deal's pipeline, read from HubSpot", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const inDefault = await activeWorkflow(cookie, { type: "trigger.hubspot", config: { connectorId: c.id, stageIds: ["closedwon"], pipelineId: "default" } }, { name: "Default pipeline" });
    const inEnterprise = await activeWorkflow(cookie, { type: "trigger.hubspot", config: { connectorId: c.id, stageIds: ["closedwon"], pipelineId: "705123988" } }, { name: "Enterprise pipeline" });
    const r = await postHubspot(c.id, c.secret!, closedWonFixture);
    expect(r.json.events[0].outcome).toBe("started");
    expect(r.json.events[0].reason).toContain("“Enterprise pipeline”: the deal is in pipeline “default”");
    expect(await runsOf(cookie, inDefault)).toHaveLength(1);
    expect(await runsOf(cookie, inEnterprise)).toHaveLength(0);
  });

  it("malformed JSON (correctly signed) is a 400 and nothing is logged as started; an unknown connector is a 404", async () => {
    const { cookie, c, wf } = await setup();
    for (const body of ["[{not json", '{"hello": "world"}', "[]"]) {
      const r = await postHubspot(c.id, c.secret!, body);
      expect(r.status, body).toBe(400);
      expectErrorShape(r.json);
    }
    expect(await runsOf(cookie, wf)).toHaveLength(0);
    expect((await events(cookie, c.id)).every((e) => e.outcome === "rejected")).toBe(true);
    const unknown = await postHubspot("con_nope", c.secret!, closedWonFixture);
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown.json);
  });
});
