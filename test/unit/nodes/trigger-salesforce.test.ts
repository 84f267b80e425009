import { describe, expect, it } from "vitest";
import { matches } from "../../../durable/nodes/trigger-salesforce";
import { expectKind, runNode } from "../helpers/run-node";

describe("trigger.salesforce", () => {
  const event = { kind: "salesforce" as const, connectorId: "sf", objectId: "0065g00000Bq7XkAAJ", stage: "Closed Won" };

  it("matches stage names case-insensitively on its connector", () => {
    expect(matches({ connectorId: "sf", stages: ["closed won"] }, event)).toBe(true);
    expect(matches({ connectorId: "sf", stages: ["Negotiation"] }, event)).toBe(false);
    expect(matches({ connectorId: "other", stages: ["Closed Won"] }, event)).toBe(false);
    expect(matches({ connectorId: "sf", stages: ["Closed Won"] }, { ...event, stage: null })).toBe(false);
  });

  it("continues on out with the opportunity and stage", async () => {
    const { outcome } = await runNode("trigger.salesforce", { connectorId: "sf", stages: ["Closed Won"] }, { trigger: { sObject: { Id: "0065g00000Bq7XkAAJ", StageName: "Closed Won" } } });
    expect(expectKind(outcome, "next")).toMatchObject({ port: "out", output: { source: "salesforce", objectId: "0065g00000Bq7XkAAJ", stage: "Closed Won" } });
  });
});
