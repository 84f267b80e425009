import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { call, db, expectErrorShape, signedIn } from "./helpers";
import { schema } from "../../worker/db/client";
import closedWonFixture from "../fixtures/hubspot/deal-propertychange-closedwon.json?raw";
import handshake from "../fixtures/notion/verification-request.json?raw";
import { drive } from "./run-helpers";
import { activeWorkflow, closedWon, createConnector, credentialsFor, DATABASE_ID, DEAL_ID, events, hubspotTrigger, postHubspot, postNotion, runsOf } from "./crm-helpers";

describe("connectors API", () => {
  it("creates a connector after a real test call, stores secrets encrypted and never returns them", async () => {
    const { cookie } = await signedIn("admin");
    const { token, credentials } = credentialsFor("hubspot", `pat-na1-${crypto.randomUUID()}`);
    const r = await call("/api/connectors", { cookie, body: { kind: "hubspot", name: "HubSpot EU", credentials } });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ kind: "hubspot", name: "HubSpot EU", status: "connected", mode: "live", lastError: null, lastEventAt: null });
    expect(r.json.webhookUrl).toBe(`http://localhost:8787/webhooks/hubspot/${r.json.id}`);
    expect(r.json.credentials.accessToken).toBe(`pat-…${token.slice(-4)}`);
    expect(r.json.credentials.apiBaseUrl).toBe(credentials.apiBaseUrl);
    expect(r.json.settings.portalId).toBe("48211937"); // learned from the test call
    expect(r.text).not.toContain(token);
    expect(r.text).not.toContain(credentials.clientSecret);
    const row = await db().select().from(schema.connectors).where(eq(schema.connectors.id, r.json.id)).get();
    expect(row!.credentialsEnc).toMatch(/^v1\./);
    expect(row!.credentialsEnc).not.toContain(token);
    const list = await call("/api/connectors", { cookie });
    expect(list.json.items.map((c: any) => c.id)).toContain(r.json.id);
    expect(list.text).not.toContain(token);
  });

  it("is for admins only: 401 without a session, 403 for a CSM", async () => {
    const { cookie } = await signedIn("csm");
    expect((await call("/api/connectors")).status).toBe(401);
    for (const [path, method] of [["/api/connectors", "GET"], ["/api/connectors", "POST"], ["/api/connectors/x/test", "POST"], ["/api/connectors/x/events", "GET"]]) {
      const r = await call(path, { cookie, method, ...(method === "POST" ? { body: {} } : {}) });
      expect(r.status, path).toBe(403);
    }
  });

  it("validates input: 422 with paths, 400 for malformed JSON, 404 for unknown ids", async () => {
    const { cookie } = await signedIn("admin");
    const missing = await call("/api/connectors", { cookie, body: { kind: "hubspot", name: "x", credentials: { accessToken: "pat-1" } } });
    expect(missing.status).toBe(422);
    expect(missing.json.error.details.map((d: any) => d.path)).toContain("credentials.clientSecret");
    const badOrg = await call("/api/connectors", { cookie, body: { kind: "salesforce", name: "x", credentials: { instanceUrl: "https://x.my.salesforce.com", accessToken: "t", organizationId: "not-an-org" } } });
    expect(badOrg.status).toBe(422);
    expect((await call("/api/connectors", { cookie, body: { kind: "pipedrive", name: "x", credentials: {} } })).status).toBe(422);
    const malformed = await call("/api/connectors", { cookie, rawBody: "{oops", method: "POST" });
    expect(malformed.status).toBe(400);
    expectErrorShape(malformed.json);
    for (const [path, method] of [["/api/connectors/nope", "GET"], ["/api/connectors/nope", "DELETE"], ["/api/connectors/nope/test", "POST"], ["/api/connectors/nope/events", "GET"], ["/api/connectors/nope/send-test-event", "POST"]]) {
      expect((await call(path, { cookie, method })).status, path).toBe(404);
    }
  });

  it("PATCH renames and rotates one secret, keeping the others (the webhook still verifies with the old client secret)", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const r = await call(`/api/connectors/${c.id}`, { method: "PATCH", cookie, body: { name: "Renamed", credentials: { accessToken: `${c.token}-rotated` } } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ name: "Renamed", status: "connected" });
    expect(r.json.credentials.accessToken.endsWith("ated")).toBe(true);
    expect((await postHubspot(c.id, c.secret!, closedWonFixture)).status).toBe(200);
    const bad = await call(`/api/connectors/${c.id}`, { method: "PATCH", cookie, body: { credentials: { clientSecret: "" } } });
    expect(bad.status).toBe(422);
  });

  it("Test connection says what worked, or what failed in words an admin understands, and sets the status", async () => {
    const { cookie } = await signedIn("admin");
    const hs = await createConnector(cookie, "hubspot");
    const ok = await call(`/api/connectors/${hs.id}/test`, { cookie, method: "POST" });
    expect(ok.json).toEqual({ ok: true, detail: expect.stringContaining("Connected to HubSpot account 48211937") });
    expect(ok.json.detail).toContain("Closed Won (closedwon)");
    const sf = await createConnector(cookie, "salesforce");
    expect((await call(`/api/connectors/${sf.id}/test`, { cookie, method: "POST" })).json.detail).toContain("Connected to Salesforce org Northwind SaaS");
    const no = await createConnector(cookie, "notion");
    expect((await call(`/api/connectors/${no.id}/test`, { cookie, method: "POST" })).json.detail).toContain("Connected to Notion as “Onboarding Workflows”");

    const revoked = credentialsFor("hubspot", `revoked-${crypto.randomUUID()}`);
    const created = await call("/api/connectors", { cookie, body: { kind: "hubspot", name: "Old token", credentials: revoked.credentials } });
    expect(created.status).toBe(201);
    expect(created.json.status).toBe("error");
    const failed = await call(`/api/connectors/${created.json.id}/test`, { cookie, method: "POST" });
    expect(failed.json.ok).toBe(false);
    expect(failed.json.detail).toContain("rejected the connector's credentials (401)");
    expect(failed.json.detail).toContain("Reconnect the connector");

    const wrongOrg = await call("/api/connectors", { cookie, body: { kind: "salesforce", name: "Other org", credentials: { ...credentialsFor("salesforce").credentials, organizationId: "00D000000000001AAA" } } });
    expect(wrongOrg.json.status).toBe("error");
    expect(wrongOrg.json.lastError).toContain("but the connector expects 00D000000000001AAA");

    const down = await call("/api/connectors", { cookie, body: { kind: "notion", name: "Nowhere", credentials: { token: "t", apiBaseUrl: "http://127.0.0.1:9" } } });
    expect(down.json.status).toBe("error");
    expect(down.json.lastError).toContain("Could not reach Notion");
  });

  it("refuses to delete a connector while an active workflow uses it (409), then deletes it and its log", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const wf = await activeWorkflow(cookie, hubspotTrigger(c.id), { name: "Uses it" });
    await postHubspot(c.id, c.secret!, closedWonFixture);
    const refused = await call(`/api/connectors/${c.id}`, { method: "DELETE", cookie });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain("“Uses it”");
    expect((await call(`/api/workflows/${wf}/status`, { cookie, body: { status: "paused" } })).status).toBe(200);
    expect((await call(`/api/connectors/${c.id}`, { method: "DELETE", cookie })).status).toBe(204);
    expect((await call(`/api/connectors/${c.id}`, { cookie })).status).toBe(404);
    expect(await db().select().from(schema.events).where(eq(schema.events.connectorId, c.id))).toHaveLength(0);
  });

  it("lists events newest first with paging and an outcome filter", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    await activeWorkflow(cookie, hubspotTrigger(c.id));
    await postHubspot(c.id, c.secret!, closedWonFixture);
    await postHubspot(c.id, c.secret!, closedWonFixture);
    await postHubspot(c.id, "wrong", closedWonFixture);
    const all = await events(cookie, c.id);
    expect(all.map((e) => e.outcome)).toEqual(["rejected", "duplicate", "started"]);
    const first = await call(`/api/connectors/${c.id}/events?limit=2`, { cookie });
    expect(first.json.items).toHaveLength(2);
    const rest = await call(`/api/connectors/${c.id}/events?limit=2&cursor=${first.json.nextCursor}`, { cookie });
    expect(rest.json.items.map((e: any) => e.outcome)).toEqual(["started"]);
    expect(rest.json.nextCursor).toBeNull();
    const started = await call(`/api/connectors/${c.id}/events?outcome=started`, { cookie });
    expect(started.json.items).toHaveLength(1);
    expect(Object.keys(started.json.items[0]).sort()).toEqual(["eventKey", "id", "objectId", "outcome", "reason", "receivedAt", "runIds", "startedRuns", "type", "verified"]);
    const connector = await call(`/api/connectors/${c.id}`, { cookie });
    expect(connector.json.lastEventAt).not.toBeNull();
  });
});

