import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { call, db, expectErrorShape, signedIn } from "./helpers";
import { createWorkflow, drive, edge, node, sampleDeal } from "./run-helpers";
import { aiRequests, chooseAi, chooseEmail, emailDeliveries, failEmail, script, testRun, unique } from "./ai-helpers";
import { schema } from "../../worker/db/client";
import { addBusinessDays, isoDay } from "../../durable/lib/dates";
import { planStartDay } from "../../durable/lib/plan";

const secrets = env as unknown as { OPENAI_API_KEY: string; EMAIL_API_KEY: string; EMAIL_FROM: string };

describe("GET /api/settings", () => {
  it("is for admins only", async () => {
    const csm = await signedIn("csm");
    const r = await call("/api/settings", { cookie: csm.cookie });
    expect(r.status).toBe(403);
    expectErrorShape(r.json);
    expect((await call("/api/settings")).status).toBe(401);
  });

  it("says which providers are active and configured, with host names and models but no secrets", async () => {
    const { cookie } = await signedIn();
    const r = await call("/api/settings", { cookie });
    expect(r.status, r.text).toBe(200);
    // The test environment configures both fakes but picks the defaults with AI_PROVIDER / EMAIL_PROVIDER.
    expect(r.json.ai.active).toMatchObject({ provider: "builtin", model: "deterministic-v1", source: "env", host: null });
    expect(r.json.ai.cost).toMatchObject({ free: true, perRunUsd: 0, pricePer1kTokensUsd: 0 });
    expect(r.json.ai.options).toEqual([
      expect.objectContaining({ provider: "builtin", configured: true }),
      expect.objectContaining({ provider: "openai", configured: true, host: expect.stringMatching(/^127\.0\.0\.1:\d+$/) }),
      expect.objectContaining({ provider: "workers-ai", configured: false, missing: expect.stringContaining("AI binding") }),
    ]);
    expect(r.json.email.active).toMatchObject({ provider: "outbox", source: "env" });
    expect(r.json.email.options[1]).toMatchObject({ provider: "http", configured: true });
    for (const secret of [secrets.OPENAI_API_KEY, secrets.EMAIL_API_KEY, secrets.EMAIL_FROM]) expect(r.text).not.toContain(secret);
  });
});

describe("choosing providers", () => {
  it("refuses a provider this deployment has not configured (422) and malformed choices", async () => {
    const { cookie } = await signedIn();
    const r = await call("/api/settings/ai", { cookie, method: "PUT", body: { provider: "workers-ai" } });
    expect(r.status).toBe(422);
    expect(r.json.error.details).toEqual([{ path: "provider", message: expect.stringContaining("AI binding") }]);
    expect((await call("/api/settings/ai", { cookie, method: "PUT", body: { provider: "gpt" } })).status).toBe(422);
    expect((await call("/api/settings/ai", { cookie, method: "PUT", body: { provider: "openai", timeoutMs: 5 } })).status).toBe(422);
    expect((await call("/api/settings/ai", { cookie, method: "PUT", rawBody: "{oops" })).status).toBe(400);
    expect((await call("/api/settings/email", { cookie, method: "PUT", body: { provider: "smtp" } })).status).toBe(422);
  });

  it("an OpenAI-compatible choice shows its host and model, and the cost per run once runs have used it", async () => {
    const { cookie } = await signedIn();
    const model = unique("cost");
    const chosen = await chooseAi(cookie, { provider: "openai", model, pricePer1kTokens: 2 });
    expect(chosen.ai.active).toMatchObject({ provider: "openai", model, source: "settings", label: "OpenAI-compatible endpoint" });
    expect(chosen.ai.cost).toMatchObject({ free: false, pricePer1kTokensUsd: 2, perRunUsd: null });

    await script(model, [
      { content: { label: "a", confidence: 0.9, reason: "r" }, usage: { prompt_tokens: 400, completion_tokens: 100 } },
      { content: { label: "a", confidence: 0.9, reason: "r" }, usage: { prompt_tokens: 400, completion_tokens: 100 } },
    ]);
    const wf = await createWorkflow(cookie, {
      nodes: [
        node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] }),
        node("c", "ai.classify", { input: "{{deal.name}}", labels: [{ id: "a", description: "A" }, { id: "b", description: "B" }] }),
        node("done", "end", {}),
      ],
      edges: [edge("t", "c"), edge("c", "done", "a"), edge("c", "done", "b")],
    });
    for (const objectId of ["1", "2"]) expect((await drive(cookie, await testRun(cookie, wf, sampleDeal({ objectId })))).status).toBe("completed");
    const r = await call("/api/settings", { cookie });
    // Two runs of 500 tokens at $2 per 1k tokens: $1 per run.
    expect(r.json.ai.cost).toMatchObject({ usage: { calls: 2, runs: 2, inputTokens: 800, outputTokens: 200 }, tokensPerRun: 500, perRunUsd: 1 });
    expect(r.json.ai.cost.note).toMatch(/Estimated from 2 runs/);
  });
});

