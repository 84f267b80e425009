import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../worker/db/client";
import { newId } from "../../worker/lib/crypto";
import { iso } from "../../worker/lib/time";
import { env } from "cloudflare:workers";
import { accountWrites } from "../../durable/services/account-writes";
import { call, db, expectErrorShape, login, makePool, makeUser, signedIn } from "./helpers";
import { createWorkflow, drive, edge, node, sampleDeal } from "./run-helpers";

const PLAN = [
  { milestone: "Kickoff", dueAt: "2026-04-06", tasks: [{ title: "Kickoff call", owner: "csm", dueAt: "2026-04-06" }, { title: "Share admin list", owner: "customer", dueAt: "2026-04-08" }] },
  { milestone: "Go-live", dueAt: "2026-05-13", tasks: [{ title: "SSO configured", owner: "customer", dueAt: "2026-04-29" }] },
];

/** An account with the plan above, owned by `csmId`. */
async function makeAccount(csmId: string | null, plan: unknown[] | null = PLAN) {
  const id = newId("acct_");
  await db().insert(schema.accounts).values({ id, mode: "live", name: "Brightline " + id, sourceConnector: "hubspot", sourceObjectId: id, csmId, plan, createdAt: iso(), updatedAt: iso() });
  return id;
}

const storedPlan = async (id: string) => (await db().select({ plan: schema.accounts.plan }).from(schema.accounts).where(eq(schema.accounts.id, id)).get())!.plan as typeof PLAN;
const tick = (cookie: string, account: string, task: string, body: unknown) => call(`/api/accounts/${account}/plan/tasks/${task}`, { method: "PATCH", cookie, body });