describe("Send test event", () => {
  it("posts a correctly signed sample to each CRM's webhook, and a run starts", async () => {
    const { cookie } = await signedIn("admin");
    const hs = await createConnector(cookie, "hubspot");
    const sf = await createConnector(cookie, "salesforce");
    const no = await createConnector(cookie, "notion");
    const wfs = [
      await activeWorkflow(cookie, hubspotTrigger(hs.id), { name: "HubSpot" }),
      await activeWorkflow(cookie, { type: "trigger.salesforce", config: { connectorId: sf.id, stages: ["Closed Won"] } }, { name: "Salesforce" }),
      await activeWorkflow(cookie, { type: "trigger.notion", config: { connectorId: no.id, databaseId: DATABASE_ID, event: "page.created" } }, { name: "Notion" }),
    ];
    // Test events are for demo connectors only: a live one refuses.
    const live = await call(`/api/connectors/${hs.id}/send-test-event`, { cookie, method: "POST" });
    expect(live.status).toBe(409);
    expect(live.json.error.code).toBe("live_connector");
    for (const c of [hs, sf, no]) await db().update(schema.connectors).set({ mode: "demo" }).where(eq(schema.connectors.id, c.id));
    // Notion needs its verification token first.
    const early = await call(`/api/connectors/${no.id}/send-test-event`, { cookie, method: "POST" });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toContain("verification token");
    await postNotion(no.id, handshake, null);
    for (const [i, c] of [hs, sf, no].entries()) {
      const r = await call(`/api/connectors/${c.id}/send-test-event`, { cookie, method: "POST" });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({ status: 200, ok: true, detail: "Delivered. 1 run started." });
      expect(r.json.events[0]).toMatchObject({ outcome: "started", verified: true, existingRunIds: [] });
      const runs = await runsOf(cookie, wfs[i]);
      expect(runs).toHaveLength(1);
      // Each started run comes with its workflow's name, for the page to say what started.
      expect(r.json.events[0].startedRuns).toEqual([{ id: runs[0].id, workflowId: wfs[i], workflowName: ["HubSpot", "Salesforce", "Notion"][i] }]);
    }
  });

  it("each press names a sample record the workflows have no run for yet, so a second press starts a second run, for each CRM; the records exist in the CRM", async () => {
    const { cookie } = await signedIn("admin");
    const hs = await createConnector(cookie, "hubspot");
    const sf = await createConnector(cookie, "salesforce");
    const no = await createConnector(cookie, "notion");
    const wfs = [
      await activeWorkflow(cookie, hubspotTrigger(hs.id), { name: "HubSpot twice" }),
      await activeWorkflow(cookie, { type: "trigger.salesforce", config: { connectorId: sf.id, stages: ["Closed Won"] } }, { name: "Salesforce twice" }),
      await activeWorkflow(cookie, { type: "trigger.notion", config: { connectorId: no.id, databaseId: DATABASE_ID, event: "page.created" } }, { name: "Notion twice" }),
    ];
    for (const c of [hs, sf, no]) await db().update(schema.connectors).set({ mode: "demo" }).where(eq(schema.connectors.id, c.id));
    await postNotion(no.id, handshake, null);
    for (const [i, c] of [hs, sf, no].entries()) {
      const presses = [];
      for (let n = 0; n < 2; n++) {
        const r = await call(`/api/connectors/${c.id}/send-test-event`, { cookie, method: "POST" });
        expect(r.status, r.text).toBe(200);
        expect(r.json.detail, r.text).toBe("Delivered. 1 run started.");
        expect(r.json.events[0]).toMatchObject({ outcome: "started", existingRunIds: [] });
        presses.push(r.json.events[0]);
      }
      expect(presses[0].objectId).not.toBe(presses[1].objectId);
      const runs = await runsOf(cookie, wfs[i]);
      expect(runs.map((r) => r.subject.objectId).sort()).toEqual(presses.map((e) => e.objectId).sort());
      // Each run's Extract deal step read its record from the CRM: both records exist there.
      for (const run of runs) expect((await drive(cookie, run.id)).status, `${["hubspot", "salesforce", "notion"][i]} ${run.subject.objectId}`).toBe("completed");
    }
  });

  it("when every sample record already has a run, says so and what to do instead of delivering a duplicate; re-enrolment makes presses useful again", async () => {
    const { cookie } = await signedIn("admin");
    const hs = await createConnector(cookie, "hubspot");
    const sf = await createConnector(cookie, "salesforce");
    const wfs = [
      await activeWorkflow(cookie, hubspotTrigger(hs.id), { name: "HubSpot once" }),
      await activeWorkflow(cookie, { type: "trigger.salesforce", config: { connectorId: sf.id, stages: ["Closed Won"] } }, { name: "Salesforce once" }),
    ];
    for (const c of [hs, sf]) await db().update(schema.connectors).set({ mode: "demo" }).where(eq(schema.connectors.id, c.id));
    for (const [i, c] of [hs, sf].entries()) {
      const seen = new Set<string>();
      for (let n = 0; n < 3; n++) {
        const r = await call(`/api/connectors/${c.id}/send-test-event`, { cookie, method: "POST" });
        expect(r.json.events[0], r.text).toMatchObject({ outcome: "started" });
        seen.add(r.json.events[0].objectId);
      }
      expect(seen.size).toBe(3);
      const logged = (await events(cookie, c.id)).length;
      const used = await call(`/api/connectors/${c.id}/send-test-event`, { cookie, method: "POST" });
      expect(used.status, used.text).toBe(409);
      expectErrorShape(used.json);
      expect(used.json.error.code).toBe("samples_used_up");
      expect(used.json.error.message).toContain("Every sample record the demo");
      expect(used.json.error.message).toContain("(3) already has a run of “" + (i === 0 ? "HubSpot once" : "Salesforce once") + "”");
      expect(used.json.error.message).toContain("turn on “Start again for a record that already had a run”");
      // Nothing was delivered: no duplicate in the log, no run.
      expect(await events(cookie, c.id)).toHaveLength(logged);
      expect(await runsOf(cookie, wfs[i])).toHaveLength(3);
    }
    // With re-enrolment on, a record that had a run starts another.
    expect((await call(`/api/workflows/${wfs[0]}`, { cookie, method: "PUT", body: { reenroll: true } })).status).toBe(200);
    const again = await call(`/api/connectors/${hs.id}/send-test-event`, { cookie, method: "POST" });
    expect(again.json.events[0], again.text).toMatchObject({ outcome: "started", objectId: DEAL_ID });
    expect(await runsOf(cookie, wfs[0])).toHaveLength(4);
  });

  it("HubSpot's own delivery for a record that has a run names that run (its answer is JSON)", async () => {
    const { cookie } = await signedIn("admin");
    const hs = await createConnector(cookie, "hubspot");
    const wfs = [await activeWorkflow(cookie, hubspotTrigger(hs.id), { name: "HubSpot once" })];
    await db().update(schema.connectors).set({ mode: "demo" }).where(eq(schema.connectors.id, hs.id));
    const first = await call(`/api/connectors/${hs.id}/send-test-event`, { cookie, method: "POST" });
    expect(first.json.events[0], first.text).toMatchObject({ outcome: "started", objectId: DEAL_ID });
    const [hsRun] = await runsOf(cookie, wfs[0]);
    const direct = await postHubspot(hs.id, hs.secret!, closedWon(DEAL_ID));
    expect(direct.json.events[0]).toMatchObject({ outcome: "ignored", runIds: [], existingRunIds: [hsRun.id] });
    // The log itself is unchanged: the field belongs to the test delivery's answer.
    const log = await call(`/api/connectors/${hs.id}/events`, { cookie });
    expect(log.json.items[0]).not.toHaveProperty("existingRunIds");
  });
});

