import { describe, expect, it } from "vitest";
import { nodeTypes, portsFor } from "../../../durable/registry";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

const config = {
  cases: [
    { id: "enterprise", label: "Enterprise", combine: "all", rules: [{ field: "deal.arr", op: "gte", value: 100000 }] },
    { id: "emea", label: "EMEA", combine: "any", rules: [{ field: "deal.company.region", op: "in", value: "EMEA, DACH" }] },
    { id: "us", label: "US", combine: "all", rules: [{ field: "deal.company.country", op: "eq", value: "US" }] },
  ],
};

describe("logic.switch", () => {
  it("has a port per case plus default", () => {
    expect(portsFor(nodeTypes.get("logic.switch")!, config)).toEqual(["enterprise", "emea", "us", "default"]);
  });

  it("takes the first matching case and records what was checked", async () => {
    const deal = sampleDeal({ arr: 200000 });
    const { outcome } = await runNode("logic.switch", config, { deal });
    const next = expectKind(outcome, "next");
    expect(next.port).toBe("enterprise");
    expect(next.output).toMatchObject({ matched: "enterprise", label: "Enterprise" });
    expect(next.output.cases).toHaveLength(1); // US also matches, but the first match wins
  });

  it("falls through to later cases", async () => {
    const { outcome } = await runNode("logic.switch", config, { deal: sampleDeal() });
    expect(expectKind(outcome, "next").port).toBe("us");
    const emea = await runNode("logic.switch", config, { deal: sampleDeal({ company: { ...sampleDeal().company, region: "dach", country: "DE" } }) });
    expect(expectKind(emea.outcome, "next").port).toBe("emea");
  });

  it("takes default when no case matches", async () => {
    const { outcome } = await runNode("logic.switch", config, { deal: sampleDeal({ company: { ...sampleDeal().company, country: "CA" } }) });
    const next = expectKind(outcome, "next");
    expect(next.port).toBe("default");
    expect(next.output).toMatchObject({ matched: "default" });
    expect(next.output.cases).toHaveLength(3);
  });

  it("refuses duplicate case ids and the reserved id default", () => {
    const schema = nodeTypes.get("logic.switch")!.config;
    const dup = { cases: [config.cases[0], { ...config.cases[1], id: "enterprise" }] };
    expect(schema.safeParse(dup).success).toBe(false);
    expect(schema.safeParse({ cases: [{ ...config.cases[0], id: "default" }] }).success).toBe(false);
  });
});
