import { describe, expect, it } from "vitest";
import { NodeError } from "../../../durable/types";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

describe("action.extract_deal", () => {
  const event = { objectId: 24587310912, propertyValue: "closedwon" };

  it("fetches the deal behind the trigger with the trigger's connector and sets deal", async () => {
    const { outcome, fake } = await runNode("action.extract_deal", {}, { trigger: event });
    const next = expectKind(outcome, "next");
    expect(fake.calls.fetchDeal).toEqual([{ trigger: event, connectorId: "conn-hs" }]);
    expect(next.set).toEqual({ deal: sampleDeal() });
    expect(next.output).toMatchObject({ objectId: "24587310912", company: "Brightline Analytics", arr: 48000, kept: false });
  });

  it("keeps a deal supplied to a test run without an event, and says so", async () => {
    const deal = sampleDeal({ name: "Given" });
    const { outcome, fake } = await runNode("action.extract_deal", {}, { trigger: null, deal });
    const next = expectKind(outcome, "next");
    expect(fake.calls.fetchDeal).toEqual([]);
    expect(next.set).toBeUndefined();
    expect(next.output).toMatchObject({ name: "Given", kept: true, note: expect.stringMatching(/nothing was fetched/) });
  });

  it("fails without retries when there is neither event nor deal", async () => {
    const { outcome } = await runNode("action.extract_deal", {}, {});
    expect(outcome).toMatchObject({ kind: "fail", retryable: false, error: { code: "no_trigger_event" } });
  });

  it("passes on the CRM's retryable and final errors", async () => {
    const down = await runNode("action.extract_deal", {}, { trigger: event }, { deal: new NodeError("HubSpot 503", "crm_unavailable", true, 2000) });
    expect(down.outcome).toEqual({ kind: "fail", error: { message: "HubSpot 503", code: "crm_unavailable" }, retryable: true, retryAfterMs: 2000 });
    const gone = await runNode("action.extract_deal", {}, { trigger: event }, { deal: new NodeError("Deal 1 not found", "not_found", false) });
    expect(gone.outcome).toMatchObject({ retryable: false, error: { code: "not_found" } });
    const bug = await runNode("action.extract_deal", {}, { trigger: event }, { deal: new TypeError("x is undefined") });
    expect(bug.outcome).toEqual({ kind: "fail", error: { message: "x is undefined", code: "internal_error" }, retryable: true });
  });
});
