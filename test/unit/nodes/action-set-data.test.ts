import { describe, expect, it } from "vitest";
import { nodeTypes } from "../../../durable/registry";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

describe("action.set_data", () => {
  it("sets dotted paths; exactly-{{path}} keeps the typed value, other templates give text", async () => {
    const config = { values: { "onboarding.arr": "{{deal.arr}}", "onboarding.company": "{{deal.company}}", "onboarding.label": "{{deal.company.name}} ({{deal.arr}})", flag: "{{deal.missing}}" } };
    const { outcome } = await runNode("action.set_data", config, { deal: sampleDeal() });
    const next = expectKind(outcome, "next");
    expect(next.set).toEqual({
      "onboarding.arr": 48000,
      "onboarding.company": sampleDeal().company,
      "onboarding.label": "Brightline Analytics (48000)",
      flag: null,
    });
    expect(next.output).toEqual({ set: next.set, missing: ["deal.missing"] });
  });

  it("refuses unsafe target paths and steps.*", () => {
    const schema = nodeTypes.get("action.set_data")!.config;
    for (const key of ["steps.x", "steps", "__proto__.x", "a..b", ""]) expect(schema.safeParse({ values: { [key]: "1" } }).success).toBe(false);
    expect(schema.safeParse({ values: {} }).success).toBe(false);
    expect(schema.safeParse({ values: { "a.b": "1" } }).success).toBe(true);
  });
});