describe("PATCH /api/accounts/:id/plan/tasks/:taskId", () => {
  it("lets the account's CSM tick a task done and undone, recording who and when in the plan", async () => {
    const csm = await makeUser({ role: "csm", name: "Casey Csm" });
    const cookie = await login(csm.email);
    const id = await makeAccount(csm.id);
    const before = Date.now();
    const done = await tick(cookie, id, "0.1", { done: true });
    expect(done.status, done.text).toBe(200);
    expect(done.json.task).toMatchObject({ title: "Share admin list", done: true, doneBy: { id: csm.id, name: "Casey Csm" } });
    expect(Date.parse(done.json.task.doneAt)).toBeGreaterThanOrEqual(before - 1000);
    const stored = await storedPlan(id);
    expect(stored[0].tasks[1]).toEqual(done.json.task);
    expect(stored[0].tasks[0]).toEqual(PLAN[0].tasks[0]); // the others untouched
    expect(done.json.plan).toEqual(stored);
    // The account page reads it back.
    expect((await call(`/api/accounts/${id}`, { cookie })).json.plan[0].tasks[1]).toMatchObject({ done: true, doneBy: { name: "Casey Csm" } });

    const undone = await tick(cookie, id, "0.1", { done: false });
    expect(undone.status).toBe(200);
    expect(undone.json.task).toEqual({ ...PLAN[0].tasks[1], done: false });
    expect((await storedPlan(id))[0].tasks[1]).toEqual({ ...PLAN[0].tasks[1], done: false });
  });

  it("keeps who ticked a task first when it is ticked again, and ticks on other tasks are not lost", async () => {
    const { cookie: admin, user } = await signedIn("admin");
    const csm = await makeUser({ role: "csm" });
    const id = await makeAccount(csm.id);
    const first = await tick(admin, id, "1.0", { done: true });
    const csmCookie = await login(csm.email);
    const again = await tick(csmCookie, id, "1.0", { done: true });
    expect(again.json.task).toEqual(first.json.task);
    expect(again.json.task.doneBy.id).toBe(user.id);
    // Several ticks at once each land (no read-modify-write of the whole plan).
    const all = await Promise.all(["0.0", "0.1"].map((t) => tick(csmCookie, id, t, { done: true })));
    expect(all.map((r) => r.status)).toEqual([200, 200]);
    expect((await storedPlan(id)).flatMap((m) => m.tasks.map((t) => (t as { done?: boolean }).done))).toEqual([true, true, true]);
  });

  it("lets an admin tick any account's tasks, and refuses a CSM who does not own the account with 403", async () => {
    const owner = await makeUser({ role: "csm" });
    const other = await makeUser({ role: "csm" });
    const id = await makeAccount(owner.id);
    const unowned = await makeAccount(null);
    const { cookie: admin } = await signedIn("admin");
    expect((await tick(admin, unowned, "0.0", { done: true })).status).toBe(200);

    const otherCookie = await login(other.email);
    for (const account of [id, unowned]) {
      const r = await tick(otherCookie, account, "0.0", { done: true });
      expect(r.status).toBe(403);
      expectErrorShape(r.json);
      expect(r.json.error.code).toBe("forbidden");
    }
    expect((await storedPlan(id))[0].tasks[0]).toEqual(PLAN[0].tasks[0]);
    // Even for a task that does not exist, a stranger learns nothing but 403.
    expect((await tick(otherCookie, id, "9.9", { done: true })).status).toBe(403);
  });

  it("answers bad input with the API.md error shape, never a 500", async () => {
    const { cookie } = await signedIn("admin");
    const id = await makeAccount(null);
    const noPlan = await makeAccount(null, null);
    const cases: [string, string, unknown, number][] = [
      [id, "0.0", { done: "yes" }, 422],
      [id, "0.0", {}, 422],
      [id, "0.0", { done: true, extra: 1 }, 422],
      [id, "0.0", [true], 422],
      [id, "0.0", { done: true, title: 7 }, 422],
      [id, "0.2", { done: true, title: "Share admin list" }, 404],
      [id, "first", { done: true }, 404],
      [id, "-1.0", { done: true }, 404],
      [id, "0.0.0", { done: true }, 404],
      [id, "0.2", { done: true }, 404],
      [id, "5.0", { done: true }, 404],
      [noPlan, "0.0", { done: true }, 404],
      ["acct_nope", "0.0", { done: true }, 404],
    ];
    for (const [account, task, body, status] of cases) {
      const r = await tick(cookie, account, task, body);
      expect(r.status, `${task} ${JSON.stringify(body)} → ${r.text}`).toBe(status);
      expectErrorShape(r.json);
    }
    const malformed = await call(`/api/accounts/${id}/plan/tasks/0.0`, { method: "PATCH", cookie, rawBody: '{"done":' });
    expect(malformed.status).toBe(400);
    expectErrorShape(malformed.json);
    expect(await storedPlan(id)).toEqual(PLAN);
  });

  it("with the task's title as the caller saw it, refuses with 409 when the plan was re-applied meanwhile", async () => {
    const { cookie } = await signedIn("admin");
    const id = await makeAccount(null);
    expect((await tick(cookie, id, "0.1", { done: true, title: "Share admin list" })).status).toBe(200);
    // The template is applied again: another task now sits at 0.1.
    const reapplied = [{ ...PLAN[0], tasks: [PLAN[0].tasks[0], { title: "Invite the admins", owner: "customer", dueAt: "2026-04-08" }] }, PLAN[1]];
    await db().update(schema.accounts).set({ plan: reapplied }).where(eq(schema.accounts.id, id));
    const stale = await tick(cookie, id, "0.1", { done: false, title: "Share admin list" });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.json.error).toMatchObject({ code: "plan_changed", message: expect.stringContaining("“Invite the admins”") });
    expect(await storedPlan(id)).toEqual(reapplied);
    expect((await tick(cookie, id, "0.1", { done: true, title: "Invite the admins" })).json.task).toMatchObject({ title: "Invite the admins", done: true });
  });

  it("needs a session", async () => {
    const id = await makeAccount(null);
    const r = await call(`/api/accounts/${id}/plan/tasks/0.0`, { method: "PATCH", body: { done: true } });
    expect(r.status).toBe(401);
  });
});

