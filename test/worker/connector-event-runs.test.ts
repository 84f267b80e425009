import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createApp } from "../../worker/app";
import { schema } from "../../worker/db/client";
import { BASE, call, db, signedIn } from "./helpers";
import { watched } from "./d1-watch";
import { activeWorkflow, closedWon, createConnector, events, hubspotTrigger, postHubspot } from "./crm-helpers";

/** The event log as the page reads it, with D1 watched: the answer and its round trips. */
async function logWithTrips(cookie: string, connectorId: string) {
  const d1 = watched(env.DB);
  const ctx = createExecutionContext();
  const res = await createApp().fetch(new Request(`${BASE}/api/connectors/${connectorId}/events`, { headers: { cookie } }), { ...env, DB: d1.binding }, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, items: ((await res.json()) as { items: any[] }).items, trips: d1.trips };
}

describe("GET /api/connectors/:id/events names the workflows an event started", () => {
  it("each started run comes with its workflow's id and name, in runIds order; other events have none", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const alpha = await activeWorkflow(cookie, hubspotTrigger(c.id), { name: "Alpha onboarding" });
    const beta = await activeWorkflow(cookie, hubspotTrigger(c.id), { name: "Beta onboarding" });
    const body = closedWon();
    expect((await postHubspot(c.id, c.secret!, body)).status).toBe(200);
    expect((await postHubspot(c.id, c.secret!, body)).status).toBe(200); // the same event again: a duplicate
    await postHubspot(c.id, "wrong-secret", body); // rejected

    const [rejected, duplicate, started] = await events(cookie, c.id);
    expect([rejected.outcome, duplicate.outcome, started.outcome]).toEqual(["rejected", "duplicate", "started"]);
    expect(started.runIds).toHaveLength(2);
    const workflowOf = new Map((await db().select({ id: schema.runs.id, workflowId: schema.runs.workflowId }).from(schema.runs)).map((r) => [r.id, r.workflowId]));
    const names: Record<string, string> = { [alpha]: "Alpha onboarding", [beta]: "Beta onboarding" };
    expect(started.startedRuns).toEqual(started.runIds.map((id: string) => ({ id, workflowId: workflowOf.get(id), workflowName: names[workflowOf.get(id)!] })));
    expect(new Set(started.startedRuns.map((r: { workflowName: string }) => r.workflowName))).toEqual(new Set(["Alpha onboarding", "Beta onboarding"]));
    expect(duplicate.startedRuns).toEqual([]);
    expect(rejected.startedRuns).toEqual([]);

    // The outcome filter and paging answer the same field.
    const filtered = await call(`/api/connectors/${c.id}/events?outcome=started&limit=1`, { cookie });
    expect(filtered.json.items[0].startedRuns).toEqual(started.startedRuns);

    // A run no longer in the runs index is left out of the names; its id stays in runIds for the page to link.
    const [gone, kept] = started.runIds as string[];
    await db().delete(schema.runs).where(eq(schema.runs.id, gone));
    const [, , after] = await events(cookie, c.id);
    expect(after.runIds).toEqual([gone, kept]);
    expect(after.startedRuns.map((r: { id: string }) => r.id)).toEqual([kept]);
  });

  it("the names come in the log's own query: a page naming runs costs the same round trips as an empty one", async () => {
    const { cookie } = await signedIn("admin");
    const busy = await createConnector(cookie, "hubspot");
    const quiet = await createConnector(cookie, "hubspot");
    for (const name of ["One", "Two", "Three"]) await activeWorkflow(cookie, hubspotTrigger(busy.id), { name });
    for (const deal of ["24587310912", "24587310913"]) expect((await postHubspot(busy.id, busy.secret!, closedWon(deal))).status).toBe(200);

    const named = await logWithTrips(cookie, busy.id);
    expect(named.status).toBe(200);
    expect(named.items.flatMap((e) => e.startedRuns.map((r: { workflowName: string }) => r.workflowName)).sort()).toEqual(["One", "One", "Three", "Three", "Two", "Two"]);
    const empty = await logWithTrips(cookie, quiet.id);
    expect(empty.items).toEqual([]);
    expect(named.trips).toHaveLength(empty.trips.length);
  });
});
