import { describe, expect, it } from "vitest";
import { expectKind, runNode } from "../helpers/run-node";

describe("end", () => {
  it("finishes completed by default", async () => {
    const { outcome } = await runNode("end", {}, {});
    expect(expectKind(outcome, "end")).toMatchObject({ status: "completed", output: { outcome: "completed", reason: null } });
  });

  it("finishes failed with a reason", async () => {
    const { outcome } = await runNode("end", { outcome: "failed", reason: "Rejected" }, {});
    expect(expectKind(outcome, "end")).toMatchObject({ status: "failed", reason: "Rejected" });
  });
});
