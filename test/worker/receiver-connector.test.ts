import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { call, db, signedIn } from "./helpers";
import { createWorkflow, drive, edge, node, stubOf } from "./run-helpers";
import { activeWorkflow, closedWon, createConnector, DEAL_ID, events, fake, hubspotTrigger, postHubspot, requestsSeen, runsOf } from "./crm-helpers";
import { createCrmService } from "../../durable/services/crm";
import { loadConnector, openConnector } from "../../worker/crm/connector";
import type { RunEnv } from "../../durable/env";

/**
 * The webhook receivers keep opened connectors in the isolate; these prove a kept connector is
 * never trusted past a change: a rotated secret, a deleted connector, a stale claim.
 */
describe("kept connectors in the webhook receivers", () => {
  it("after the client secret is rotated, the old secret is refused at once and the new one accepted", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const wf = await activeWorkflow(cookie, hubspotTrigger(c.id), { reenroll: true });
    // Warm: this delivery leaves the connector (with the old secret) kept in the isolate.
    expect((await postHubspot(c.id, c.secret!, closedWon(DEAL_ID, 1))).status).toBe(200);
    const rotated = `${c.secret}-rotated`;
    const r = await call(`/api/connectors/${c.id}`, { method: "PATCH", cookie, body: { credentials: { clientSecret: rotated } } });
    expect(r.status, r.text).toBe(200);
    // Signed with the old secret: it verifies against the kept copy, but its claim finds the row
    // changed, so it is checked again on a fresh read and refused.
    const old = await postHubspot(c.id, c.secret!, closedWon(DEAL_ID, 2));
    expect(old.status, old.text).toBe(401);
    expect(old.json.error.code).toBe("signature_invalid");
    const fresh = await postHubspot(c.id, rotated, closedWon(DEAL_ID, 3));
    expect(fresh.status, fresh.text).toBe(200);
    expect(fresh.json.events).toEqual([expect.objectContaining({ outcome: "started" })]);
    expect(await runsOf(cookie, wf)).toHaveLength(2);
    const log = await events(cookie, c.id);
    expect(log.map((e) => e.outcome)).toEqual(["started", "rejected", "started"]);
  });

  it("a secret rotated while kept does not refuse the new signatures (the refusal is decided on a fresh read)", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    await activeWorkflow(cookie, hubspotTrigger(c.id), { reenroll: true });
    expect((await postHubspot(c.id, c.secret!, closedWon(DEAL_ID, 10))).status).toBe(200);
    const rotated = `${c.secret}-next`;
    expect((await call(`/api/connectors/${c.id}`, { method: "PATCH", cookie, body: { credentials: { clientSecret: rotated } } })).status).toBe(200);
    const r = await postHubspot(c.id, rotated, closedWon(DEAL_ID, 11));
    expect(r.status, r.text).toBe(200);
    expect((await events(cookie, c.id)).filter((e) => e.outcome === "rejected")).toEqual([]);
  });

  it("a deleted connector answers 404 although it was kept", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    expect((await postHubspot(c.id, c.secret!, closedWon(DEAL_ID, 20))).status).toBe(200);
    expect((await call(`/api/connectors/${c.id}`, { method: "DELETE", cookie })).status).toBe(204);
    const r = await postHubspot(c.id, c.secret!, closedWon(DEAL_ID, 21));
    expect(r.status, r.text).toBe(404);
  });
});

describe("what a run is handed", () => {
  it("uses the connector its webhook handed over for its first CRM read only, and D1's otherwise", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const wf = await createWorkflow(cookie, {
      nodes: [node("t", "trigger.hubspot", { connectorId: c.id, stageIds: ["closedwon"] }), node("x", "action.extract_deal", {}, 200), node("done", "end", {}, 400)],
      edges: [edge("t", "x"), edge("x", "done")],
    });
    const definition = (await call(`/api/workflows/${wf}`, { cookie })).json.draft;
    const open = await openConnector(env as never, (await loadConnector(db(), c.id))!);
    // The same connector, but its copy carries another token: whichever token the fake CRM
    // sees tells which copy the run used.
    const handedToken = `${c.token}-handed`;
    const handed = { ...open, credentials: { ...open.credentials, accessToken: handedToken } };
    const input = (runId: string) => ({ runId, workflowId: wf, workflowName: "Handoff", version: null, mode: "live" as const, definition, trigger: { objectId: Number(DEAL_ID) }, deal: null, subject: { connector: "hubspot", objectId: DEAL_ID, name: null } });
    const first = "run_" + "d".repeat(32);
    expect(await stubOf(first).start(input(first), { connector: handed })).toMatchObject({ created: true });
    expect((await drive(cookie, first)).status).toBe("completed");
    expect((await requestsSeen("hubspot", handedToken)).map((q: any) => q.path)).toContain(`/crm/v3/objects/deals/${DEAL_ID}`);
    const dealReads = async (token: string) => (await requestsSeen("hubspot", token)).filter((q: any) => q.path.startsWith("/crm/v3/objects/deals/"));
    expect(await dealReads(c.token)).toEqual([]);
    const second = "run_" + "e".repeat(32);
    expect(await stubOf(second).start(input(second))).toMatchObject({ created: true });
    expect((await drive(cookie, second)).status).toBe("completed");
    expect(await dealReads(c.token)).toHaveLength(1);
    expect(await dealReads(handedToken)).toHaveLength(1);
  });
});

describe("HubSpot deal owners", () => {
  it("are read once for many deals and kept, per token", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const crm = createCrmService(env as unknown as RunEnv, { workflowId: "wf_none", mode: "live" });
    const ids = ["7100000001", "7100000002", "7100000003"];
    for (const dealId of ids) await fake("hubspot", "set", { token: c.token, dealId, properties: { dealstage: "closedwon" } });
    const deals = [];
    for (const id of ids) deals.push(await crm.fetchDeal({ objectId: Number(id) }, c.id));
    expect(deals.map((d) => d.owner)).toEqual(ids.map(() => ({ name: "Jordan Reyes", email: "jordan.reyes@example.com" })));
    const seen = (await requestsSeen("hubspot", c.token)).map((q: any) => q.path);
    expect(seen.filter((p: string) => p.startsWith("/crm/v3/objects/deals/"))).toHaveLength(3);
    expect(seen.filter((p: string) => p.startsWith("/crm/v3/owners/"))).toEqual(["/crm/v3/owners/81234567"]);
    // Another connector (another token, maybe another portal) reads its owners itself.
    const other = await createConnector(cookie, "hubspot");
    await crm.fetchDeal({ objectId: Number(DEAL_ID) }, other.id);
    expect((await requestsSeen("hubspot", other.token)).map((q: any) => q.path)).toContain("/crm/v3/owners/81234567");
  });
});
