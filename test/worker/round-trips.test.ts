import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createApp } from "../../worker/app";
import { schema } from "../../worker/db/client";
import { BASE, call, db, login, makePool, makeUser, signedIn } from "./helpers";
import { createWorkflow, drive, edge, getRun, kicked, node, sampleDeal } from "./run-helpers";
import { scriptedModel } from "./ai-helpers";
import { hubspotStageKey } from "../../worker/crm/hubspot";
import { watched } from "./d1-watch";
import { activeWorkflow, closedWon, createConnector, events, hubspotSignatureV3, hubspotTrigger } from "./crm-helpers";

/** Calls the app as `call` does, with D1 watched; returns the answer and the round trips it made. */
async function measured(path: string, init: { method?: string; body?: unknown; cookie: string }) {
  const d1 = watched(env.DB);
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { cookie: init.cookie, origin: BASE };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await createApp().fetch(
    new Request(BASE + path, { method: init.method ?? (init.body !== undefined ? "POST" : "GET"), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }),
    { ...env, DB: d1.binding },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, trips: d1.trips };
}

/** A signed HubSpot delivery through the app, with D1 watched. */
async function measuredHubspot(connectorId: string, secret: string, body: string) {
  const d1 = watched(env.DB);
  const ctx = createExecutionContext();
  const url = `${BASE}/webhooks/hubspot/${connectorId}`;
  const timestamp = String(Date.now());
  const headers = { "content-type": "application/json", "x-hubspot-request-timestamp": timestamp, "x-hubspot-signature-v3": hubspotSignatureV3({ clientSecret: secret, method: "POST", url, body, timestamp }) };
  const res = await createApp().fetch(new Request(url, { method: "POST", headers, body }), { ...env, DB: d1.binding }, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, json: (await res.json()) as any, trips: d1.trips };
}

const simple = () => ({
  nodes: [node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] }), node("s", "action.set_data", { values: { a: "1" } }), node("done", "end", {})],
  edges: [edge("t", "s"), edge("s", "done")],
});

describe("D1 round trips per request", () => {
  it("a request about one workflow reads it, and its versions, in the session's batch", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, simple());
    expect((await call(`/api/workflows/${wf}/publish`, { cookie, method: "POST" })).status).toBe(201);

    const detail = await measured(`/api/workflows/${wf}`, { cookie });
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({ id: wf, versions: [expect.objectContaining({ version: 1 })] });
    expect(detail.trips).toEqual(["batch of 5"]);

    // A save answers with what it wrote, not with the row read before it.
    const saved = await measured(`/api/workflows/${wf}`, { cookie, method: "PUT", body: { name: "Renamed" } });
    expect(saved.json).toMatchObject({ name: "Renamed", versions: [expect.objectContaining({ version: 1 })] });
    expect(saved.trips).toHaveLength(2);

    const validate = await measured(`/api/workflows/${wf}/validate`, { cookie });
    expect(validate.json).toEqual({ valid: true, errors: [] });
    expect(validate.trips).toHaveLength(1);
  });

  it("the rows read with the session answer 404 for an unknown workflow and stay behind the role check", async () => {
    const { cookie } = await signedIn();
    const missing = await measured(`/api/workflows/wf_doesnotexist/validate`, { cookie });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("not_found");
    const wf = await createWorkflow(cookie, simple());
    const csm = await signedIn("csm");
    const refused = await measured(`/api/workflows/${wf}`, { cookie: csm.cookie });
    expect(refused.status).toBe(403);
  });

  it("starting a test run makes one D1 round trip; the run is listed once its first alarm settles", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, simple());
    const started = await measured(`/api/workflows/${wf}/test`, { cookie, body: { deal: sampleDeal({ objectId: "rt-1" }) } });
    expect(started.status).toBe(201);
    expect(started.trips).toEqual(["batch of 5"]);
    await kicked(started.json.runId);
    const row = await db().select().from(schema.runs).where(eq(schema.runs.id, started.json.runId)).get();
    expect(row).toMatchObject({ status: "completed", mode: "test", workflowId: wf });
  });
});

