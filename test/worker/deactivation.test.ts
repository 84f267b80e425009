import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { call, db, expectErrorShape, login, makePool, makeUser, signedIn } from "./helpers";
import { createWorkflow, drive, edge, node, sampleDeal } from "./run-helpers";
import { schema } from "../../worker/db/client";
import { newId } from "../../worker/lib/crypto";
import { iso } from "../../worker/lib/time";
import worker from "../../worker/index";

const trigger = node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] });
const end = (id: string) => node(id, "end", {});
const approval = (assignee: unknown) => ({
  nodes: [trigger, node("ok", "human.approval", { title: "Approve {{deal.company.name}}", assignee }), end("e1"), end("e2"), end("e3")],
  edges: [edge("t", "ok"), edge("ok", "e1", "approved"), edge("ok", "e2", "rejected"), edge("ok", "e3", "timeout")],
});

/** A test run paused at its one task; returns the run and the item. */
async function pausedAt(cookie: string, definition: unknown) {
  const wf = await createWorkflow(cookie, definition);
  const r = await call(`/api/workflows/${wf}/test`, { cookie, body: { deal: sampleDeal() } });
  expect(r.status, r.text).toBe(201);
  const runId = r.json.runId as string;
  expect((await drive(cookie, runId)).status).toBe("paused");
  const items = await call(`/api/queue?runId=${runId}&mode=test`, { cookie });
  return { runId, item: items.json.items[0] as { id: string } };
}

const itemRow = (id: string) => db().select().from(schema.queueItems).where(eq(schema.queueItems.id, id)).get();
const deactivate = (cookie: string, id: string) => call(`/api/users/${id}`, { cookie, method: "PATCH", body: { active: false } });
const account = (csmId: string | null, mode: "live" | "test" = "live") => ({ id: newId("acc_"), mode, name: `Acme ${newId()}`, sourceConnector: "hubspot", sourceObjectId: newId(), csmId, createdAt: iso(), updatedAt: iso() });

