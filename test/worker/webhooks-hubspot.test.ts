import { describe, expect, it } from "vitest";
import { call, signedIn } from "./helpers";
import closedWonFixture from "../fixtures/hubspot/deal-propertychange-closedwon.json?raw";
import { activeWorkflow, closedWon, createConnector, events, hubspotTrigger, postHubspot, runsOf } from "./crm-helpers";

describe("HubSpot webhook signatures", () => {
  it("accepts the fixture signed with sign.mjs and starts a run", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const wf = await activeWorkflow(cookie, hubspotTrigger(c.id));
    const r = await postHubspot(c.id, c.secret!, closedWonFixture);
    expect(r.status, r.text).toBe(200);
    expect(r.json.events).toHaveLength(1);
    expect(r.json.events[0]).toMatchObject({ outcome: "started" });
    expect(await runsOf(cookie, wf)).toHaveLength(1);
  });
});
