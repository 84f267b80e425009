import { screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import type { Definition, RunDetail } from "../../web/lib/api-types";
import { NODE_TYPES } from "./builder-fixtures";
import { ADMIN, fakeFetch, json, renderApp } from "./helpers";

const definition: Definition = {
  nodes: [
    { id: "t", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: { connectorId: "conn_1", stageIds: ["closedwon"] } },
    { id: "acc", type: "action.create_account", name: "Account for {{deal.company.name}}", position: { x: 0, y: 150 }, config: {} },
    { id: "pick", type: "human.assign_csm", position: { x: 0, y: 300 }, config: { title: "Assign a CSM to {{account.name}}", assignee: { poolId: "pool_1" } } },
    { id: "odd", type: "action.set_data", name: "Tag {{deal.nothing}}", position: { x: 300, y: 300 }, config: { values: {} } },
    { id: "gone", type: "end", name: "No CSM assigned", position: { x: 0, y: 450 }, config: { outcome: "failed", reason: "Nobody assigned a CSM in time" } },
  ],
  edges: [
    { id: "e1", source: "t", target: "acc" },
    { id: "e2", source: "acc", target: "pick" },
    { id: "e3", source: "pick", target: "gone" },
    { id: "e4", source: "acc", target: "odd" },
  ],
};

const step = (nodeId: string, nodeType: string, status: RunDetail["steps"][number]["status"], output?: unknown) => ({
  nodeId,
  nodeType,
  status,
  attempts: 1,
  startedAt: "2026-01-05T10:00:00Z",
  endedAt: status === "paused" ? undefined : "2026-01-05T10:00:01Z",
  durationMs: status === "paused" ? undefined : 1000,
  input: {},
  output,
});

const base: RunDetail = {
  id: "run_1",
  workflowId: "wf_1",
  workflowName: "HubSpot Closed Won → onboarding",
  version: 2,
  mode: "live",
  status: "failed",
  currentNodeIds: [],
  startedAt: "2026-01-05T10:00:00Z",
  endedAt: "2026-01-05T11:00:00Z",
  durationMs: 3_600_000,
  subject: { connector: "hubspot", objectId: "123", name: "Brightline Analytics" },
  stepCount: 4,
  error: null,
  data: { deal: { company: { name: "Brightline Analytics" } }, account: { id: "acc_9", name: "Brightline Analytics" } },
  definition,
  waiting: null,
  outcome: { status: "failed", reason: "Nobody assigned a CSM in time" },
  steps: [
    step("t", "trigger.hubspot", "completed"),
    step("acc", "action.create_account", "completed", { accountId: "acc_9", name: "Brightline Analytics" }),
    step("pick", "human.assign_csm", "completed"),
    step("gone", "end", "completed"),
  ],
  timers: [],
  tasks: [],
} as unknown as RunDetail;

function server(run: RunDetail) {
  return fakeFetch({
    "GET /api/me": () => json(200, ADMIN),
    "GET /api/queue/counts": () => json(200, { open: 0, claimedByMe: 0, overdue: 0, assignedToMe: 0 }),
    "GET /api/node-types": () => json(200, { items: NODE_TYPES }),
    [`GET /api/runs/${run.id}`]: () => json(200, run),
  });
}

beforeAll(async () => {
  await import("../../web/pages/runs-detail");
});

describe("Run detail", () => {
  it("links the workflow and the account the run created from its header", async () => {
    renderApp("/runs/run_1", server(base));
    const header = (await screen.findByRole("heading", { level: 1, name: "Brightline Analytics" })).closest("header")!;
    expect(within(header).getByRole("link", { name: "HubSpot Closed Won → onboarding" }).getAttribute("href")).toBe("/workflows/wf_1");
    expect(within(header).getByRole("link", { name: "Brightline Analytics" }).getAttribute("href")).toBe("/accounts/acc_9");
    expect(within(header).getByRole("link", { name: "Open account" }).getAttribute("href")).toBe("/accounts/acc_9");
  });

  it("each step's row controls its details only while they are shown (no reference to a missing element)", async () => {
    renderApp("/runs/run_1", server(base));
    await screen.findByRole("heading", { name: "Steps" });
    const rows = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLButtonElement>("button.step__row")];
      expect(found).toHaveLength(4);
      return found;
    });
    for (const row of rows) {
      const controls = row.getAttribute("aria-controls");
      expect(controls === null || document.getElementById(controls) !== null, `${row.textContent} → ${controls}`).toBe(true);
    }
    rows[1].click();
    await waitFor(() => expect(rows[1].getAttribute("aria-expanded")).toBe("true"));
    expect(document.getElementById(rows[1].getAttribute("aria-controls")!)?.textContent).toContain("Output");
  });

  it("says which definition the path shows: the pinned version, or the draft a test run started on", async () => {
    renderApp("/runs/run_1", server(base));
    await screen.findByText(/^Version 2, which this run is pinned to; the steps it went through are marked/);
  });

  it("says a test run of the draft shows the draft, not a version it is pinned to", async () => {
    renderApp("/runs/run_1", server({ ...base, mode: "test", version: null } as unknown as RunDetail));
    await screen.findByText(/^The draft as it was when this test run started; the steps it went through are marked/);
    expect(screen.queryByText(/pinned to/)).toBeNull();
  });

  it("offers no Retry for a run an End step failed on purpose (the server would refuse it)", async () => {
    renderApp("/runs/run_1", server(base));
    await screen.findByRole("heading", { level: 1, name: "Brightline Analytics" });
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
    expect(screen.getByText("Nobody assigned a CSM in time", { selector: ".run-facts dd" })).toBeTruthy();
  });

  it("offers Retry for a run that failed at a step, naming the step once", async () => {
    const failed = { ...base, error: { message: "CRM said 503", code: "crm_unavailable", nodeId: "acc" }, outcome: { status: "failed", reason: "CRM said 503" } } as unknown as RunDetail;
    renderApp("/runs/run_1", server(failed));
    expect(await screen.findByRole("button", { name: "Retry" })).toBeTruthy();
    expect(screen.getByText("Failed at Account for Brightline Analytics", { selector: ".run-facts dd" })).toBeTruthy();
    expect(screen.getByText("Account for Brightline Analytics failed:")).toBeTruthy();
  });

  it("shows node titles rendered against the run's data, and raw where the data has no value", async () => {
    renderApp("/runs/run_1", server(base));
    const canvas = await screen.findByRole("region", { name: /Path of the run/ });
    await waitFor(() => expect(within(canvas).getByText("Account for Brightline Analytics")).toBeTruthy());
    expect(within(canvas).getByText("Assign a CSM to Brightline Analytics")).toBeTruthy();
    expect(within(canvas).getByText("Tag {{deal.nothing}}")).toBeTruthy();
    expect(within(canvas).queryByText(/\{\{account\.name\}\}/)).toBeNull();
    // The steps list names them the same way.
    expect(screen.getByText("Account for Brightline Analytics", { selector: ".step__name" })).toBeTruthy();
  });

  it("calls a waiting run and its waiting step Waiting, never Paused", async () => {
    const waiting = {
      ...base,
      status: "paused",
      endedAt: null,
      durationMs: null,
      outcome: null,
      currentNodeIds: ["pick"],
      steps: base.steps.slice(0, 2).concat([step("pick", "human.assign_csm", "paused")]),
    } as unknown as RunDetail;
    renderApp("/runs/run_1", server(waiting));
    await screen.findByRole("heading", { level: 1, name: "Brightline Analytics" });
    await waitFor(() => expect(document.querySelector(".steps")).not.toBeNull());
    expect(within(document.querySelector(".run-facts") as HTMLElement).getByText("Waiting")).toBeTruthy();
    expect(within(document.querySelector(".steps") as HTMLElement).getByText("Waiting")).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/Paused/);
  });
});