describe("deactivating a user hands their open work on", () => {
  it("an item assigned to them from a pool goes back to that pool, claim cleared, and the run agrees", async () => {
    const { cookie: admin } = await signedIn();
    const leaver = await makeUser({ role: "csm", name: "Lee Leaver" });
    const colleague = await makeUser({ role: "csm" });
    const pool = await makePool([leaver.id, colleague.id]);
    const { runId, item } = await pausedAt(admin, approval({ poolId: pool }));
    // An admin gave it to the leaver by hand (which drops the pool from the item), and they claimed it.
    expect((await call(`/api/queue/${item.id}/assign`, { cookie: admin, body: { userId: leaver.id } })).status).toBe(200);
    expect((await call(`/api/queue/${item.id}/claim`, { cookie: await login(leaver.email), method: "POST" })).status).toBe(200);
    expect(await itemRow(item.id)).toMatchObject({ assigneeId: leaver.id, poolId: null, status: "claimed", claimedBy: leaver.id });

    const off = await deactivate(admin, leaver.id);
    expect(off.status, off.text).toBe(200);
    expect(off.json).toMatchObject({ user: { active: false }, handedBack: { toPool: 1, unassigned: 0, failed: 0 } });
    const row = await itemRow(item.id);
    expect(row).toMatchObject({ status: "open", assigneeId: null, poolId: pool, claimedBy: null, claimedAt: null });
    expect(row?.context).toMatchObject({ routing: "Lee Leaver was deactivated; back in the pool for any member to claim." });
    // A colleague in the pool sees it and may claim it.
    const colleagueCookie = await login(colleague.email);
    expect((await call(`/api/queue?assignee=&mode=test&runId=${runId}`, { cookie: colleagueCookie })).json.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    expect((await call(`/api/queue/${item.id}/claim`, { cookie: colleagueCookie, method: "POST" })).status).toBe(200);
    expect((await call(`/api/queue/${item.id}/release`, { cookie: colleagueCookie, method: "POST" })).status).toBe(200);
    // The run object holds the same assignment: its next mirror write (the decision) keeps the pool.
    expect((await call(`/api/queue/${item.id}/complete`, { cookie: admin, body: { decision: "approve" } })).status).toBe(200);
    expect(await itemRow(item.id)).toMatchObject({ status: "completed", assigneeId: null, poolId: pool });
    expect((await drive(admin, runId)).status).toBe("completed");
  });

  it("an item assigned to them with no pool becomes unassigned, for an admin to assign, who can", async () => {
    const { cookie: admin } = await signedIn();
    const leaver = await makeUser({ role: "csm", name: "Nia Nopool" });
    const successor = await makeUser({ role: "csm" });
    const { runId, item } = await pausedAt(admin, approval({ userId: leaver.id }));
    expect(await itemRow(item.id)).toMatchObject({ assigneeId: leaver.id, poolId: null });

    const off = await deactivate(admin, leaver.id);
    expect(off.json.handedBack).toEqual({ toPool: 0, unassigned: 1, failed: 0 });
    const row = await itemRow(item.id);
    expect(row).toMatchObject({ status: "open", assigneeId: null, poolId: null, claimedBy: null });
    expect(row?.context).toMatchObject({ routing: "Nia Nopool was deactivated; unassigned until an admin assigns it." });
    const unassigned = await call(`/api/queue?assignee=unassigned&mode=test&runId=${runId}`, { cookie: admin });
    expect(unassigned.json.items.map((i: { id: string }) => i.id)).toEqual([item.id]);

    const assigned = await call(`/api/queue/${item.id}/assign`, { cookie: admin, body: { userId: successor.id } });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.json).toMatchObject({ assigneeId: successor.id });

    // Deactivating again hands back nothing more (the item is no longer theirs).
    expect((await deactivate(admin, leaver.id)).json.handedBack).toEqual({ toPool: 0, unassigned: 0, failed: 0 });
    expect(await itemRow(item.id)).toMatchObject({ assigneeId: successor.id });
  });

  it("a task that opens for someone already deactivated, with no pool, waits unassigned rather than with them", async () => {
    const { cookie: admin } = await signedIn();
    const gone = await makeUser({ role: "csm", name: "Gus Gone", active: false });
    const { item } = await pausedAt(admin, approval({ userId: gone.id }));
    const row = await itemRow(item.id);
    expect(row).toMatchObject({ assigneeId: null, poolId: null });
    expect(row?.context).toMatchObject({ routing: "Gus Gone was deactivated; unassigned until an admin assigns it." });
  });

  it("items assigned to others, and finished items, are left alone", async () => {
    const { cookie: admin } = await signedIn();
    const leaver = await makeUser({ role: "csm" });
    const stays = await makeUser({ role: "csm" });
    const { item } = await pausedAt(admin, approval({ userId: stays.id }));
    const done = await pausedAt(admin, approval({ userId: leaver.id }));
    expect((await call(`/api/queue/${done.item.id}/complete`, { cookie: admin, body: { decision: "approve" } })).status).toBe(200);
    expect((await deactivate(admin, leaver.id)).json.handedBack).toEqual({ toPool: 0, unassigned: 0, failed: 0 });
    expect(await itemRow(item.id)).toMatchObject({ assigneeId: stays.id });
    expect(await itemRow(done.item.id)).toMatchObject({ status: "completed", assigneeId: leaver.id });
  });
});

/** Runs the Worker's cron handler as Cloudflare would, and waits for its background work. */
async function cron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "*/5 * * * *" }), env as any, ctx);
  await waitOnExecutionContext(ctx);
}

