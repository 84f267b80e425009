import { describe, expect, it } from "vitest";
import { matches } from "../../../durable/nodes/trigger-hubspot";
import type { HubspotEvent } from "../../../durable/triggers";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

const event: HubspotEvent = { kind: "hubspot", connectorId: "c1", objectId: "24587310912", stageId: "closedwon", pipelineId: "default" };

describe("trigger.hubspot", () => {
  it("matches the configured stages on its own connector", () => {
    expect(matches({ connectorId: "c1", stageIds: ["closedwon"] }, event)).toBe(true);
    expect(matches({ connectorId: "c1", stageIds: ["ClosedWon "] }, event)).toBe(true);
    expect(matches({ connectorId: "c1", stageIds: ["contractsent"] }, event)).toBe(false);
    expect(matches({ connectorId: "c2", stageIds: ["closedwon"] }, event)).toBe(false);
    expect(matches({ connectorId: "c1", stageIds: ["closedwon"] }, { ...event, stageId: null })).toBe(false);
  });

  it("checks the pipeline only when one is configured", () => {
    expect(matches({ connectorId: "c1", stageIds: ["closedwon"], pipelineId: "default" }, event)).toBe(true);
    expect(matches({ connectorId: "c1", stageIds: ["closedwon"], pipelineId: "renewals" }, event)).toBe(false);
    expect(matches({ connectorId: "c1", stageIds: ["closedwon"], pipelineId: "default" }, { ...event, pipelineId: null })).toBe(false);
  });

  it("ignores other CRMs", () => {
    expect(matches({ connectorId: "c1", stageIds: ["Closed Won"] }, { kind: "salesforce", connectorId: "c1", objectId: "x", stage: "Closed Won" })).toBe(false);
  });

  it("continues on out with a summary of the event", async () => {
    const raw = { objectId: 24587310912, propertyName: "dealstage", propertyValue: "closedwon", subscriptionType: "deal.propertyChange" };
    const { outcome } = await runNode("trigger.hubspot", { connectorId: "c1", stageIds: ["closedwon"] }, { trigger: raw });
    expect(expectKind(outcome, "next")).toEqual({
      kind: "next",
      port: "out",
      output: { source: "hubspot", connectorId: "c1", objectId: "24587310912", startedBy: "event", stageId: "closedwon", eventType: "deal.propertyChange", stageIds: ["closedwon"] },
    });
  });

  it("says when a test run started from a deal", async () => {
    const { outcome } = await runNode("trigger.hubspot", { connectorId: "c1", stageIds: ["closedwon"] }, { trigger: null, deal: sampleDeal() });
    expect(expectKind(outcome, "next").output).toMatchObject({ objectId: "24587310912", startedBy: "deal" });
  });
});
