import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import type { Connector, ConnectorEvent, SendTestEventResult } from "../../web/lib/api-types";
import { ADMIN, apiError, fakeFetch, json, renderApp } from "./helpers";

const hubspot: Connector = {
  id: "con_hs",
  kind: "hubspot",
  name: "HubSpot (demo)",
  status: "connected",
  mode: "demo",
  webhookUrl: "http://127.0.0.1:8787/webhooks/hubspot/con_hs",
  lastEventAt: null,
  lastError: null,
  credentials: { accessToken: "pat-…oken", clientSecret: "demo…cret", apiBaseUrl: "http://127.0.0.1:8790" },
  settings: { portalId: "48211937" },
  verification: null,
  createdAt: "2026-03-01T00:00:00Z",
  updatedAt: "2026-03-01T00:00:00Z",
};
const broken: Connector = { ...hubspot, id: "con_x", name: "HubSpot EU", mode: "live", status: "error", lastError: "Could not reach HubSpot at api.hubapi.com (network error).", credentials: { accessToken: "pat-…1234", clientSecret: "…ab" } };

const event = (id: string, over: Partial<ConnectorEvent> = {}): ConnectorEvent => ({
  id,
  receivedAt: "2026-03-27T10:00:00Z",
  eventKey: `k-${id}`,
  type: "deal.propertyChange",
  objectId: "24587310912",
  verified: true,
  outcome: "ignored",
  reason: "No active workflow waits for this stage.",
  runIds: [],
  ...over,
});

/** The server's answer to a test event for a deal one workflow already has a run of (another's has none), which it does not re-enrol. */
const SECOND_SEND: SendTestEventResult = {
  status: 200,
  ok: true,
  detail: "Delivered, but no run started: “HubSpot Closed Won → onboarding”: Deal 24587310912 already has a run of this workflow (re-enrolment is off)",
  events: [
    {
      ...event("evt_3"),
      reason: "“HubSpot Closed Won → onboarding”: Deal 24587310912 already has a run of this workflow (re-enrolment is off)",
      existingRunIds: ["run_abc"],
    },
  ],
};

function server(sendTestEvent?: () => Response) {
  let events: ConnectorEvent[] = [event("evt_1")];
  return fakeFetch({
    "GET /api/me": () => json(200, ADMIN),
    "GET /api/connectors": () => json(200, { items: [hubspot, broken], nextCursor: null }),
    "GET /api/connectors/con_hs": () => json(200, hubspot),
    "GET /api/connectors/con_hs/events": ({ path }) => {
      const outcome = new URL(path, "http://x").searchParams.get("outcome");
      return json(200, { items: events.filter((e) => !outcome || e.outcome === outcome), nextCursor: null });
    },
    "POST /api/connectors/con_hs/send-test-event":
      sendTestEvent ??
      (() => {
        const started = event("evt_2", { type: "deal.propertyChange", outcome: "started", reason: null, runIds: ["run_abc"] });
        events = [started, ...events];
        const startedRuns = [{ id: "run_abc", workflowId: "wf_1", workflowName: "HubSpot Closed Won → onboarding" }];
        return json(200, { status: 200, ok: true, detail: "Delivered. 1 run started.", events: [{ ...started, existingRunIds: [], startedRuns }] });
      }),
    "POST /api/connectors/con_hs/test": () => json(200, { ok: true, detail: "Connected to HubSpot account 48211937." }),
    "DELETE /api/connectors/con_hs": () =>
      apiError(409, "connector_in_use", "Active workflows use this connector: “HubSpot Closed Won → onboarding”. Pause or archive them first."),
  });
}

