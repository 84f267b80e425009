import { describe, expect, it } from "vitest";
import { call, db, login, makePool, makeUser, signedIn } from "./helpers";
import { createWorkflow, drive, edge, fire, getRun, node, sampleDeal } from "./run-helpers";
import { schema } from "../../worker/db/client";
import { eq } from "drizzle-orm";

const trigger = node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] });
const end = (id: string) => node(id, "end", {});

async function pausedAt(cookie: string, definition: unknown, deal = sampleDeal()) {
  const wf = await createWorkflow(cookie, definition);
  const r = await call(`/api/workflows/${wf}/test`, { cookie, body: { deal } });
  expect(r.status, r.text).toBe(201);
  const runId = r.json.runId as string;
  const run = await drive(cookie, runId);
  expect(run.status, JSON.stringify(run.steps)).toBe("paused");
  const items = await call(`/api/queue?runId=${runId}&mode=test`, { cookie });
  expect(items.json.items).toHaveLength(1);
  return { wf, runId, item: items.json.items[0] };
}

const approvalDef = (assignee: unknown, extra: Record<string, unknown> = {}) => ({
  nodes: [
    trigger,
    node("ok", "human.approval", { title: "Approve {{deal.company.name}}", assignee, ...extra }),
    node("yes", "action.set_data", { values: { decided: "yes" } }),
    node("no", "action.set_data", { values: { decided: "no" } }),
    node("late", "action.set_data", { values: { decided: "late" } }),
    end("e1"),
    end("e2"),
    end("e3"),
  ],
  edges: [edge("t", "ok"), edge("ok", "yes", "approved"), edge("ok", "no", "rejected"), edge("ok", "late", "timeout"), edge("yes", "e1"), edge("no", "e2"), edge("late", "e3")],
});