describe("D1 round trips per webhook delivery", () => {
  it("a new event costs one (claimed with its outcome and its run's first index row), and so does a repeat", async () => {
    const { cookie } = await signedIn();
    const c = await createConnector(cookie, "hubspot");
    await activeWorkflow(cookie, hubspotTrigger(c.id));
    // The first delivery opens the connector and reads the candidate workflows the long way:
    // claim with the candidates, then the outcome with the run's index row (and "last event").
    const warm = await measuredHubspot(c.id, c.secret!, closedWon("9100000"));
    expect(warm.json.events).toEqual([expect.objectContaining({ outcome: "started" })]);
    expect(warm.trips.slice(1)).toEqual(["batch of 4", "batch of 2", expect.stringMatching(/^update "connectors"/)]);
    const body = closedWon("9100001");
    const first = await measuredHubspot(c.id, c.secret!, body);
    expect(first.json.events).toEqual([expect.objectContaining({ outcome: "started", runIds: [expect.any(String)] })]);
    expect(first.trips).toEqual(["batch of 4"]);
    const runId = first.json.events[0].runIds[0];
    // Listed before the CRM got its answer, as the run object itself would list it.
    const listed = await db().select().from(schema.runs).where(eq(schema.runs.id, runId)).get();
    expect(listed).toMatchObject({ status: "running", mode: "live", subjectObjectId: "9100001" });
    const again = await measuredHubspot(c.id, c.secret!, body);
    expect(again.json.events).toEqual([expect.objectContaining({ outcome: "duplicate", runIds: [] })]);
    expect(again.trips).toEqual(["batch of 4"]);
    const log = await events(cookie, c.id);
    expect(log[0]).toMatchObject({ id: again.json.events[0].id, outcome: "duplicate", reason: expect.stringMatching(/^The same event was received at \S+ \(started\); nothing was started again\.$/) });
    expect(log[1]).toMatchObject({ outcome: "started", runIds: [runId], reason: null });
    expect(log.filter((e) => e.outcome === "started").length).toBe(2);
    // The run object's own rows replace the first one as it goes.
    // (The fake HubSpot has no deal 9100001, so the run fails at its read: a change all the same.)
    const run = await drive(cookie, runId);
    expect(run.status).toBe("failed");
    const after = await db().select().from(schema.runs).where(eq(schema.runs.id, runId)).get();
    expect(after).toMatchObject({ status: "failed", startedAt: listed!.startedAt });
    expect(after!.seq).toBeGreaterThan(1);
  });

  it("kept candidates are never trusted past a change: a pause, or a new workflow, is seen by the next delivery", async () => {
    const { cookie } = await signedIn();
    const c = await createConnector(cookie, "hubspot");
    const wf = await activeWorkflow(cookie, hubspotTrigger(c.id), { name: "First" });
    expect((await measuredHubspot(c.id, c.secret!, closedWon("9100010"))).json.events[0].outcome).toBe("started");
    expect((await call(`/api/workflows/${wf}/status`, { cookie, body: { status: "paused" } })).status).toBe(200);
    const paused = await measuredHubspot(c.id, c.secret!, closedWon("9100011"));
    expect(paused.json.events).toEqual([expect.objectContaining({ outcome: "ignored", runIds: [], reason: "“First” would start but is paused" })]);
    // The kept set (which still had "First" active) claimed nothing; the long way decided.
    expect(paused.trips).toEqual(["batch of 4", "batch of 4", "batch of 1"]);
    // Nor did it list the run it would have started.
    expect(await db().select({ id: schema.runs.id }).from(schema.runs).where(eq(schema.runs.workflowId, wf)).all()).toHaveLength(1);
    const second = await activeWorkflow(cookie, hubspotTrigger(c.id), { name: "Second" });
    const both = await measuredHubspot(c.id, c.secret!, closedWon("9100012"));
    expect(both.json.events[0]).toMatchObject({ outcome: "started", reason: "“First” would start but is paused" });
    expect(both.json.events[0].runIds).toHaveLength(1);
    const runs = await db().select().from(schema.runs).where(eq(schema.runs.id, both.json.events[0].runIds[0])).get();
    expect(runs).toMatchObject({ workflowId: second, workflowName: "Second" });
    // And once kept again, the next delivery is decided in one round trip.
    const next = await measuredHubspot(c.id, c.secret!, closedWon("9100013"));
    expect(next.json.events[0]).toMatchObject({ outcome: "started" });
    expect(next.trips).toEqual(["batch of 4"]);
  });

  it("a repeat of an event whose first delivery is still being processed says so", async () => {
    const { cookie } = await signedIn();
    const c = await createConnector(cookie, "hubspot");
    await activeWorkflow(cookie, hubspotTrigger(c.id));
    const body = closedWon("9100002");
    const key = hubspotStageKey("9100002", "closedwon", JSON.parse(body)[0].occurredAt);
    // A claim in progress, as a concurrent delivery would hold it.
    await db().insert(schema.events).values({ id: "evt_inprogress", connectorId: c.id, receivedAt: new Date().toISOString(), eventKey: key, type: "deal.propertyChange", objectId: "9100002", verified: true, outcome: "ignored", reason: "Processing…", runIds: [] });
    const again = await measuredHubspot(c.id, c.secret!, body);
    expect(again.json.events).toEqual([expect.objectContaining({ outcome: "duplicate", reason: "The same event is being processed; nothing was started again." })]);
  });
});