describe("GET /api/accounts?csmId=", () => {
  it("lists an admin the accounts without a CSM with `none`, and one CSM's with their id", async () => {
    const { cookie } = await signedIn("admin");
    const csm = await makeUser({ role: "csm" });
    const owned = await makeAccount(csm.id);
    const orphan = await makeAccount(null);
    const ids = async (q: string) => ((await call(`/api/accounts?${q}&limit=200`, { cookie })).json.items as { id: string; csm: unknown }[]);
    const none = await ids("csmId=none");
    expect(none.map((x) => x.id)).toContain(orphan);
    expect(none.map((x) => x.id)).not.toContain(owned);
    expect(none.every((x) => x.csm === null)).toBe(true);
    expect((await ids(`csmId=${csm.id}`)).map((x) => x.id)).toEqual([owned]);
  });
});

describe("PUT /api/accounts/:id/csm", () => {
  it("lets an admin hand the account to another active user, recording who changed it", async () => {
    const admin = await makeUser({ role: "admin", name: "Ada Admin" });
    const cookie = await login(admin.email);
    const before = await makeUser({ role: "csm" });
    const next = await makeUser({ role: "csm", name: "Nia Next", email: `nia-${newId()}@example.com` });
    const id = await makeAccount(before.id);
    const r = await call(`/api/accounts/${id}/csm`, { method: "PUT", cookie, body: { csmId: next.id } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ csm: { id: next.id, name: "Nia Next", email: next.email }, csmReason: "Changed by Ada Admin", csmByHand: true });
    const detail = (await call(`/api/accounts/${id}`, { cookie })).json;
    expect(detail).toMatchObject({ csm: { id: next.id }, csmReason: "Changed by Ada Admin", csmByHand: true });
    // The new CSM now sees and works it; the old one no longer does.
    const nextCookie = await login(next.email);
    expect((await call(`/api/accounts/${id}`, { cookie: nextCookie })).status).toBe(200);
    expect((await tick(nextCookie, id, "0.0", { done: true })).status).toBe(200);
    expect((await call(`/api/accounts/${id}`, { cookie: await login(before.email) })).status).toBe(403);
  });

  it("refuses CSMs with 403, even for their own account", async () => {
    const csm = await makeUser({ role: "csm" });
    const other = await makeUser({ role: "csm" });
    const id = await makeAccount(csm.id);
    const r = await call(`/api/accounts/${id}/csm`, { method: "PUT", cookie: await login(csm.email), body: { csmId: other.id } });
    expect(r.status).toBe(403);
    expectErrorShape(r.json);
    const row = await db().select().from(schema.accounts).where(eq(schema.accounts.id, id)).get();
    expect(row!.csmId).toBe(csm.id);
  });

  it("refuses an unknown or deactivated user and bad bodies with the error shape; an unknown account is 404", async () => {
    const { cookie } = await signedIn("admin");
    const gone = await makeUser({ role: "csm", active: false });
    const csm = await makeUser({ role: "csm" });
    const id = await makeAccount(null);
    const cases: [string, unknown, number, string?][] = [
      [id, { csmId: gone.id }, 422, "This user is deactivated"],
      [id, { csmId: "u_nobody" }, 422, "No such user"],
      [id, { csmId: "" }, 422],
      [id, { csmId: 5 }, 422],
      [id, {}, 422],
      [id, { csmId: csm.id, reason: "x" }, 422],
      ["acct_nope", { csmId: csm.id }, 404],
    ];
    for (const [account, body, status, message] of cases) {
      const r = await call(`/api/accounts/${account}/csm`, { method: "PUT", cookie, body });
      expect(r.status, `${JSON.stringify(body)} → ${r.text}`).toBe(status);
      expectErrorShape(r.json);
      if (message) expect(r.json.error.details).toEqual([{ path: "csmId", message }]);
    }
    const malformed = await call(`/api/accounts/${id}/csm`, { method: "PUT", cookie, rawBody: "{" });
    expect(malformed.status).toBe(400);
    expect((await db().select().from(schema.accounts).where(eq(schema.accounts.id, id)).get())!.csmId).toBeNull();
  });
});