describe("stages for the trigger picker", () => {
  it("reads stages from each CRM and marks the won ones", async () => {
    const { cookie } = await signedIn("admin");
    const hs = await createConnector(cookie, "hubspot");
    const hsStages = (await call(`/api/connectors/${hs.id}/stages`, { cookie })).json.items;
    expect(hsStages.filter((s: any) => s.won).map((s: any) => [s.id, s.pipeline.id])).toEqual([["closedwon", "default"], ["1102458836", "705123988"]]);
    const sf = await createConnector(cookie, "salesforce");
    const sfStages = (await call(`/api/connectors/${sf.id}/stages`, { cookie })).json.items;
    expect(sfStages.find((s: any) => s.won)).toEqual({ id: "Closed Won", label: "Closed Won", won: true });
    const no = await createConnector(cookie, "notion");
    expect((await call(`/api/connectors/${no.id}/stages`, { cookie })).status).toBe(422);
    const noStages = (await call(`/api/connectors/${no.id}/stages?databaseId=${DATABASE_ID}`, { cookie })).json.items;
    expect(noStages.map((s: any) => s.id)).toContain("Ready for onboarding");
    expect(noStages.find((s: any) => s.id === "Lost").won).toBe(false);
    // A database id that is not one, or one Notion does not know, is the caller's input: 422 / 404, never a gateway error.
    const malformed = await call(`/api/connectors/${no.id}/stages?databaseId=${encodeURIComponent("not-a-database")}`, { cookie });
    expect(malformed.status).toBe(422);
    expect(malformed.json.error.details[0].path).toBe("databaseId");
    expect([404, 422]).toContain((await call(`/api/connectors/${no.id}/stages?databaseId=00000000000000000000000000000000`, { cookie })).status);
    const down = await call("/api/connectors", { cookie, body: { kind: "hubspot", name: "Down", credentials: { accessToken: "t", clientSecret: "s", apiBaseUrl: "http://127.0.0.1:9" } } });
    const failed = await call(`/api/connectors/${down.json.id}/stages`, { cookie });
    expect(failed.status).toBe(502);
    expect(failed.json.error.message).toContain("Could not reach HubSpot");
  });
});