describe("the cron hands on work that reached someone after their deactivation", () => {
  it("an item assigned to them goes back to its pool, an item they claimed is let go, the run agrees, and active people's items stay", async () => {
    const { cookie: admin } = await signedIn();
    const late = await makeUser({ role: "csm", name: "Lou Late" });
    const colleague = await makeUser({ role: "csm" });
    const stays = await makeUser({ role: "csm" });
    const pool = await makePool([late.id, colleague.id]);
    const lateCookie = await login(late.email);
    const assigned = await pausedAt(admin, approval({ poolId: pool }));
    expect((await call(`/api/queue/${assigned.item.id}/assign`, { cookie: admin, body: { userId: late.id } })).status).toBe(200);
    const claimed = await pausedAt(admin, approval({ poolId: pool }));
    expect((await call(`/api/queue/${claimed.item.id}/claim`, { cookie: lateCookie, method: "POST" })).status).toBe(200);
    const others = await pausedAt(admin, approval({ userId: stays.id }));
    // Deactivated as these landed: the deactivation's own hand-back never saw them (here it never
    // ran at all), so D1 holds open work for someone inactive.
    await db().update(schema.users).set({ active: false }).where(eq(schema.users.id, late.id));

    await cron();
    const back = await itemRow(assigned.item.id);
    expect(back).toMatchObject({ status: "open", assigneeId: null, poolId: pool, claimedBy: null });
    expect(back?.context).toMatchObject({ routing: "Lou Late was deactivated; back in the pool for any member to claim." });
    expect(await itemRow(claimed.item.id)).toMatchObject({ status: "open", poolId: pool, claimedBy: null, claimedAt: null });
    expect(await itemRow(others.item.id)).toMatchObject({ status: "open", assigneeId: stays.id });

    // The run holds the same assignment: a colleague in the pool may claim it, and the decision goes on.
    const colleagueCookie = await login(colleague.email);
    expect((await call(`/api/queue/${assigned.item.id}/claim`, { cookie: colleagueCookie, method: "POST" })).status).toBe(200);
    expect((await call(`/api/queue/${assigned.item.id}/release`, { cookie: colleagueCookie, method: "POST" })).status).toBe(200);
    expect((await call(`/api/queue/${assigned.item.id}/complete`, { cookie: admin, body: { decision: "approve" } })).status).toBe(200);
    expect((await drive(admin, assigned.runId)).status).toBe("completed");
    // The next sweep has nothing of theirs to move.
    await cron();
    expect(await itemRow(assigned.item.id)).toMatchObject({ status: "completed", assigneeId: null, poolId: pool });
  });
});

describe("reactivating a user", () => {
  it("a deactivated CSM is signed out, cannot sign in and is never routed to; reactivated, they sign in and are routed to again, and what was handed on stays handed on", async () => {
    const { cookie: admin } = await signedIn();
    const leaver = await makeUser({ role: "csm", name: "Ray Returns" });
    const pool = await makePool([leaver.id]);
    const leaverCookie = await login(leaver.email);
    const { item } = await pausedAt(admin, approval({ userId: leaver.id }));
    const routed = {
      nodes: [trigger, node("acc", "action.create_account", {}), node("pick", "action.assign_csm", { poolId: pool, strategy: "round_robin" }), end("done"), end("nobody")],
      edges: [edge("t", "acc"), edge("acc", "pick"), edge("pick", "done", "out"), edge("pick", "nobody", "none")],
    };
    const wf = await createWorkflow(admin, routed);
    /** A run of the routing workflow for a deal of its own; returns who it picked. */
    const routeOnce = async () => {
      const r = await call(`/api/workflows/${wf}/test`, { cookie: admin, body: { deal: sampleDeal({ objectId: String(Math.floor(Math.random() * 1e12)) }) } });
      expect(r.status, r.text).toBe(201);
      const run = await drive(admin, r.json.runId);
      expect(run.status).toBe("completed");
      return run.data.csm?.id ?? null;
    };
    expect(await routeOnce()).toBe(leaver.id);

    expect((await deactivate(admin, leaver.id)).json.handedBack).toEqual({ toPool: 0, unassigned: 1, failed: 0 });
    expect((await call("/api/me", { cookie: leaverCookie })).status).toBe(401);
    const refused = await call("/api/auth/login", { body: { email: leaver.email, password: "correct-horse" } });
    expect(refused.status).toBe(401);
    expectErrorShape(refused.json);
    expect(refused.json.error.code).toBe("invalid_credentials");
    // Their pool has nobody active left: the run takes its "none" path instead of picking them.
    expect(await routeOnce()).toBe(null);

    const back = await call(`/api/users/${leaver.id}`, { cookie: admin, method: "PATCH", body: { active: true } });
    expect(back.status, back.text).toBe(200);
    expect(back.json.user).toMatchObject({ active: true });
    expect(back.json.handedBack).toBeUndefined();
    expect((await call("/api/me", { cookie: leaverCookie })).status).toBe(401);
    const again = await login(leaver.email);
    expect((await call("/api/me", { cookie: again })).json).toMatchObject({ id: leaver.id });
    expect(await routeOnce()).toBe(leaver.id);
    // The item handed on while they were away does not come back to them by itself.
    expect(await itemRow(item.id)).toMatchObject({ status: "open", assigneeId: null });
  });
});

