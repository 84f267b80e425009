import { describe, expect, it } from "vitest";
import fixture from "../fixtures/accounts-labelled.json";
import { call, db, signedIn } from "./helpers";
import { createWorkflow, drive, edge, fire, getRun, kicked, node, sampleDeal } from "./run-helpers";
import { aiRequests, chooseAi, script, stepsOf, testRun, unique } from "./ai-helpers";
import { schema } from "../../worker/db/client";
import { eq } from "drizzle-orm";

const NOTES = "Kickoff call next week; they want the HubSpot integration and admin training. 40 seats, SSO: no. Kickoff on May 4, 2026. Internal: api_key=sk-live-abcdefghijklmnop1234";
const deal = (notes = NOTES, over: Record<string, unknown> = {}) => sampleDeal({ properties: { notes }, ...over });

/** trigger → transform → classify (4 labels + review) → generate → send_email → end; review → human.review. */
function journey(userId: string, opts: { minConfidence?: number; maxWords?: number; maxAttempts?: number } = {}) {
  const retry = opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {};
  return {
    nodes: [
      node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] }),
      node("x", "ai.transform", {
        instruction: "Extract the onboarding facts from the deal",
        input: "{{deal.name}}. ARR {{deal.arr}}. {{deal.properties.notes}}",
        fields: [
          { key: "seats", type: "number", description: "expected seats" },
          { key: "sso", type: "boolean", description: "needs SSO" },
          { key: "kickoff", type: "string", description: "kickoff date" },
        ],
        ...retry,
      }),
      node("c", "ai.classify", {
        input: "{{deal.company.name}} — {{deal.company.industry}}, {{deal.company.employees}} employees, ARR ${{deal.arr}}. Notes: {{deal.properties.notes}}",
        labels: fixture.labels,
        minConfidence: opts.minConfidence ?? 0.6,
        ...retry,
      }),
      node("g", "ai.generate", {
        prompt: "Write a short welcome e-mail.\nHi {{deal.primaryContact.name}},\n\nWelcome to Onboarding Workflows! Your onboarding track is {{steps.c.label}} and we will start with a kickoff on {{steps.x.kickoff}}. Your customer success manager will reach out this week to plan the first steps with your team. We are glad to have {{deal.company.name}} on board.",
        maxWords: opts.maxWords ?? 40,
        ...retry,
      }),
      node("m", "action.send_email", { to: "{{deal.primaryContact.email}}", subject: "Welcome, {{deal.company.name}}", body: "{{steps.g.text}}" }),
      node("r", "human.review", { title: "Check the onboarding track", assignee: { userId } }),
      node("done", "end", {}),
    ],
    edges: [
      edge("t", "x"),
      edge("x", "c"),
      ...fixture.labels.map((l) => edge("c", "g", l.id)),
      edge("c", "r", "review"),
      edge("r", "g", "done"),
      edge("r", "done", "timeout"),
      edge("g", "m"),
      edge("m", "done"),
    ],
  };
}

