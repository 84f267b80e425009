import { describe, expect, it } from "vitest";
import { nodeTypes } from "../../../durable/registry";
import { NodeError } from "../../../durable/types";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

const config = {
  instruction: "Extract the onboarding facts",
  input: "{{deal.name}} with {{deal.company.employees}} employees",
  fields: [
    { key: "summary", type: "string", description: "one line" },
    { key: "seats", type: "number", description: "expected seats" },
    { key: "sso", type: "boolean", description: "needs SSO" },
  ],
};

describe("ai.transform", () => {
  it("returns the declared fields and provider details", async () => {
    const { outcome, fake } = await runNode("ai.transform", config, { deal: sampleDeal() }, { aiAnswers: [{ summary: "Growth deal", seats: 40, sso: false }] });
    expect(fake.calls.ai).toEqual([
      { task: "transform", prompt: "Extract the onboarding facts", input: "Brightline Analytics — Growth with 240 employees", fields: config.fields },
    ]);
    expect(expectKind(outcome, "next").output).toEqual({
      summary: "Growth deal",
      seats: 40,
      sso: false,
      ai: { provider: "builtin", model: "deterministic-1", latencyMs: 5, tokens: { input: 10, output: 5 }, tries: 1 },
      missing: [],
    });
  });

  it("accepts JSON text in a code fence", async () => {
    const answer = '```json\n{"summary":"x","seats":1,"sso":true}\n```';
    const { outcome } = await runNode("ai.transform", config, { deal: sampleDeal() }, { aiAnswers: [answer] });
    expect(expectKind(outcome, "next").output).toMatchObject({ summary: "x", seats: 1, sso: true });
  });

  it("asks once more with the validation error, then succeeds", async () => {
    const { outcome, fake } = await runNode("ai.transform", config, { deal: sampleDeal() }, {
      aiAnswers: [{ summary: "x", seats: "forty", sso: false, extra: 1 }, { summary: "x", seats: 40, sso: false }],
    });
    expect(fake.calls.ai).toHaveLength(2);
    expect(fake.calls.ai[1].prompt).toMatch(/^Extract the onboarding facts\n\nYour previous answer was rejected: .*seats/s);
    expect(expectKind(outcome, "next").output).toMatchObject({ seats: 40, ai: { tries: 2, latencyMs: 10 } });
  });

  it("fails without retries after a second malformed answer", async () => {
    const { outcome } = await runNode("ai.transform", config, { deal: sampleDeal() }, { aiAnswers: ["not json", { summary: 1 }] });
    expect(outcome).toMatchObject({ kind: "fail", retryable: false, error: { code: "ai_invalid_output", message: expect.stringMatching(/after 2 tries/) } });
  });

  it("lets a provider outage be retried", async () => {
    const { outcome } = await runNode("ai.transform", config, {}, { aiAnswers: [new NodeError("rate limited", "ai_rate_limited", true, 10_000)] });
    expect(outcome).toMatchObject({ kind: "fail", retryable: true, retryAfterMs: 10_000 });
  });

  it("refuses duplicate and reserved field keys", () => {
    const schema = nodeTypes.get("ai.transform")!.config;
    expect(schema.safeParse({ ...config, fields: [config.fields[0], config.fields[0]] }).success).toBe(false);
    expect(schema.safeParse({ ...config, fields: [{ key: "ai", type: "string", description: "" }] }).success).toBe(false);
  });
});