describe("GET /api/users/:id/open-work", () => {
  it("counts the open items a person is assigned or has claimed and the live accounts they own; admins only", async () => {
    const { cookie: admin } = await signedIn();
    const csm = await makeUser({ role: "csm" });
    const pool = await makePool([csm.id]);
    await pausedAt(admin, approval({ userId: csm.id }));
    const pooled = await pausedAt(admin, approval({ poolId: pool }));
    expect((await call(`/api/queue/${pooled.item.id}/claim`, { cookie: await login(csm.email), method: "POST" })).status).toBe(200);
    await pausedAt(admin, approval({ poolId: pool })); // in their pool, but not theirs
    await db().insert(schema.accounts).values([account(csm.id), account(csm.id), account(csm.id, "test"), account(null)]);

    const work = await call(`/api/users/${csm.id}/open-work`, { cookie: admin });
    expect(work.status, work.text).toBe(200);
    expect(work.json).toEqual({ queueItems: 2, accounts: 2 });
    expect((await call(`/api/users/${(await makeUser()).id}/open-work`, { cookie: admin })).json).toEqual({ queueItems: 0, accounts: 0 });

    const missing = await call("/api/users/u_nobody/open-work", { cookie: admin });
    expect(missing.status).toBe(404);
    expectErrorShape(missing.json);
    const other = await signedIn("csm");
    expect((await call(`/api/users/${other.user.id}/open-work`, { cookie: other.cookie })).status).toBe(403);
  });
});

describe("GET /api/accounts?csmId=inactive", () => {
  it("lists the accounts whose CSM was deactivated, for an admin to hand over; they keep that CSM meanwhile", async () => {
    const { cookie: admin } = await signedIn();
    const leaver = await makeUser({ role: "csm", name: "Ada Away" });
    const stays = await makeUser({ role: "csm" });
    const [theirs, kept, nobody] = [account(leaver.id), account(stays.id), account(null)];
    await db().insert(schema.accounts).values([theirs, kept, nobody]);
    const inactive = async () => (await call("/api/accounts?csmId=inactive&limit=200", { cookie: admin })).json.items.map((a: { id: string }) => a.id);
    expect(await inactive()).not.toContain(theirs.id);

    expect((await deactivate(admin, leaver.id)).status).toBe(200);
    const listed = await inactive();
    expect(listed).toContain(theirs.id);
    expect(listed).not.toContain(kept.id);
    expect(listed).not.toContain(nobody.id);
    expect((await call(`/api/accounts/${theirs.id}`, { cookie: admin })).json.csm).toMatchObject({ id: leaver.id, name: "Ada Away" });

    // Handed over (the account page's Change CSM), it leaves the filter.
    expect((await call(`/api/accounts/${theirs.id}/csm`, { cookie: admin, method: "PUT", body: { csmId: stays.id } })).status).toBe(200);
    expect(await inactive()).not.toContain(theirs.id);
    expect(await db().select().from(schema.accounts).where(and(eq(schema.accounts.id, theirs.id), eq(schema.accounts.csmId, stays.id)))).toHaveLength(1);

    // A CSM only ever sees their own accounts, whatever the filter says.
    const csm = await signedIn("csm");
    expect((await call("/api/accounts?csmId=inactive", { cookie: csm.cookie })).json.items).toEqual([]);
  });
});
