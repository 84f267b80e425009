import { describe, expect, it } from "vitest";
import { nodeTypes, portsFor } from "../../../durable/registry";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

const labels = [
  { id: "smb", description: "small business" },
  { id: "mid_market", description: "mid-sized" },
  { id: "enterprise", description: "large company" },
];
const config = { input: "{{deal.company.name}}, {{deal.company.employees}} employees", labels };

describe("ai.classify", () => {
  it("has one port per label, plus review with minConfidence", () => {
    const type = nodeTypes.get("ai.classify")!;
    expect(portsFor(type, config)).toEqual(["smb", "mid_market", "enterprise"]);
    expect(portsFor(type, { ...config, minConfidence: 0.7 })).toEqual(["smb", "mid_market", "enterprise", "review"]);
  });

  it("takes the label's port with confidence and reason", async () => {
    const { outcome, fake } = await runNode("ai.classify", config, { deal: sampleDeal() }, { aiAnswers: [{ label: "Mid_Market", confidence: 0.82, reason: "240 employees" }] });
    const next = expectKind(outcome, "next");
    expect(next.port).toBe("mid_market");
    expect(next.output).toMatchObject({ label: "mid_market", confidence: 0.82, reason: "240 employees", needsReview: false });
    expect(fake.calls.ai[0]).toMatchObject({ task: "classify", input: "Brightline Analytics, 240 employees", labels });
  });

  it("takes every label port", async () => {
    for (const { id } of labels) {
      const { outcome } = await runNode("ai.classify", config, {}, { aiAnswers: [{ label: id, confidence: 0.9 }] });
      expect(expectKind(outcome, "next").port).toBe(id);
    }
  });

  it("takes review when confidence is below the minimum or missing", async () => {
    const low = await runNode("ai.classify", { ...config, minConfidence: 0.7 }, {}, { aiAnswers: [{ label: "smb", confidence: 0.4, reason: "unsure" }] });
    expect(expectKind(low.outcome, "next")).toMatchObject({ port: "review", output: { label: "smb", needsReview: true } });
    const none = await runNode("ai.classify", { ...config, minConfidence: 0.7 }, {}, { aiAnswers: [{ label: "smb" }] });
    expect(expectKind(none.outcome, "next").port).toBe("review");
  });

  it("asks again when the label is unknown, then fails", async () => {
    const fixed = await runNode("ai.classify", config, {}, { aiAnswers: [{ label: "giant" }, { label: "enterprise", confidence: 1 }] });
    expect(expectKind(fixed.outcome, "next").port).toBe("enterprise");
    expect(fixed.fake.calls.ai[1].prompt).toMatch(/"giant" is not one of smb, mid_market, enterprise/);
    const bad = await runNode("ai.classify", config, {}, { aiAnswers: [{ label: "giant" }, "?"] });
    expect(bad.outcome).toMatchObject({ kind: "fail", retryable: false, error: { code: "ai_invalid_output" } });
  });

  it("refuses a label called review when minConfidence makes it a port", () => {
    const schema = nodeTypes.get("ai.classify")!.config;
    expect(schema.safeParse({ ...config, labels: [...labels, { id: "review", description: "" }], minConfidence: 0.5 }).success).toBe(false);
    expect(schema.safeParse({ ...config, labels: [labels[0]] }).success).toBe(false);
  });
});