describe("POST /api/settings/ai/test", () => {
  it("asks the built-in provider", async () => {
    const { cookie } = await signedIn();
    await chooseAi(cookie, { provider: "builtin" });
    const r = await call("/api/settings/ai/test", { cookie, method: "POST" });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ ok: true, provider: "builtin", model: "deterministic-v1", tokens: null, detail: expect.stringMatching(/answered "greeting"/) });
  });

  it("makes a real call to the OpenAI-compatible endpoint, and reports a failure as ok: false", async () => {
    const { cookie } = await signedIn();
    const model = unique("settings-test");
    await chooseAi(cookie, { provider: "openai", model });
    const ok = await call("/api/settings/ai/test", { cookie, method: "POST" });
    expect(ok.json).toMatchObject({ ok: true, provider: "openai", model, tokens: { input: expect.any(Number), output: expect.any(Number) } });
    const [sent] = await aiRequests(model);
    expect(sent).toMatchObject({ problems: [], status: 200 });
    await script(model, [{ status: 503, error: "maintenance" }]);
    const down = await call("/api/settings/ai/test", { cookie, method: "POST" });
    expect(down.status).toBe(200);
    expect(down.json).toMatchObject({ ok: false, code: "ai_unavailable", detail: expect.stringContaining("maintenance") });
  });
});

describe("POST /api/settings/email/test", () => {
  it("checks the address (422)", async () => {
    const { cookie } = await signedIn();
    const r = await call("/api/settings/email/test", { cookie, body: { to: "not-an-address" } });
    expect(r.status).toBe(422);
    expect(r.json.error.details[0].path).toBe("to");
  });

  it("with the outbox, keeps the test e-mail there", async () => {
    const { cookie } = await signedIn();
    await chooseEmail(cookie, "outbox");
    const to = `${unique("kept")}@example.com`;
    const r = await call("/api/settings/email/test", { cookie, body: { to } });
    expect(r.json).toMatchObject({ ok: true, provider: "outbox", providerMessageId: null, detail: expect.stringMatching(/Kept in the outbox/) });
    const list = await call("/api/outbox", { cookie });
    expect(list.json.items.find((e: any) => e.id === r.json.outboxId)).toMatchObject({ to, subject: "Test e-mail from Onboarding Workflows", mode: "live" });
  });

  it("with the HTTP provider, delivers for real and lands in the outbox with the message id", async () => {
    const { cookie } = await signedIn();
    await chooseEmail(cookie, "http");
    const to = `${unique("sent")}@example.com`;
    const r = await call("/api/settings/email/test", { cookie, body: { to } });
    expect(r.json).toMatchObject({ ok: true, provider: "http", detail: expect.stringMatching(/^Delivered through 127\.0\.0\.1/) });
    const [delivery] = await emailDeliveries(to);
    expect(r.json.providerMessageId).toBe(delivery.id);
    const row = await db().select().from(schema.outboxEmails).where(eq(schema.outboxEmails.id, r.json.outboxId)).get();
    expect(row).toMatchObject({ to, provider: "http", providerMessageId: delivery.id });

    const refused = `${unique("refused")}@example.com`;
    await failEmail(refused, { status: 403 });
    const bad = await call("/api/settings/email/test", { cookie, body: { to: refused } });
    expect(bad.json).toMatchObject({ ok: false, code: "email_unauthorized" });
    expect(bad.text).not.toContain(secrets.EMAIL_API_KEY);
  });
});