describe("an abandoned claim", () => {
  it("is taken over by the next delivery, which starts the run under the same log row", async () => {
    const { cookie } = await signedIn();
    const c = await createConnector(cookie, "hubspot");
    await activeWorkflow(cookie, hubspotTrigger(c.id));
    const body = closedWon("9100003");
    const key = hubspotStageKey("9100003", "closedwon", JSON.parse(body)[0].occurredAt);
    // A delivery that died two minutes ago while holding the claim.
    await db().insert(schema.events).values({ id: "evt_abandoned", connectorId: c.id, receivedAt: new Date(Date.now() - 120_000).toISOString(), eventKey: key, type: "deal.propertyChange", objectId: "9100003", verified: true, outcome: "ignored", reason: "Processing…", runIds: [] });
    const r = await measuredHubspot(c.id, c.secret!, body);
    expect(r.json.events).toEqual([expect.objectContaining({ id: "evt_abandoned", outcome: "started", runIds: [expect.any(String)] })]);
    const log = await events(cookie, c.id);
    expect(log.filter((e) => e.eventKey === key || e.id === "evt_abandoned").map((e) => [e.id, e.outcome])).toEqual([["evt_abandoned", "started"]]);
  });
});

describe("a run before its index row reaches D1", () => {
  /** trigger → a slow AI step → a human review: the first alarm holds the run for `delayMs`. */
  function slowFirstStep(userId: string, steps = 1) {
    const slow = Array.from({ length: steps }, (_, i) => node(`x${i}`, "ai.transform", { instruction: "Extract", input: "{{deal.name}}", fields: [{ key: "seats", type: "number", description: "seats" }] }));
    return {
      nodes: [node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] }), ...slow, node("r", "human.review", { title: "Check", assignee: { userId } }), node("done", "end", {})],
      edges: [edge("t", "x0"), ...slow.slice(1).map((n, i) => edge(`x${i}`, n.id)), edge(`x${steps - 1}`, "r"), edge("r", "done", "done"), edge("r", "done", "timeout")],
    };
  }

  it("can be cancelled, and its detail read, while its first step is still running", async () => {
    const { cookie, user } = await signedIn();
    await scriptedModel(cookie, "slow-first", [{ delayMs: 1200, content: { seats: 3 } }]);
    const wf = await createWorkflow(cookie, slowFirstStep(user.id));
    const r = await call(`/api/workflows/${wf}/test`, { cookie, body: { deal: sampleDeal({ objectId: "rt-2" }) } });
    const runId = r.json.runId as string;
    expect(await db().select().from(schema.runs).where(eq(schema.runs.id, runId)).get()).toBeUndefined();
    expect((await getRun(cookie, runId)).id).toBe(runId);
    const cancelled = await call(`/api/runs/${runId}/cancel`, { cookie, method: "POST" });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.json.status).toBe("cancelled");
    expect(await db().select().from(schema.runs).where(eq(schema.runs.id, runId)).get()).toMatchObject({ status: "cancelled" });
    // An id no run was ever started under is still a 404.
    expect((await call(`/api/runs/run_${"0".repeat(32)}/cancel`, { cookie, method: "POST" })).status).toBe(404);
  });

  it("a long stretch of automatic steps reaches the index while it runs, not only when it ends", async () => {
    const { cookie, user } = await signedIn();
    await scriptedModel(cookie, "slow-stretch", [
      { delayMs: 2200, content: { seats: 1 } },
      { delayMs: 2500, content: { seats: 2 } },
    ]);
    const wf = await createWorkflow(cookie, slowFirstStep(user.id, 2));
    const r = await call(`/api/workflows/${wf}/test`, { cookie, body: { deal: sampleDeal({ objectId: "rt-3" }) } });
    const runId = r.json.runId as string;
    // While x1 runs (after x0's 2.2 s), the index already shows the run at x1.
    let seen: typeof schema.runs.$inferSelect | undefined;
    for (let i = 0; i < 60 && !seen; i++) {
      const row = await db().select().from(schema.runs).where(eq(schema.runs.id, runId)).get();
      if (row && row.status === "running") seen = row;
      else await new Promise((ok) => setTimeout(ok, 100));
    }
    expect(seen).toMatchObject({ status: "running", currentNodeIds: ["x1"] });
    let run = await getRun(cookie, runId);
    for (let i = 0; i < 60 && run.status === "running"; i++) {
      await new Promise((ok) => setTimeout(ok, 100));
      run = await getRun(cookie, runId);
    }
    expect(run.status).toBe("paused");
    expect(await db().select().from(schema.runs).where(eq(schema.runs.id, runId)).get()).toMatchObject({ status: "paused", currentNodeIds: ["r"] });
  });
});