describe("a CSM a person chose", () => {
  /** Deal won → account → automatic round robin over `poolId` → End, as a test run of `deal`. */
  async function routeAgain(cookie: string, poolId: string, objectId: string) {
    const definition = {
      nodes: [
        node("trigger", "trigger.hubspot", { connectorId: "con_by_hand", stageIds: ["closedwon"] }),
        node("account", "action.create_account"),
        node("assign", "action.assign_csm", { poolId, strategy: "round_robin" }),
        node("done", "end", { outcome: "completed" }),
      ],
      edges: [edge("trigger", "account"), edge("account", "assign"), edge("assign", "done", "out"), edge("assign", "done", "none")],
    };
    const wf = await createWorkflow(cookie, definition, "Route again");
    const r = await call(`/api/workflows/${wf}/test`, { cookie, body: { deal: sampleDeal({ objectId }) } });
    expect(r.status, r.text).toBe(201);
    const run = await drive(cookie, r.json.runId);
    expect(run.status).toBe("completed");
    return run.steps.find((s: { nodeId: string }) => s.nodeId === "assign");
  }
  const accountOf = (objectId: string) => db().select().from(schema.accounts).where(eq(schema.accounts.sourceObjectId, objectId)).get();

  it("is kept when a workflow routes the account again; a routed one is replaced", async () => {
    const { cookie } = await signedIn("admin");
    const [ana, ben] = [await makeUser({ role: "csm", name: "Ana Routed" }), await makeUser({ role: "csm", name: "Ben Routed" })];
    const chosen = await makeUser({ role: "csm", name: "Cleo Chosen" });
    const [anaPool, benPool] = [await makePool([ana.id]), await makePool([ben.id])];
    const objectId = `by-hand-${newId()}`;
    expect((await routeAgain(cookie, anaPool, objectId)).output).toMatchObject({ csmId: ana.id, accountUpdated: true });
    const account = (await accountOf(objectId))!;
    expect(account).toMatchObject({ csmId: ana.id, csmByHand: false });
    // Routed again, a routed CSM gives way.
    expect((await routeAgain(cookie, benPool, objectId)).output).toMatchObject({ csmId: ben.id });
    expect((await accountOf(objectId))!.csmId).toBe(ben.id);

    expect((await call(`/api/accounts/${account.id}/csm`, { method: "PUT", cookie, body: { csmId: chosen.id } })).status).toBe(200);
    const kept = await routeAgain(cookie, anaPool, objectId);
    expect(kept.output).toMatchObject({ csmId: chosen.id, kept: true, accountUpdated: false, reason: expect.stringMatching(/^Kept Cleo Chosen, whom a person chose for this account \(Changed by /) });
    expect(await accountOf(objectId)).toMatchObject({ csmId: chosen.id, csmByHand: true });
    // Once that person is deactivated, routing picks again.
    await db().update(schema.users).set({ active: false }).where(eq(schema.users.id, chosen.id));
    expect((await routeAgain(cookie, anaPool, objectId)).output).toMatchObject({ csmId: ana.id, accountUpdated: true });
    expect(await accountOf(objectId)).toMatchObject({ csmId: ana.id, csmByHand: false });
  });

  it("is not replaced by a routing write still waiting in a run's outbox", async () => {
    const { cookie } = await signedIn("admin");
    const routed = await makeUser({ role: "csm" });
    const chosen = await makeUser({ role: "csm" });
    const id = await makeAccount(routed.id);
    expect((await call(`/api/accounts/${id}/csm`, { method: "PUT", cookie, body: { csmId: chosen.id } })).status).toBe(200);
    // A run that read the account before that change queued its routing choice; it lands after.
    const write = (byHand: boolean) => accountWrites.csm.statement(env.DB, { accountId: id, csmId: routed.id, reason: "Round robin: next in turn", at: iso(), byHand }).run();
    await write(false);
    expect((await db().select().from(schema.accounts).where(eq(schema.accounts.id, id)).get())).toMatchObject({ csmId: chosen.id, csmByHand: true });
    // A person's own choice (an "Assign a CSM" task) still replaces it.
    await write(true);
    expect((await db().select().from(schema.accounts).where(eq(schema.accounts.id, id)).get())).toMatchObject({ csmId: routed.id, csmByHand: true });
  });
});

