import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { call, db, signedIn } from "./helpers";
import { schema } from "../../worker/db/client";
import worker from "../../worker/index";
import closedWonFixture from "../fixtures/hubspot/deal-propertychange-closedwon.json?raw";
import { activeWorkflow, createConnector, DATABASE_ID, events, fake, hubspotTrigger, postHubspot, runsOf } from "./crm-helpers";

/** Runs the Worker's cron handler as Cloudflare would, and waits for its background work. */
async function cron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "*/5 * * * *" }), env as any, ctx);
  await waitOnExecutionContext(ctx);
}

const connectorRow = (id: string) => db().select().from(schema.connectors).where(eq(schema.connectors.id, id)).get();

/** Turns polling on and starts the cursor before the fixtures' changes (March 2026). */
async function polling(cookie: string, id: string, cursor: string) {
  const r = await call(`/api/connectors/${id}`, { method: "PATCH", cookie, body: { settings: { polling: true } } });
  expect(r.status, r.text).toBe(200);
  await db().update(schema.connectors).set({ pollCursor: cursor }).where(eq(schema.connectors.id, id));
}

describe("polling fallback", () => {
  it("HubSpot: the cursor advances, a change already delivered by webhook is a duplicate, a new one starts a run", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const wf = await activeWorkflow(cookie, hubspotTrigger(c.id), { reenroll: true });
    await postHubspot(c.id, c.secret!, closedWonFixture); // occurredAt = when the deal entered closedwon
    expect(await runsOf(cookie, wf)).toHaveLength(1);

    await polling(cookie, c.id, String(Date.parse("2026-03-01T00:00:00Z")));
    await cron();
    const afterFirst = await connectorRow(c.id);
    expect(afterFirst!.pollCursor).toBe(String(Date.parse("2026-03-27T16:44:02.731Z"))); // the newest change seen
    const polled = (await events(cookie, c.id)).filter((e) => e.type.startsWith("poll:"));
    const brightline = polled.find((e) => e.objectId === "24587310912");
    expect(brightline).toMatchObject({ outcome: "duplicate", eventKey: "deal:24587310912:dealstage:closedwon@1774629730512" });
    expect(polled.filter((e) => e.outcome === "started")).toHaveLength(0);
    expect(await runsOf(cookie, wf)).toHaveLength(1); // re-enrolment is on, yet no second run

    // Nothing new: nothing logged, cursor unchanged.
    const before = (await events(cookie, c.id)).length;
    await cron();
    expect((await events(cookie, c.id)).length).toBe(before);
    expect((await connectorRow(c.id))!.pollCursor).toBe(afterFirst!.pollCursor);

    // A deal reaches Closed Won in HubSpot with no webhook: the next poll starts its run.
    await fake("hubspot", "set", { token: c.token, dealId: "24587402231", properties: { dealstage: "closedwon" }, at: "2026-03-28T09:00:00.000Z" });
    await cron();
    const runs = await runsOf(cookie, wf);
    expect(runs).toHaveLength(2);
    expect(runs.map((r) => r.subject.objectId).sort()).toEqual(["24587310912", "24587402231"]);
    expect((await connectorRow(c.id))!.pollCursor).toBe(String(Date.parse("2026-03-28T09:00:00.000Z")));
  });

  it("a CRM outage keeps the cursor (nothing is lost) and records the error; the next poll catches up", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const wf = await activeWorkflow(cookie, hubspotTrigger(c.id));
    const start = String(Date.parse("2026-03-01T00:00:00Z"));
    await polling(cookie, c.id, start);
    await fake("hubspot", "fail", { token: c.token, status: 503, path: "/search" });
    await cron();
    const row = await connectorRow(c.id);
    expect(row!.pollCursor).toBe(start);
    expect(row!.lastError).toContain("HubSpot had a problem on its side (503)");
    await cron();
    expect(await runsOf(cookie, wf)).toHaveLength(1);
    expect((await connectorRow(c.id))!.lastError).toBeNull();
  });

  it("Salesforce and Notion poll through the same dedupe and matching", async () => {
    const { cookie } = await signedIn("admin");
    const sf = await createConnector(cookie, "salesforce");
    const no = await createConnector(cookie, "notion");
    const sfWf = await activeWorkflow(cookie, { type: "trigger.salesforce", config: { connectorId: sf.id, stages: ["Closed Won"] } }, { name: "SF" });
    const noWf = await activeWorkflow(cookie, { type: "trigger.notion", config: { connectorId: no.id, databaseId: DATABASE_ID, event: "status_changed", values: ["Ready for onboarding"] } }, { name: "Notion" });
    await polling(cookie, sf.id, "2026-03-01T00:00:00.000Z");
    await polling(cookie, no.id, "2026-03-01T00:00:00.000Z");
    await cron();
    expect(await runsOf(cookie, sfWf)).toHaveLength(1);
    expect(await runsOf(cookie, noWf)).toHaveLength(1);
    expect((await events(cookie, sf.id))[0]).toMatchObject({ outcome: "started", eventKey: `opportunity:0065g00000Bq7XkAAJ:stage:Closed Won@${Date.parse("2026-03-30T18:21:47.000Z")}` });
    expect((await connectorRow(sf.id))!.pollCursor).toBe("2026-03-30T18:21:47.000Z");
    // The same page edited again in the same status is one change: no second run, even if polled again.
    await fake("notion", "set", { token: no.token, pageId: "1f4e5c7a-2b3d-80a9-8e61-c9d0b7a4f213", at: "2026-04-01T08:00:00.000Z" });
    await cron();
    expect(await runsOf(cookie, noWf)).toHaveLength(1);
    const noLog = await events(cookie, no.id);
    expect(noLog[0]).toMatchObject({ outcome: "duplicate", objectId: "1f4e5c7a-2b3d-80a9-8e61-c9d0b7a4f213" });
  });

  it("connectors without polling are left alone", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    await db().update(schema.connectors).set({ pollCursor: "0" }).where(eq(schema.connectors.id, c.id));
    await cron();
    expect((await connectorRow(c.id))!.pollCursor).toBe("0");
    expect(await events(cookie, c.id)).toHaveLength(0);
  });
});
