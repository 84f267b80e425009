import { screen, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { ConnectorEvent } from "../../web/lib/api-types";
import { EventLog } from "../../web/pages/connectors/event-log";
import { fakeFetch, json, renderWithState } from "./helpers";

const started: ConnectorEvent = {
  id: "evt_1",
  receivedAt: "2026-03-27T10:00:00Z",
  eventKey: "k-1",
  type: "deal.propertyChange",
  objectId: "24587310912",
  verified: true,
  outcome: "started",
  reason: null,
  runIds: ["run_a", "run_b", "run_gone"],
  // run_gone is no longer in the runs index: the server names only the others.
  startedRuns: [
    { id: "run_a", workflowId: "wf_a", workflowName: "Enterprise onboarding" },
    { id: "run_b", workflowId: "wf_b", workflowName: "AE handoff" },
  ],
};

describe("connector event log", () => {
  it("names each run an event started by its workflow, linking to the run; a run the server could not name keeps its id", async () => {
    renderWithState(<EventLog connectorId="con_hs" refreshKey={0} />, fakeFetch({ "GET /api/connectors/con_hs/events": () => json(200, { items: [started], nextCursor: null }) }));
    const log = await screen.findByRole("table", { name: "Event log, newest first" });
    const links = within(log).getAllByRole("link");
    expect(links.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Run of “Enterprise onboarding”", "/runs/run_a"],
      ["Run of “AE handoff”", "/runs/run_b"],
      ["Run run_gone", "/runs/run_gone"],
    ]);
    expect(within(log).getByRole("link", { name: "Run of “Enterprise onboarding”" }).getAttribute("title")).toBe("run_a");
    expect(log.textContent).not.toContain("run_a");
  });
});
