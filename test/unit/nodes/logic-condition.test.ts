import { describe, expect, it } from "vitest";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

const config = { combine: "all", rules: [{ field: "deal.arr", op: "gte", value: 100000 }, { field: "deal.company.country", op: "eq", value: "us" }] };

describe("logic.condition", () => {
  it("takes true when the rules hold, with the trace in the output", async () => {
    const { outcome } = await runNode("logic.condition", config, { deal: sampleDeal({ arr: 126000 }) });
    const next = expectKind(outcome, "next");
    expect(next.port).toBe("true");
    expect(next.output).toMatchObject({ result: true, combine: "all" });
    expect((next.output.trace as unknown[]).length).toBe(2);
  });

  it("takes false otherwise", async () => {
    const { outcome } = await runNode("logic.condition", config, { deal: sampleDeal() });
    expect(expectKind(outcome, "next").port).toBe("false");
    const any = await runNode("logic.condition", { ...config, combine: "any" }, { deal: sampleDeal() });
    expect(expectKind(any.outcome, "next").port).toBe("true");
  });

  it("fails on an invalid config instead of guessing", async () => {
    const { outcome } = await runNode("logic.condition", { combine: "all", rules: [] }, {});
    expect(outcome).toMatchObject({ kind: "fail", retryable: false, error: { code: "invalid_config" } });
  });
});