describe("the Queue Dashboard read with the session", () => {
  /** A test run paused at an approval for `assignee`; returns its queue item's id. */
  async function waitingItem(cookie: string, assignee: Record<string, string>, objectId: string) {
    const wf = await createWorkflow(cookie, {
      nodes: [node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] }), node("ok", "human.approval", { title: "Approve", assignee }), node("done", "end", {})],
      edges: [edge("t", "ok"), edge("ok", "done", "approved"), edge("ok", "done", "rejected"), edge("ok", "done", "timeout")],
    });
    const r = await call(`/api/workflows/${wf}/test`, { cookie, body: { deal: sampleDeal({ objectId }) } });
    expect((await drive(cookie, r.json.runId)).status).toBe("paused");
    const items = await call(`/api/queue?runId=${r.json.runId}&mode=test`, { cookie });
    return items.json.items[0].id as string;
  }

  it("a person's next listing and counts are read with their session, and answer as a separate read does", async () => {
    const { cookie: admin } = await signedIn();
    const csm = await makeUser({ role: "csm" });
    const itemId = await waitingItem(admin, { poolId: await makePool([csm.id]) }, "rt-q1");
    const cookie = await login(csm.email);
    const path = "/api/queue?mode=test&pool=mine";
    const first = await measured(path, { cookie });
    expect(first.trips).toEqual(["batch of 3", expect.stringContaining("queue_items")]);
    const second = await measured(path, { cookie });
    expect(second.trips).toEqual(["batch of 4"]);
    expect(second.json).toEqual(first.json);
    expect(second.json.items.map((i: { id: string }) => i.id)).toEqual([itemId]);
    const counts = await measured("/api/queue/counts?mode=test", { cookie });
    expect(counts.trips).toEqual(["batch of 4"]);
    expect(counts.json).toMatchObject({ open: 1 });
    // Other filters of the same person read with the session too (assigned-to-me is a union of two reads).
    const done = await measured("/api/queue?mode=test&status=done", { cookie });
    expect(done.trips).toEqual(["batch of 4"]);
    expect(done.json.items).toEqual([]);
    await db().update(schema.queueItems).set({ assigneeId: csm.id }).where(eq(schema.queueItems.id, itemId));
    const assigned = await measured("/api/queue?mode=test&assignee=me", { cookie });
    expect(assigned.trips).toEqual(["batch of 4"]);
    expect(assigned.json.items.map((i: { id: string }) => i.id)).toEqual([itemId]);
  });

  it("when the person changed (role, pools), the listing read with the session is dropped and read again", async () => {
    const { cookie: other } = await signedIn();
    const someone = await makeUser({ role: "csm" });
    const itemId = await waitingItem(other, { userId: someone.id }, "rt-q2");
    const admin = await makeUser({ role: "admin" });
    const cookie = await login(admin.email);
    const path = `/api/queue?mode=test&runId=`;
    const runIdOf = (await call(`/api/queue/${itemId}`, { cookie })).json.runId as string;
    expect((await measured(path + runIdOf, { cookie })).json.items).toHaveLength(1);
    const again = await measured(path + runIdOf, { cookie });
    expect(again.trips).toEqual(["batch of 4"]);
    expect(again.json.items).toHaveLength(1);
    // Demoted: the guess (an admin's listing) no longer holds; a CSM in no pool sees none of it.
    await db().update(schema.users).set({ role: "csm" }).where(eq(schema.users.id, admin.id));
    const demoted = await measured(path + runIdOf, { cookie });
    expect(demoted.trips).toHaveLength(2);
    expect(demoted.json.items).toEqual([]);
    expect((await measured("/api/queue/counts?mode=test", { cookie })).json).toMatchObject({ open: 0 });
    // Put in the item's pool-less assignee's place: assigned to them, the item shows again.
    await db().update(schema.queueItems).set({ assigneeId: admin.id }).where(eq(schema.queueItems.id, itemId));
    expect((await measured(path + runIdOf, { cookie })).json.items.map((i: { id: string }) => i.id)).toEqual([itemId]);
  });
});