describe("human tasks and the queue", () => {
  it("an approval pauses the run, the assignee approves, and the run resumes down `approved`", async () => {
    const { cookie: admin } = await signedIn();
    const csm = await makeUser({ role: "csm", name: "Casey" });
    const csmCookie = await login(csm.email);
    const { runId, item } = await pausedAt(admin, approvalDef({ userId: csm.id }));
    expect(item).toMatchObject({ kind: "approval", title: "Approve Brightline Analytics", status: "open", assigneeId: csm.id, mode: "test" });
    const detail = await call(`/api/queue/${item.id}`, { cookie: csmCookie });
    expect(detail.status).toBe(200);
    expect(detail.json.context.deal.company.name).toBe("Brightline Analytics");
    // No decision → 422 and the run is untouched.
    const bad = await call(`/api/queue/${item.id}/complete`, { cookie: csmCookie, body: { comment: "hmm" } });
    expect(bad.status).toBe(422);
    expect((await getRun(admin, runId)).status).toBe("paused");
    const done = await call(`/api/queue/${item.id}/complete`, { cookie: csmCookie, body: { decision: "approve", comment: "Looks good" } });
    expect(done.status, done.text).toBe(200);
    expect(done.json.status).toBe("completed");
    // The answer carries what was decided, so the page can say it at once (not only after a reload).
    expect(done.json.context.outcome).toMatchObject({ decision: "approve", comment: "Looks good" });
    const run = await drive(admin, runId);
    expect(run.status).toBe("completed");
    expect(run.data.decided).toBe("yes");
    expect(run.data.steps.ok).toMatchObject({ decision: "approved", comment: "Looks good", decidedBy: { id: csm.id } });
    // The finished item keeps what was decided, for anyone who opens it later.
    const finished = await call(`/api/queue/${item.id}`, { cookie: csmCookie });
    expect(finished.json.context.outcome).toEqual({ port: "approved", by: csm.name, decision: "approve", comment: "Looks good", csm: null, answers: [] });
    // Only once.
    expect((await call(`/api/queue/${item.id}/complete`, { cookie: csmCookie, body: { decision: "reject" } })).status).toBe(409);
  });

  it("the account an approved run creates lists the approval with its comment", async () => {
    const { cookie: admin } = await signedIn();
    const def = approvalDef({ userId: (await makeUser({ role: "csm" })).id });
    def.nodes = def.nodes.map((n: any) => (n.id === "yes" ? node("yes", "action.create_account", {}) : n));
    const { runId, item } = await pausedAt(admin, def);
    expect((await call(`/api/queue/${item.id}/complete`, { cookie: admin, body: { decision: "approve", comment: "Fine to start" } })).status).toBe(200);
    const run = await drive(admin, runId);
    expect(run.status, JSON.stringify(run.steps)).toBe("completed");
    const account = await call(`/api/accounts/${run.data.account.id}`, { cookie: admin });
    expect(account.status, account.text).toBe(200);
    expect(account.json.decisions).toEqual([
      { id: item.id, kind: "approval", title: "Approve Brightline Analytics", completedAt: expect.any(String), outcome: expect.objectContaining({ decision: "approve", comment: "Fine to start", answers: [] }) },
    ]);
  });

  it("rejection takes `rejected`; a CSM who is not the assignee may not decide (403)", async () => {
    const { cookie: admin } = await signedIn();
    const csm = await makeUser({ role: "csm" });
    const other = await makeUser({ role: "csm" });
    const pool = await makePool([csm.id, other.id]);
    const { runId, item } = await pausedAt(admin, approvalDef({ userId: csm.id }));
    await db().update(schema.queueItems).set({ poolId: pool }).where(eq(schema.queueItems.id, item.id));
    const otherCookie = await login(other.email);
    expect((await call(`/api/queue/${item.id}/complete`, { cookie: otherCookie, body: { decision: "approve" } })).status).toBe(403);
    expect((await call(`/api/queue/${item.id}/complete`, { cookie: admin, body: { decision: "reject", comment: "No" } })).status).toBe(200);
    expect((await drive(admin, runId)).data.decided).toBe("no");
  });

  it("deactivating a CSM puts the items they had claimed back in the pool, for their colleagues to claim", async () => {
    const { cookie: admin } = await signedIn();
    const leaver = await makeUser({ role: "csm" });
    const colleague = await makeUser({ role: "csm" });
    const pool = await makePool([leaver.id, colleague.id]);
    const { item } = await pausedAt(admin, {
      nodes: [trigger, node("f", "human.form", { title: "Details", assignee: { poolId: pool }, fields: [{ key: "n", label: "N", type: "number", required: true }] }), end("e"), end("x")],
      edges: [edge("t", "f"), edge("f", "e", "done"), edge("f", "x", "timeout")],
    });
    expect((await call(`/api/queue/${item.id}/claim`, { cookie: await login(leaver.email), method: "POST" })).status).toBe(200);
    const off = await call(`/api/users/${leaver.id}`, { cookie: admin, method: "PATCH", body: { active: false } });
    expect(off.status, off.text).toBe(200);
    const row = await db().select().from(schema.queueItems).where(eq(schema.queueItems.id, item.id)).get();
    expect(row).toMatchObject({ status: "open", claimedBy: null, claimedAt: null });
    const taken = await call(`/api/queue/${item.id}/claim`, { cookie: await login(colleague.email), method: "POST" });
    expect(taken.status, taken.text).toBe(200);
    expect(taken.json.claimedBy).toBe(colleague.id);
  });

  it("50 concurrent claims on one item: exactly one wins", async () => {
    const { cookie: admin } = await signedIn();
    const users = await Promise.all(Array.from({ length: 5 }, () => makeUser({ role: "csm" })));
    const pool = await makePool(users.map((u) => u.id));
    const { item } = await pausedAt(admin, {
      nodes: [trigger, node("f", "human.form", { title: "Details", assignee: { poolId: pool }, fields: [{ key: "n", label: "N", type: "number", required: true }] }), end("e"), end("x")],
      edges: [edge("t", "f"), edge("f", "e", "done"), edge("f", "x", "timeout")],
    });
    const cookies = await Promise.all(users.map((u) => login(u.email)));
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => call(`/api/queue/${item.id}/claim`, { cookie: cookies[i % 5], method: "POST" })));
    const winners = results.filter((r) => r.status === 200);
    // The winner may repeat its own claim harmlessly; every other user gets 409.
    const winnerIds = new Set(winners.map((r) => r.json.claimedBy));
    expect(winnerIds.size).toBe(1);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const winner = [...winnerIds][0];
    expect(results.filter((r, i) => users[i % 5].id !== winner).every((r) => r.status === 409)).toBe(true);
  });

  it("a form: only the claimer completes, invalid data → 422 with field details and the run untouched", async () => {
    const { cookie: admin } = await signedIn();
    const a = await makeUser({ role: "csm" });
    const b = await makeUser({ role: "csm" });
    const pool = await makePool([a.id, b.id]);
    const { runId, item } = await pausedAt(admin, {
      nodes: [
        trigger,
        node("f", "human.form", {
          title: "Kickoff details",
          assignee: { poolId: pool },
          fields: [
            { key: "kickoff", label: "Kickoff date", type: "date", required: true },
            { key: "seats", label: "Seats", type: "number", required: true },
            { key: "tier", label: "Tier", type: "select", options: ["gold", "silver"] },
          ],
        }),
        end("e"),
        end("x"),
      ],
      edges: [edge("t", "f"), edge("f", "e", "done"), edge("f", "x", "timeout")],
    });
    const ca = await login(a.email);
    const cb = await login(b.email);
    const outsider = await login((await makeUser({ role: "csm" })).email);
    expect((await call(`/api/queue/${item.id}`, { cookie: outsider })).status).toBe(404);
    expect((await call(`/api/queue/${item.id}/claim`, { cookie: outsider, method: "POST" })).status).toBe(404);
    expect((await call(`/api/queue/${item.id}/complete`, { cookie: ca, body: { data: { kickoff: "2026-12-01", seats: 3 } } })).status).toBe(409);
    expect((await call(`/api/queue/${item.id}/claim`, { cookie: ca, method: "POST" })).status).toBe(200);
    expect((await call(`/api/queue/${item.id}/claim`, { cookie: cb, method: "POST" })).status).toBe(409);
    expect((await call(`/api/queue/${item.id}/complete`, { cookie: cb, body: { data: { kickoff: "2026-12-01", seats: 3 } } })).status).toBe(409);
    const invalid = await call(`/api/queue/${item.id}/complete`, { cookie: ca, body: { data: { seats: "many", tier: "bronze" } } });
    expect(invalid.status).toBe(422);
    expect(invalid.json.error.details.map((d: any) => d.path).sort()).toEqual(["kickoff", "seats", "tier"]);
    expect((await getRun(admin, runId)).status).toBe("paused");
    // Release and reclaim by the other member, who completes it.
    expect((await call(`/api/queue/${item.id}/release`, { cookie: cb, method: "POST" })).status).toBe(403);
    expect((await call(`/api/queue/${item.id}/release`, { cookie: ca, method: "POST" })).status).toBe(200);
    expect((await call(`/api/queue/${item.id}/claim`, { cookie: cb, method: "POST" })).status).toBe(200);
    const ok = await call(`/api/queue/${item.id}/complete`, { cookie: cb, body: { data: { kickoff: "2026-12-01", seats: 3, tier: "gold" } } });
    expect(ok.status, ok.text).toBe(200);
    const run = await drive(admin, runId);
    expect(run.status).toBe("completed");
    expect(run.data.steps.f.data).toMatchObject({ kickoff: "2026-12-01", seats: 3, tier: "gold" });
    const finished = await call(`/api/queue/${item.id}`, { cookie: ca });
    expect(finished.json.context.outcome).toMatchObject({ port: "done", decision: null, answers: [{ key: "kickoff", label: "Kickoff date", value: "1 December 2026" }, { key: "seats", label: "Seats", value: "3" }, { key: "tier", label: "Tier", value: "gold" }] });
  });

  it("reminder, escalation and timeout fire through the alarm in order", async () => {
    const { cookie: admin } = await signedIn();
    const first = await makeUser({ role: "csm", name: "First" });
    const boss = await makeUser({ role: "admin", name: "Boss" });
    const { runId, item } = await pausedAt(
      admin,
      approvalDef({ userId: first.id }, { dueInHours: 10, remindEveryHours: 2, escalateAfterHours: 3, escalateTo: { userId: boss.id } }),
    );
    const firstCookie = await login(first.email);
    expect((await call(`/api/queue/${item.id}/claim`, { cookie: firstCookie, method: "POST" })).status).toBe(200);
    let run = await getRun(admin, runId);
    expect(run.timers.map((t: any) => t.kind).sort()).toEqual(["sla_due", "sla_escalate", "sla_remind"]);
    // 2 h: reminder to the assignee.
    await fire(runId);
    let mails = await db().select().from(schema.outboxEmails).where(eq(schema.outboxEmails.runId, runId));
    expect(mails.map((m) => [m.to, m.subject]), JSON.stringify(mails)).toEqual([[first.email, "Reminder: Approve Brightline Analytics"]]);
    expect(mails[0].text).toMatch(/is due \w{3} \d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC\.$/);
    // 3 h: escalation hands it to the boss and clears the claim.
    await fire(runId);
    let row = await db().select().from(schema.queueItems).where(eq(schema.queueItems.id, item.id)).get();
    expect(row).toMatchObject({ assigneeId: boss.id, status: "open", claimedBy: null });
    mails = await db().select().from(schema.outboxEmails).where(eq(schema.outboxEmails.runId, runId));
    expect(mails.map((m) => m.to)).toContain(boss.email);
    // 4 h, 6 h, 8 h: reminders; then 10 h: timeout → `timeout` port, item expired.
    for (let i = 0; i < 3; i++) await fire(runId);
    run = await getRun(admin, runId);
    expect(run.status).toBe("paused");
    expect(run.tasks[0].reminders).toBe(4);
    await fire(runId);
    run = await drive(admin, runId);
    expect(run.status).toBe("completed");
    expect(run.data.decided).toBe("late");
    row = await db().select().from(schema.queueItems).where(eq(schema.queueItems.id, item.id)).get();
    expect(row!.status).toBe("expired");
  });

  it("cancelling a paused run cancels its open item", async () => {
    const { cookie: admin } = await signedIn();
    const csm = await makeUser({ role: "csm" });
    const { runId, item } = await pausedAt(admin, approvalDef({ userId: csm.id }, { dueInHours: 5 }));
    expect((await call(`/api/runs/${runId}/cancel`, { cookie: admin, method: "POST" })).status).toBe(200);
    const row = await db().select().from(schema.queueItems).where(eq(schema.queueItems.id, item.id)).get();
    expect(row!.status).toBe("cancelled");
    expect((await getRun(admin, runId)).timers).toEqual([]);
  });

  it("assign_csm: the chosen CSM becomes the run's csm and the account's owner", async () => {
    const { cookie: admin } = await signedIn();
    const csm = await makeUser({ role: "csm", name: "Chosen One" });
    const pool = await makePool([csm.id]);
    const { runId, item } = await pausedAt(admin, {
      nodes: [trigger, node("acc", "action.create_account", {}), node("pick", "human.assign_csm", { title: "Pick a CSM", assignee: { poolId: pool }, poolId: pool }), end("e"), end("x")],
      edges: [edge("t", "acc"), edge("acc", "pick"), edge("pick", "e", "done"), edge("pick", "x", "timeout")],
    });
    const c = await login(csm.email);
    expect((await call(`/api/queue/${item.id}/claim`, { cookie: c, method: "POST" })).status).toBe(200);
    expect((await call(`/api/queue/${item.id}/complete`, { cookie: c, body: { data: { userId: "nobody" } } })).status).toBe(422);
    expect((await call(`/api/queue/${item.id}/complete`, { cookie: c, body: { data: { userId: csm.id } } })).status).toBe(200);
    const run = await drive(admin, runId);
    expect(run.data.csm).toMatchObject({ id: csm.id, name: "Chosen One" });
    const acc = await db().select().from(schema.accounts).where(eq(schema.accounts.id, run.data.account.id)).get();
    // A person's choice: routing in later runs keeps it (test/worker/accounts-changes.test.ts).
    expect(acc).toMatchObject({ csmId: csm.id, csmByHand: true, csmReason: "Chosen by hand by Chosen One." });
    const finished = await call(`/api/queue/${item.id}`, { cookie: c });
    expect(finished.json.context.outcome).toMatchObject({ port: "done", csm: { id: csm.id, name: "Chosen One" }, answers: [] });
  });

  it("review with edits keeps the corrected values in the run", async () => {
    const { cookie: admin } = await signedIn();
    const { runId, item } = await pausedAt(admin, {
      nodes: [trigger, node("rv", "human.review", { title: "Check", assignee: { userId: (await makeUser({ role: "admin" })).id }, editableFields: ["deal.arr", "deal.company.region"] }), end("e"), end("x")],
      edges: [edge("t", "rv"), edge("rv", "e", "done"), edge("rv", "x", "timeout")],
    });
    const detail = await call(`/api/queue/${item.id}`, { cookie: admin });
    expect(detail.json.form.map((f: any) => [f.key, f.value])).toEqual([["deal.arr", 48000], ["deal.company.region", "NA-West"]]);
    expect((await call(`/api/queue/${item.id}/claim`, { cookie: admin, method: "POST" })).status).toBe(200);
    expect((await call(`/api/queue/${item.id}/complete`, { cookie: admin, body: { data: { "deal.name": "x" } } })).status).toBe(422);
    expect((await call(`/api/queue/${item.id}/complete`, { cookie: admin, body: { data: { "deal.arr": 52000 }, comment: "ARR updated" } })).status).toBe(200);
    const run = await drive(admin, runId);
    expect(run.data.deal.arr).toBe(52000);
    expect(run.data.steps.rv.changes).toEqual([{ path: "deal.arr", before: 48000, after: 52000 }]);
  });

  it("handoff: the link is single-use, a GET changes nothing, expiry and unknown tokens answer 410 and 404", async () => {
    const { cookie: admin } = await signedIn();
    const { runId, item } = await pausedAt(admin, {
      nodes: [
        trigger,
        node("h", "human.handoff", { title: "Handoff for {{deal.company.name}}", recipient: "{{deal.owner.email}}", fields: [{ key: "goal", label: "Primary goal", type: "text", required: true }] }),
        end("e"),
        end("e2"),
      ],
      edges: [edge("t", "h"), edge("h", "e", "done"), edge("h", "e2", "timeout")],
    });
    expect(item.kind).toBe("handoff");
    const [mail] = await db().select().from(schema.outboxEmails).where(eq(schema.outboxEmails.runId, runId));
    expect(mail.to).toBe("jordan.reyes@example.com");
    // The deadline reads as a person reads it, not RFC 1123 ("Sun, 06 Dec 2026 15:27:26 GMT").
    expect(mail.text).toMatch(/expires on \w{3} \d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC\./);
    const token = /\/forms\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1];
    // The token is not stored anywhere in clear.
    const tokens = await db().select().from(schema.formTokens);
    expect(JSON.stringify(tokens)).not.toContain(token);

    const page = await call(`/forms/${token}`);
    expect(page.status).toBe(200);
    const view = await call(`/api/forms/${token}`);
    expect(view.status).toBe(200);
    expect(view.json).toMatchObject({ title: "Handoff for Brightline Analytics", context: { company: "Brightline Analytics" } });
    expect(view.json.context.deal?.amount).toBeUndefined();
    expect((await getRun(admin, runId)).status).toBe("paused"); // GETs changed nothing
    expect((await call(`/api/forms/${token}`, { body: { data: {} } })).status).toBe(422);
    expect((await call(`/api/forms/${token}`, { body: { data: { goal: "Faster onboarding" } } })).status).toBe(200);
    expect((await call(`/api/forms/${token}`, { body: { data: { goal: "again" } } })).status).toBe(410);
    expect((await call(`/api/forms/${token}`)).status).toBe(410);
    expect((await call(`/forms/${token}`)).status).toBe(410);
    expect((await call(`/api/forms/${"x".repeat(43)}`)).status).toBe(404);
    // A link cut short (an e-mail client wrapped it) is an unknown link too, not a malformed request.
    expect((await call(`/api/forms/${token.slice(0, 12)}`)).status).toBe(404);
    expect((await call(`/api/forms/${token.slice(0, 12)}`, { body: { data: { goal: "x" } } })).status).toBe(404);
    const run = await drive(admin, runId);
    expect(run.status).toBe("completed");
    expect(run.data.steps.h.data).toEqual({ goal: "Faster onboarding" });

    // An expired link: 410.
    const second = await pausedAt(admin, {
      nodes: [trigger, node("h", "human.handoff", { title: "Again", recipient: "ae@example.com", fields: [{ key: "goal", label: "Goal", type: "text" }] }), end("e"), end("e2")],
      edges: [edge("t", "h"), edge("h", "e", "done"), edge("h", "e2", "timeout")],
    });
    const [m2] = await db().select().from(schema.outboxEmails).where(eq(schema.outboxEmails.runId, second.runId));
    const t2 = /\/forms\/([A-Za-z0-9_-]{43})/.exec(m2.text)![1];
    await db().update(schema.formTokens).set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where(eq(schema.formTokens.queueItemId, second.item.id));
    expect((await call(`/api/forms/${t2}`)).status).toBe(410);
    expect((await call(`/api/forms/${t2}`, { body: { data: { goal: "x" } } })).status).toBe(410);
  });

  it("CSMs see only their own and their pools' items; counts follow", async () => {
    const { cookie: admin } = await signedIn();
    const mine = await makeUser({ role: "csm" });
    const stranger = await makeUser({ role: "csm" });
    await pausedAt(admin, approvalDef({ userId: mine.id }));
    const mineCookie = await login(mine.email);
    const strangerCookie = await login(stranger.email);
    expect((await call(`/api/queue?mode=test`, { cookie: mineCookie })).json.items).toHaveLength(1);
    expect((await call(`/api/queue?mode=test`, { cookie: strangerCookie })).json.items).toHaveLength(0);
    expect((await call(`/api/queue?mode=test&assignee=me`, { cookie: mineCookie })).json.items).toHaveLength(1);
    expect((await call(`/api/queue/counts?mode=test`, { cookie: mineCookie })).json).toMatchObject({ open: 1, assignedToMe: 1 });
    expect((await call(`/api/queue/counts?mode=test`, { cookie: strangerCookie })).json).toMatchObject({ open: 0 });
    // Live is the default mode: test items are not mixed in.
    expect((await call(`/api/queue`, { cookie: mineCookie })).json.items).toHaveLength(0);
  });

  it("pool membership is read with each request's session: joining or leaving a pool shows at once, mid-session", async () => {
    const { cookie: admin } = await signedIn();
    const csm = await makeUser({ role: "csm" });
    const poolId = await makePool([]);
    await pausedAt(admin, approvalDef({ poolId }));
    const cookie = await login(csm.email);
    const seen = async () => (await call(`/api/queue?mode=test&pool=mine`, { cookie })).json.items.length;
    const open = async () => (await call(`/api/queue/counts?mode=test`, { cookie })).json.open;
    expect([await seen(), await open()]).toEqual([0, 0]);
    await db().insert(schema.poolMembers).values({ poolId, userId: csm.id, weight: 1, capacity: null });
    expect([await seen(), await open()]).toEqual([1, 1]);
    await db().delete(schema.poolMembers).where(eq(schema.poolMembers.userId, csm.id));
    expect([await seen(), await open()]).toEqual([0, 0]);
  });
});
