import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { db, signedIn } from "./helpers";
import { createWorkflow, drive, edge, fire, getRun, kicked, node, sampleDeal, stubOf } from "./run-helpers";
import { chooseEmail, emailDeliveries, emailRequests, failEmail, liveRun, stepsOf, testRun, unique } from "./ai-helpers";
import { schema } from "../../worker/db/client";
import { createEmailService } from "../../durable/services/email";
import type { RunEnv } from "../../durable/env";
import { mirrorStatements } from "../../durable/mirror";

/** trigger → welcome e-mail → end. */
const welcome = {
  nodes: [
    node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] }),
    node("m", "action.send_email", { to: "{{deal.primaryContact.email}}", cc: "{{deal.owner.email}}", subject: "Welcome, {{deal.company.name}}", body: "Hello **{{deal.primaryContact.name}}**, welcome aboard." }),
    node("done", "end", {}),
  ],
  edges: [edge("t", "m"), edge("m", "done")],
};

/** A deal whose contact address no other test uses (the fake keeps state per recipient). */
function dealFor(prefix: string) {
  const to = `${unique(prefix)}@brightline.example.com`;
  return { to, deal: sampleDeal({ objectId: unique("obj"), primaryContact: { name: "Maya Okafor", email: to } }) };
}

const outboxRow = (runId: string) => db().select().from(schema.outboxEmails).where(eq(schema.outboxEmails.runId, runId)).get();

describe("e-mail through the HTTP provider", () => {
  it("a live run delivers once with the step's idempotency key and records the message id; a duplicate run and a replayed send deliver nothing more", async () => {
    const { cookie } = await signedIn();
    await chooseEmail(cookie, "http");
    const wf = await createWorkflow(cookie, welcome);
    const { to, deal } = dealFor("live");
    const live = await liveRun(cookie, wf, deal);
    expect(await live.start()).toMatchObject({ created: true });
    const run = await drive(cookie, live.runId);
    expect(run.status).toBe("completed");

    const [delivery] = await emailDeliveries(to);
    const [request] = await emailRequests(to);
    expect(request).toMatchObject({ key: `${live.runId}:m`, status: 200, problems: [] });
    expect(request.body).toMatchObject({ from: "Onboarding Team <onboarding@app.example.com>", to: [to], cc: ["jordan.reyes@example.com"], subject: "Welcome, Brightline Analytics" });
    expect(request.body.html).toContain("<strong>Maya Okafor</strong>");
    expect(request.body.text).toContain("Hello **Maya Okafor**");
    const row = await outboxRow(live.runId);
    expect(row).toMatchObject({ mode: "live", provider: "http", providerMessageId: delivery.id, idempotencyKey: `${live.runId}:m` });
    // The step says which outbox row it kept and the id the provider gave it.
    expect(run.steps.find((s: any) => s.nodeId === "m").output).toMatchObject({ messageId: row!.id, provider: "http", providerMessageId: delivery.id });

    // The same CRM event again: same run object, nothing new happens.
    expect(await live.start()).toMatchObject({ created: false });
    await drive(cookie, live.runId);
    // A replay of the step's send (as after a crash before the journal write): the ledger answers.
    const again = await createEmailService(env as unknown as RunEnv, { runId: live.runId, nodeId: "m", mode: "live", now: Date.now(), idempotencyKey: `${live.runId}:m`, later: () => expect.unreachable("an e-mail for the HTTP provider is kept now, not queued") }).send({ to, subject: "x", text: "x", html: "x" });
    expect(again).toEqual({ id: row!.id, provider: "http", providerMessageId: delivery.id });
    expect(await emailDeliveries(to)).toHaveLength(1);
    expect(await emailRequests(to)).toHaveLength(1);
    expect(await db().select().from(schema.outboxEmails).where(eq(schema.outboxEmails.idempotencyKey, `${live.runId}:m`))).toHaveLength(1);
  });

  it("a step retried after a lost answer sends with the same key and the provider does not deliver twice", async () => {
    const { cookie } = await signedIn();
    await chooseEmail(cookie, "http");
    const wf = await createWorkflow(cookie, welcome);
    const { to, deal } = dealFor("lost");
    // Delivered, but the answer is a 502: the step cannot know the e-mail went out.
    await failEmail(to, { status: 502, afterDelivery: true });
    const live = await liveRun(cookie, wf, deal);
    await live.start();
    const run = await drive(cookie, live.runId);
    expect(run.status).toBe("completed");
    expect(stepsOf(run, "m").map((s: any) => [s.attempts, s.error?.code ?? null])).toEqual([
      [1, "email_unavailable"],
      [2, null],
    ]);
    const requests = await emailRequests(to);
    expect(requests.map((r) => [r.key, r.status])).toEqual([
      [`${live.runId}:m`, 502],
      [`${live.runId}:m`, 200],
    ]);
    const deliveries = await emailDeliveries(to);
    expect(deliveries).toHaveLength(1);
    expect((await outboxRow(live.runId))!.providerMessageId).toBe(deliveries[0].id);
  });

  it("429 waits for Retry-After through the engine's backoff, then delivers", async () => {
    const { cookie } = await signedIn();
    await chooseEmail(cookie, "http");
    const wf = await createWorkflow(cookie, welcome);
    const { to, deal } = dealFor("busy");
    await failEmail(to, { status: 429, retryAfter: "40" });
    const live = await liveRun(cookie, wf, deal);
    await live.start();
    await kicked(live.runId);
    let run = await getRun(cookie, live.runId);
    const first = stepsOf(run, "m")[0];
    expect(first.error).toMatchObject({ code: "email_rate_limited", message: expect.stringContaining("retry after 40 s") });
    const timer = run.timers.find((t: any) => t.kind === "retry");
    expect(Date.parse(timer.at) - Date.parse(first.endedAt)).toBeGreaterThanOrEqual(39_000);
    expect(await emailDeliveries(to)).toHaveLength(0);
    await fire(live.runId);
    run = await drive(cookie, live.runId);
    expect(run.status).toBe("completed");
    expect(await emailDeliveries(to)).toHaveLength(1);
  });

  it("a 4xx refusal fails the step at once; the e-mail stays in the outbox without a message id", async () => {
    const { cookie } = await signedIn();
    await chooseEmail(cookie, "http");
    const wf = await createWorkflow(cookie, welcome);
    const { to, deal } = dealFor("refused");
    await failEmail(to, { status: 422 });
    const live = await liveRun(cookie, wf, deal);
    await live.start();
    const run = await drive(cookie, live.runId);
    expect(run.status).toBe("failed");
    expect(stepsOf(run, "m")).toMatchObject([{ status: "failed", attempts: 1, error: { code: "email_rejected" } }]);
    expect(await outboxRow(live.runId)).toMatchObject({ provider: "http", providerMessageId: null });
    expect(await emailDeliveries(to)).toHaveLength(0);
  });

  it("test runs never call the e-mail API", async () => {
    const { cookie } = await signedIn();
    await chooseEmail(cookie, "http");
    const wf = await createWorkflow(cookie, welcome);
    const { to, deal } = dealFor("test");
    const runId = await testRun(cookie, wf, deal);
    expect((await drive(cookie, runId)).status).toBe("completed");
    expect(await outboxRow(runId)).toMatchObject({ mode: "test", provider: "outbox", providerMessageId: null });
    expect(await emailRequests(to)).toEqual([]);
  });

  it("with the outbox chosen, live e-mail stays in the app", async () => {
    const { cookie } = await signedIn();
    await chooseEmail(cookie, "outbox");
    const wf = await createWorkflow(cookie, welcome);
    const { to, deal } = dealFor("kept");
    const live = await liveRun(cookie, wf, deal);
    await live.start();
    expect((await drive(cookie, live.runId)).status).toBe("completed");
    expect(await outboxRow(live.runId)).toMatchObject({ mode: "live", provider: "outbox", providerMessageId: null });
    expect(await emailRequests(to)).toEqual([]);
    await stubOf(live.runId).idle();
  });
});

