import { describe, expect, it } from "vitest";
import { triggerMatches } from "../../durable/triggers";

describe("triggerMatches", () => {
  const hubspot = { kind: "hubspot" as const, connectorId: "c1", objectId: "1", stageId: "closedwon", pipelineId: null };

  it("dispatches on the trigger type", () => {
    expect(triggerMatches("trigger.hubspot", { connectorId: "c1", stageIds: ["closedwon"] }, hubspot)).toBe(true);
    expect(triggerMatches("trigger.salesforce", { connectorId: "c1", stages: ["closedwon"] }, hubspot)).toBe(false);
    expect(triggerMatches("trigger.notion", { connectorId: "c1", databaseId: "d", event: "page.created" }, hubspot)).toBe(false);
  });

  it("matches nothing for unknown types and malformed stored configs", () => {
    expect(triggerMatches("logic.condition", {}, hubspot)).toBe(false);
    expect(triggerMatches("trigger.hubspot", { connectorId: "c1" }, hubspot)).toBe(false);
    expect(triggerMatches("trigger.hubspot", null, hubspot)).toBe(false);
  });
});

describe("trigger summaries for lists", () => {
  it("name HubSpot's default stages by their labels and keep custom stage ids", async () => {
    const { triggerSummary } = await import("../../worker/db/queries/workflows");
    const def = (stageIds: string[]) => ({ nodes: [{ id: "t", type: "trigger.hubspot", config: { connectorId: "c", stageIds } }], edges: [] });
    expect(triggerSummary(def(["closedwon"])).summary).toBe("HubSpot deal reaches Closed Won");
    expect(triggerSummary(def(["contractsent", "1102458836"])).summary).toBe("HubSpot deal reaches Contract Sent, 1102458836");
  });
});