describe("AI nodes on the built-in provider", () => {
  it("run a workflow with all three AI nodes and an e-mail built from the generated text", async () => {
    const { cookie, user } = await signedIn();
    await chooseAi(cookie, { provider: "builtin" });
    const wf = await createWorkflow(cookie, journey(user.id));
    const runId = await testRun(cookie, wf, deal());
    const run = await drive(cookie, runId);
    expect(run.status, JSON.stringify(run.steps.map((s: any) => [s.nodeId, s.status, s.error]))).toBe("completed");

    const x = stepsOf(run, "x")[0].output;
    expect(x).toMatchObject({ seats: 40, sso: false, kickoff: "2026-05-04", ai: { provider: "builtin", model: "deterministic-v1", tokens: null, tries: 1 } });
    expect(x.ai.latencyMs).toBeGreaterThanOrEqual(0);
    // The recorded prompt is what the provider worked on, with the credential in the notes masked.
    expect(x.ai.prompt).toContain("Extract the onboarding facts");
    expect(x.ai.prompt).toContain("api_key=[redacted]");
    expect(x.ai.prompt).not.toContain("sk-live");

    const c = stepsOf(run, "c")[0];
    expect(c.port).toBe("standard");
    expect(c.output).toMatchObject({ label: "standard", needsReview: false, ai: { provider: "builtin" } });
    expect(c.output.confidence).toBeGreaterThanOrEqual(0.6);
    expect(c.output.reason).toMatch(/^standard: matched .*240 employees fits "50 to 500 employees"/);

    const g = stepsOf(run, "g")[0].output;
    expect(g.words).toBeLessThanOrEqual(40);
    expect(g.text).toMatch(/^Hi Maya Okafor,\n\nWelcome to Onboarding Workflows! Your onboarding track is standard and we will start with a kickoff on 2026-05-04\./);
    expect(g.text).not.toContain("Write a short");

    const mail = await db().select().from(schema.outboxEmails).where(eq(schema.outboxEmails.runId, runId)).get();
    expect(mail).toMatchObject({ to: "maya.okafor@brightline.example.com", mode: "test", provider: "outbox", subject: "Welcome, Brightline Analytics" });
    expect(mail!.text).toBe(g.text);
  });

  it("sends an unsure classification to the review port", async () => {
    const { cookie, user } = await signedIn();
    await chooseAi(cookie, { provider: "builtin" });
    const wf = await createWorkflow(cookie, journey(user.id));
    const runId = await testRun(cookie, wf, deal("Lorem ipsum dolor sit amet.", { company: { name: "Acme", industry: null, employees: null } , arr: null }));
    const run = await drive(cookie, runId);
    expect(run.status).toBe("paused");
    const c = stepsOf(run, "c")[0];
    expect(c.port).toBe("review");
    expect(c.output).toMatchObject({ needsReview: true, confidence: 0.25 });
    expect(run.tasks).toMatchObject([{ nodeId: "r", kind: "review", status: "open" }]);
  });

  it("gives the same outputs for the same input", async () => {
    const { cookie, user } = await signedIn();
    await chooseAi(cookie, { provider: "builtin" });
    const wf = await createWorkflow(cookie, journey(user.id));
    const outputs = [];
    for (const objectId of ["d1", "d2"]) {
      const run = await drive(cookie, await testRun(cookie, wf, deal(NOTES, { objectId })));
      outputs.push(run.steps.filter((s: any) => s.nodeId !== "t" && s.nodeId !== "m").map((s: any) => ({ ...s.output, ai: { ...s.output.ai, latencyMs: 0 } })));
    }
    expect(outputs[0]).toEqual(outputs[1]);
  });
});