describe("e-mail kept only in the outbox", () => {
  it("goes to D1 with the run's index write: the step names the row D1 holds, and a replayed send names the same row and adds none", async () => {
    const { cookie, user } = await signedIn();
    // The review after the e-mail pauses the run: its settle is what sends the run's outbox to D1.
    const wf = await createWorkflow(cookie, {
      nodes: [...welcome.nodes.slice(0, 2), node("r", "human.review", { title: "Check the welcome", assignee: { userId: user.id } }), node("done", "end", {})],
      edges: [edge("t", "m"), edge("m", "r"), edge("r", "done", "done"), edge("r", "done", "timeout")],
    });
    const { to, deal } = dealFor("queued");
    const runId = await testRun(cookie, wf, deal);
    const run = await drive(cookie, runId);
    expect(run.status).toBe("paused");
    const row = await outboxRow(runId);
    expect(row).toMatchObject({ mode: "test", provider: "outbox", providerMessageId: null, to, subject: "Welcome, Brightline Analytics", idempotencyKey: `${runId}:m` });
    expect(stepsOf(run, "m")[0].output).toMatchObject({ messageId: row!.id, provider: "outbox", providerMessageId: null });
    // Nothing is left waiting in the run's own outbox once it has settled.
    expect(await runInDurableObject(stubOf(runId), (_o, state) => state.storage.sql.exec("SELECT key FROM outbox").toArray())).toEqual([]);

    // A replay of the send (as after a crash before the step's journal write) queues the same row…
    const queued: { key: string; kind: string; payload: unknown }[] = [];
    const later = (key: string, kind: string, payload: unknown) => void queued.push({ key, kind, payload });
    const again = await createEmailService(env as unknown as RunEnv, { runId, nodeId: "m", mode: "test", now: Date.now(), idempotencyKey: `${runId}:m`, later }).send({ to, subject: "Changed", text: "x", html: "x" });
    expect(again).toEqual({ id: row!.id, provider: "outbox", providerMessageId: null });
    expect(queued).toMatchObject([{ key: `email:${runId}:m`, kind: "email" }]);
    // …and D1 keeps the first one kept.
    await env.DB.batch(mirrorStatements.email!(env.DB, queued[0]!.payload));
    const rows = await db().select().from(schema.outboxEmails).where(eq(schema.outboxEmails.runId, runId));
    expect(rows.map((r) => [r.id, r.subject])).toEqual([[row!.id, "Welcome, Brightline Analytics"]]);
    await stubOf(runId).idle();
  });
});