describe("Connectors pages", () => {
  // The pages are lazy chunks: load them once up front so the first test does not wait on the transform.
  beforeAll(async () => {
    await Promise.all([import("../../web/pages/connectors"), import("../../web/pages/connectors-detail")]);
  }, 30_000);

  it("lists connectors with CRM, status, mode and last event, and the failure in words", async () => {
    renderApp("/connectors", server());
    const table = await screen.findByRole("table", { name: "Connectors" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByRole("link", { name: "HubSpot (demo)" }).getAttribute("href")).toBe("/connectors/con_hs");
    expect(within(rows[0]).getByText("Connected")).toBeTruthy();
    expect(within(rows[0]).getByText("Demo")).toBeTruthy();
    expect(within(rows[0]).getByText("None yet")).toBeTruthy();
    expect(within(rows[1]).getByText("Error")).toBeTruthy();
    expect(within(rows[1]).getByText(/Could not reach HubSpot/)).toBeTruthy();
    expect(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Connectors" }).getAttribute("aria-current")).toBe("page");
  });

  it("shows the webhook URL, setup steps and masked credentials; sends a test event and links the run; filters the log", async () => {
    const fetch = server();
    renderApp("/connectors/con_hs", fetch);
    expect(await screen.findByRole("heading", { level: 1, name: "HubSpot (demo)" })).toBeTruthy();
    expect((screen.getByLabelText("Webhook URL") as HTMLInputElement).value).toBe(hubspot.webhookUrl);
    expect(screen.getByRole("button", { name: "Copy Webhook URL" })).toBeTruthy();
    expect(screen.getAllByText("deal.creation").length).toBeGreaterThan(0);
    expect(screen.getByText("pat-…oken")).toBeTruthy();

    const log = await screen.findByRole("table", { name: "Event log, newest first" });
    expect(within(log).getByText("Ignored")).toBeTruthy();
    expect(within(log).getByText("No active workflow waits for this stage.")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Send test event" }));
    expect(await screen.findByText("Delivered. 1 run started.")).toBeTruthy();
    await waitFor(() => expect(within(screen.getByRole("table", { name: "Event log, newest first" })).getByText("Started")).toBeTruthy());
    // The result names the run by its workflow; the log lists its id.
    const callout = screen.getByText("Delivered. 1 run started.").closest(".con-callout") as HTMLElement;
    expect(callout.textContent).not.toContain("run_abc");
    const named = within(callout).getByRole("link", { name: "Run of “HubSpot Closed Won → onboarding”" });
    expect(named.getAttribute("href")).toBe("/runs/run_abc");
    const runLinks = screen.getAllByRole("link", { name: "Run run_abc" });
    expect(runLinks.length).toBe(1);
    expect(runLinks[0].getAttribute("href")).toBe("/runs/run_abc");

    fireEvent.change(screen.getByLabelText("Outcome"), { target: { value: "rejected" } });
    expect(await screen.findByText("No events match")).toBeTruthy();
    expect(fetch.calls.some((c) => c.path.includes("/events?outcome=rejected"))).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
    expect(await screen.findByText("Connected to HubSpot account 48211937.")).toBeTruthy();
  });

  it("when a test event starts nothing, says why inline, links the run the record already has and names the setting", async () => {
    renderApp("/connectors/con_hs", server(() => json(200, SECOND_SEND)));
    fireEvent.click(await screen.findByRole("button", { name: "Send test event" }));
    const callout = (await screen.findByText("Delivered, but no run started")).closest(".con-callout") as HTMLElement;
    expect(within(callout).getByText(SECOND_SEND.events[0].reason!)).toBeTruthy();
    expect(within(callout).getByText(/Open its run/)).toBeTruthy();
    expect(within(callout).getByRole("link", { name: "Run run_abc" }).getAttribute("href")).toBe("/runs/run_abc");
    expect(callout.textContent).toContain("turn on “Start again for a record that already had a run” in the workflow's settings");
    expect(within(callout).queryByText("The event is in the log below with the reason.")).toBeNull();
  });

  it("when every sample record already has a run, says so plainly with what to do, not as a failed delivery", async () => {
    const message =
      "Every sample record the demo HubSpot serves (3) already has a run of “HubSpot Closed Won → onboarding”, and re-enrolment is off, so another test event would start nothing. To send more, turn on “Start again for a record that already had a run” in the workflow's settings (the builder's Workflow panel, shown when no step is selected), or try the workflow from the builder's Test panel, whose test runs have no such limit.";
    renderApp("/connectors/con_hs", server(() => apiError(409, "samples_used_up", message)));
    fireEvent.click(await screen.findByRole("button", { name: "Send test event" }));
    const callout = (await screen.findByText("Every sample record already has a run")).closest(".con-callout") as HTMLElement;
    expect(callout.classList.contains("con-callout--info")).toBe(true);
    expect(within(callout).getByText(message)).toBeTruthy();
    expect(callout.textContent).not.toContain("could not be sent");
    expect(callout.textContent).not.toMatch(/duplicate/i);
  });

  it("when nothing started for another reason, lists it without a run link or the re-enrolment hint", async () => {
    const mismatch = { ...event("evt_4"), reason: "“HubSpot Closed Won → onboarding”: stage “appointmentscheduled” is not a trigger stage (“closedwon”)", existingRunIds: [] };
    renderApp("/connectors/con_hs", server(() => json(200, { status: 200, ok: true, detail: `Delivered, but no run started: ${mismatch.reason}`, events: [mismatch] })));
    fireEvent.click(await screen.findByRole("button", { name: "Send test event" }));
    const callout = (await screen.findByText("Delivered, but no run started")).closest(".con-callout") as HTMLElement;
    expect(within(callout).getByText(mismatch.reason)).toBeTruthy();
    expect(within(callout).queryByRole("link")).toBeNull();
    expect(callout.textContent).not.toContain("Start again for a record");
  });

  it("shows the 409 when an active workflow still uses the connector", async () => {
    renderApp("/connectors/con_hs", server());
    fireEvent.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("alertdialog", { name: "Delete HubSpot (demo)?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete connector" }));
    expect(await within(dialog).findByText(/Active workflows use this connector: “HubSpot Closed Won → onboarding”/)).toBeTruthy();
    expect(location.pathname).toBe("/connectors/con_hs");
  });
});