describe("holidays", () => {
  const put = (cookie: string, body: unknown) => call("/api/settings/holidays", { cookie, method: "PUT", body });

  it("admins keep the list plans skip: each day once, in order; a bad day is a 422 that changes nothing; CSMs get 403", async () => {
    const { cookie } = await signedIn();
    try {
      const saved = await put(cookie, { days: ["2026-12-25", "2026-12-24", "2026-12-25", "2027-01-01"] });
      expect(saved.status, saved.text).toBe(200);
      expect(saved.json).toEqual({ days: ["2026-12-24", "2026-12-25", "2027-01-01"] });
      expect((await call("/api/settings/holidays", { cookie })).json).toEqual(saved.json);
      for (const body of [{ days: ["2026-02-30"] }, { days: ["25/12/2026"] }, { days: "2026-12-25" }, {}, { days: [], extra: 1 }, { days: Array.from({ length: 401 }, (_, i) => `2027-01-${String((i % 28) + 1).padStart(2, "0")}`) }]) {
        const r = await put(cookie, body);
        expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(422);
        expectErrorShape(r.json);
      }
      expect((await put(cookie, { days: ["2026-02-30"] })).json.error.details[0]).toMatchObject({ path: "days.0", message: "Use a date like 2026-12-25." });
      expect((await call("/api/settings/holidays", { cookie })).json).toEqual(saved.json);
      const csm = await signedIn("csm");
      expect((await call("/api/settings/holidays", { cookie: csm.cookie })).status).toBe(403);
      expect((await put(csm.cookie, { days: [] })).status).toBe(403);
    } finally {
      await put(cookie, { days: [] });
    }
  });

  it("a plan applied by a run skips them", async () => {
    const { cookie } = await signedIn();
    const templateId = `tpl_${crypto.randomUUID().slice(0, 8)}`;
    await db().insert(schema.templates).values({ id: templateId, name: "Holiday plan", milestones: [{ name: "Kickoff", offsetDays: 0, tasks: [{ title: "Call", owner: "csm", offsetDays: 1 }] }], createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
    // The run starts its plan today (or on the next business day): the two business days after that are holidays.
    const start = planStartDay(isoDay(Date.now()));
    const off = [addBusinessDays(start, 1), addBusinessDays(start, 2)];
    expect((await put(cookie, { days: off })).status).toBe(200);
    try {
      const wf = await createWorkflow(cookie, {
        nodes: [node("t", "trigger.hubspot", { connectorId: "con_holidays", stageIds: ["closedwon"] }), node("acc", "action.create_account"), node("plan", "action.apply_template", { templateId }), node("e", "end", { outcome: "completed" })],
        edges: [edge("t", "acc"), edge("acc", "plan"), edge("plan", "e")],
      });
      const started = await call(`/api/workflows/${wf}/test`, { cookie, body: { deal: sampleDeal({ objectId: `hol-${crypto.randomUUID()}` }) } });
      const run = await drive(cookie, started.json.runId);
      expect(run.status).toBe("completed");
      const account = await db().select().from(schema.accounts).where(eq(schema.accounts.id, run.data.account.id)).get();
      const [kickoff] = account!.plan as { tasks: { dueAt: string; day: number }[] }[];
      // Day 1 is the first business day after both holidays.
      expect(kickoff!.tasks[0]).toMatchObject({ dueAt: addBusinessDays(start, 3), day: 1 });
      expect(kickoff!.tasks[0]!.dueAt).toBe(addBusinessDays(start, 1, new Set(off)));
    } finally {
      await put(cookie, { days: [] });
    }
  });
});
