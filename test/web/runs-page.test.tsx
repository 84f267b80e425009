import { fireEvent, screen, waitFor } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, fakeFetch, json, renderApp } from "./helpers";

const RUN = {
  id: "run_1",
  workflowId: "wf_1",
  workflowName: "Salesforce ARR routing",
  version: 1,
  mode: "test",
  status: "failed",
  currentNodeIds: [],
  startedAt: "2026-01-05T10:00:00Z",
  endedAt: "2026-01-05T10:00:02Z",
  durationMs: 2000,
  subject: { connector: "salesforce", objectId: "006xyz", name: "Cobalt Ridge" },
};

function server() {
  return fakeFetch({
    "GET /api/me": () => json(200, ADMIN),
    "GET /api/runs": () => json(200, { items: [RUN], nextCursor: null }),
    "GET /api/workflows": () => json(200, { items: [{ id: "wf_1", name: "Salesforce ARR routing", status: "active" }], nextCursor: null }),
    "GET /api/queue/counts": () => json(200, { open: 0, claimedByMe: 0, overdue: 0, assignedToMe: 0 }),
  });
}

const runCalls = (fetch: ReturnType<typeof fakeFetch>) => fetch.calls.filter((c) => c.path.startsWith("/api/runs?")).map((c) => new URLSearchParams(c.path.split("?")[1]));

beforeAll(async () => {
  await import("../../web/pages/runs");
});

describe("Runs list", () => {
  it("reads its filters from the address, so a filtered view can be shared", async () => {
    const fetch = server();
    renderApp("/runs?mode=test&status=failed", fetch);
    expect(await screen.findByText("Cobalt Ridge")).toBeTruthy();
    const first = runCalls(fetch)[0];
    expect([first.get("mode"), first.get("status")]).toEqual(["test", "failed"]);
    expect((screen.getByLabelText("Mode") as HTMLSelectElement).value).toBe("test");
    expect((screen.getByLabelText("Status") as HTMLSelectElement).value).toBe("failed");
  });

  it("writes a changed filter into the address and leaves defaults out", async () => {
    const fetch = server();
    renderApp("/runs?mode=test", fetch);
    await screen.findByText("Cobalt Ridge");
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "completed" } });
    await waitFor(() => expect(location.search).toBe("?status=completed&mode=test"));
    fireEvent.change(screen.getByLabelText("Mode"), { target: { value: "live" } });
    await waitFor(() => expect(location.search).toBe("?status=completed"));
    await waitFor(() => expect(runCalls(fetch).at(-1)!.get("mode")).toBe("live"));
  });

  it("names a waiting run's current step as the builder does, not by its node id", async () => {
    const waiting = { ...RUN, id: "run_2", status: "paused", currentNodeIds: ["assign"], currentStep: "Assign a CSM", subject: { ...RUN.subject, name: "Brightline" } };
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/runs": () => json(200, { items: [waiting], nextCursor: null }),
      "GET /api/workflows": () => json(200, { items: [], nextCursor: null }),
      "GET /api/queue/counts": () => json(200, { open: 0, claimedByMe: 0, overdue: 0, assignedToMe: 0 }),
    });
    renderApp("/runs", fetch);
    const step = await screen.findByText("Assign a CSM");
    expect(step.getAttribute("title")).toBe("assign");
  });

  it("ignores values it does not offer", async () => {
    const fetch = server();
    renderApp("/runs?mode=everything&status=exploded", fetch);
    await screen.findByText("Cobalt Ridge");
    const first = runCalls(fetch)[0];
    expect([first.get("mode"), first.get("status")]).toEqual(["live", null]);
  });
});