describe("AI nodes on an OpenAI-compatible endpoint (fake server)", () => {
  it("the same workflow passes: a malformed answer is asked again with the error, classify routes, generate stays within maxWords", async () => {
    const { cookie, user } = await signedIn();
    const model = unique("journey");
    await chooseAi(cookie, { provider: "openai", model, pricePer1kTokens: 0.5 });
    await script(model, [
      { content: "Sure! The deal has forty seats." },
      { content: { seats: 40, sso: true, kickoff: "2026-05-04" }, usage: { prompt_tokens: 200, completion_tokens: 20 } },
      { content: { label: "enterprise", confidence: 0.92, reason: "SSO and a security review." } },
      // No step for generate: the fake answers ~80 words of prose, more than maxWords.
    ]);
    const wf = await createWorkflow(cookie, journey(user.id, { maxWords: 30 }));
    const runId = await testRun(cookie, wf, deal());
    const run = await drive(cookie, runId);
    expect(run.status, JSON.stringify(run.steps.map((s: any) => [s.nodeId, s.status, s.error]))).toBe("completed");

    const x = stepsOf(run, "x")[0].output;
    expect(x).toMatchObject({ seats: 40, sso: true, kickoff: "2026-05-04", ai: { provider: "openai", model, tries: 2 } });
    expect(x.ai.tokens.input).toBeGreaterThan(200);
    expect(x.ai.costUsd).toBeGreaterThan(0);
    expect(x.ai.prompt).toContain("[system]");
    expect(x.ai.prompt).toContain("Your previous answer was rejected");
    expect(x.ai.prompt).not.toContain("sk-live");
    expect(stepsOf(run, "c")[0]).toMatchObject({ port: "enterprise", output: { label: "enterprise", confidence: 0.92, reason: "SSO and a security review.", needsReview: false } });
    const g = stepsOf(run, "g")[0].output;
    expect(g).toMatchObject({ words: 30, truncated: true, ai: { provider: "openai" } });

    const sent = await aiRequests(model);
    expect(sent).toHaveLength(4);
    for (const r of sent) {
      expect(r.problems).toEqual([]);
      expect(r.status).toBe(200);
      expect(r.authorization).toMatch(/^Bearer sk-test-fake/);
      expect(r.body.model).toBe(model);
    }
    expect(sent[0].body.response_format.type).toBe("json_schema");
    expect(sent[1].body.messages[1].content).toMatch(/Your previous answer was rejected: answer: .*object/);
    expect(sent[3].body.response_format).toBeUndefined();
  });

  it("fails the step clearly after a second malformed answer, without retrying it", async () => {
    const { cookie, user } = await signedIn();
    const model = unique("malformed");
    await chooseAi(cookie, { provider: "openai", model });
    await script(model, [{ content: "not json" }, { content: { seats: "forty", sso: "maybe" } }]);
    const wf = await createWorkflow(cookie, journey(user.id));
    const run = await drive(cookie, await testRun(cookie, wf, deal()));
    expect(run.status).toBe("failed");
    const x = stepsOf(run, "x");
    expect(x).toHaveLength(1);
    expect(x[0].error.code).toBe("ai_invalid_output");
    expect(x[0].error.message).toMatch(/after 2 tries: .*seats/);
    expect(await aiRequests(model)).toHaveLength(2);
  });

  it("low confidence from the model takes the review port", async () => {
    const { cookie, user } = await signedIn();
    const model = unique("unsure");
    await chooseAi(cookie, { provider: "openai", model });
    await script(model, [{ content: { seats: 1, sso: false, kickoff: "" } }, { content: { label: "technical", confidence: 0.35, reason: "Hard to tell." } }]);
    const wf = await createWorkflow(cookie, journey(user.id, { minConfidence: 0.7 }));
    const run = await drive(cookie, await testRun(cookie, wf, deal()));
    expect(run.status).toBe("paused");
    expect(stepsOf(run, "c")[0]).toMatchObject({ port: "review", output: { label: "technical", needsReview: true } });
  });

  it("429 with Retry-After waits that long through the engine's backoff, then succeeds", async () => {
    const { cookie, user } = await signedIn();
    const model = unique("ratelimit");
    await chooseAi(cookie, { provider: "openai", model });
    await script(model, [{ status: 429, retryAfter: "45" }]);
    const wf = await createWorkflow(cookie, journey(user.id));
    const runId = await testRun(cookie, wf, deal());
    await kicked(runId);
    let run = await getRun(cookie, runId);
    expect(run.status).toBe("running");
    const first = stepsOf(run, "x")[0];
    // An attempt waiting for its retry stays "running" in the journal, with the error that stopped it.
    expect(first).toMatchObject({ status: "running", attempts: 1, error: { code: "ai_rate_limited" } });
    const timer = run.timers.find((t: any) => t.kind === "retry");
    expect(Date.parse(timer.at) - Date.parse(first.endedAt)).toBeGreaterThanOrEqual(44_000);
    await fire(runId);
    run = await drive(cookie, runId);
    expect(run.status).toBe("completed");
    expect(stepsOf(run, "x").map((s: any) => [s.attempts, s.error?.code ?? null, s.status === "completed"])).toEqual([
      [1, "ai_rate_limited", false],
      [2, null, true],
    ]);
  });

  it("a slow endpoint times out, and the retry succeeds", async () => {
    const { cookie, user } = await signedIn();
    const model = unique("slow");
    await chooseAi(cookie, { provider: "openai", model, timeoutMs: 300 });
    await script(model, [{ delayMs: 3000, content: { seats: 1, sso: false, kickoff: "" } }]);
    const wf = await createWorkflow(cookie, journey(user.id));
    const run = await drive(cookie, await testRun(cookie, wf, deal()));
    expect(run.status).toBe("completed");
    const x = stepsOf(run, "x");
    expect(x[0]).toMatchObject({ attempts: 1, error: { code: "ai_timeout", message: expect.stringContaining("0.3 s") } });
    expect(x[0].durationMs).toBeLessThan(2500);
    expect(x.at(-1)).toMatchObject({ status: "completed", attempts: 2 });
  });

  it("a 4xx answer fails the step at once, and no secret reaches the run", async () => {
    const { cookie, user } = await signedIn();
    const model = unique("fourxx");
    await chooseAi(cookie, { provider: "openai", model });
    await script(model, [{ status: 400, error: "context length exceeded" }]);
    const wf = await createWorkflow(cookie, journey(user.id));
    const run = await drive(cookie, await testRun(cookie, wf, deal()));
    expect(run.status).toBe("failed");
    expect(stepsOf(run, "x")).toMatchObject([{ status: "failed", attempts: 1, error: { code: "ai_rejected", message: expect.stringContaining("context length exceeded") } }]);
    const r = await call(`/api/runs/${run.id}`, { cookie });
    expect(r.text).not.toContain("sk-test-fake");
  });
});
