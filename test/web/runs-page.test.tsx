import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
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

function server(runs: (query: URLSearchParams) => unknown = () => ({ items: [RUN], nextCursor: null })) {
  return fakeFetch({
    "GET /api/me": () => json(200, ADMIN),
    "GET /api/runs": (c) => json(200, runs(new URLSearchParams(c.path.split("?")[1]))),
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

  it("labels each filter by its name alone, not with its options' text (workflow names among them)", async () => {
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/runs": () => json(200, { items: [RUN], nextCursor: null }),
      "GET /api/workflows": () => json(200, { items: [{ id: "wf_2", name: "Search partner onboarding", status: "active" }], nextCursor: null }),
      "GET /api/queue/counts": () => json(200, { open: 0, claimedByMe: 0, overdue: 0, assignedToMe: 0 }),
    });
    renderApp("/runs", fetch);
    await screen.findByRole("option", { name: "Search partner onboarding" });
    const workflow = screen.getByRole("combobox", { name: "Workflow" }) as HTMLSelectElement;
    expect(workflow.labels?.[0]?.textContent).toBe("Workflow");
    expect(screen.getAllByLabelText(/search/i)).toEqual([screen.getByRole("searchbox", { name: "Search" })]);
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
    // The cell may be cut short: its tooltip is the whole name, not the node's id.
    expect(step.getAttribute("title")).toBe("Assign a CSM");
    expect(within(step.closest("tr")!).getByText("Waiting")).toBeTruthy();
  });

  it("ignores values it does not offer", async () => {
    const fetch = server();
    renderApp("/runs?mode=everything&status=exploded", fetch);
    await screen.findByText("Cobalt Ridge");
    const first = runCalls(fetch)[0];
    expect([first.get("mode"), first.get("status")]).toEqual(["live", null]);
  });

  it("says why a failed run failed under its status, cut to a line with the whole reason in the tooltip", async () => {
    const reason = "Nobody assigned a CSM before the due time, so the onboarding was not started and the AE was told";
    const fetch = server(() => ({ items: [{ ...RUN, error: { message: reason, code: "end_failed" } }, { ...RUN, id: "run_ok", status: "completed", error: null, subject: { ...RUN.subject, name: "Brightline" } }], nextCursor: null }));
    renderApp("/runs?mode=test", fetch);
    const line = await screen.findByText(reason);
    expect(line.getAttribute("title")).toBe(reason);
    expect(line.classList.contains("cell-truncate")).toBe(true);
    expect(within(line.closest("tr")!).getByText("Failed")).toBeTruthy();
    const ok = screen.getByText("Brightline").closest("tr")!;
    expect(ok.querySelector(".run-reason")).toBeNull();
  });

  it("keeps the search in the address, replacing the entry while typing, and asks once typing pauses", async () => {
    const fetch = server();
    renderApp("/runs?status=failed", fetch);
    await screen.findByText("Cobalt Ridge");
    const before = history.length;
    const box = screen.getByLabelText("Search");
    for (const text of ["c", "co", "cob"]) fireEvent.input(box, { target: { value: text } });
    expect(location.search).toBe("?status=failed&q=cob");
    expect(history.length).toBe(before); // typing replaced the entry
    await waitFor(() => expect(runCalls(fetch).at(-1)!.get("q")).toBe("cob"));
    expect(runCalls(fetch).filter((c) => c.get("q"))).toHaveLength(1); // not once per key
    // A discrete choice is an entry of its own, so Back returns to it.
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "paused" } });
    await waitFor(() => expect(location.search).toBe("?status=paused&q=cob"));
    expect(history.length).toBe(before + 1);
  });

  it("follows Back and Forward: the filters shown and the list asked for are the address's", async () => {
    const fetch = server();
    renderApp("/runs", fetch);
    await screen.findByText("Cobalt Ridge");
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "failed" } });
    await waitFor(() => expect(runCalls(fetch).at(-1)!.get("status")).toBe("failed"));
    history.back();
    await waitFor(() => expect(location.search).toBe(""));
    await waitFor(() => expect((screen.getByLabelText("Status") as HTMLSelectElement).value).toBe(""));
    await waitFor(() => expect(runCalls(fetch).at(-1)!.get("status")).toBeNull());
    history.forward();
    await waitFor(() => expect((screen.getByLabelText("Status") as HTMLSelectElement).value).toBe("failed"));
    await waitFor(() => expect(runCalls(fetch).at(-1)!.get("status")).toBe("failed"));
  });

  it("keeps the page in the address: a linked page loads itself and Newer steps to the page before it", async () => {
    const fetch = server((q) =>
      q.get("cursor") === "c3"
        ? { items: [{ ...RUN, id: "run_p3", subject: { ...RUN.subject, name: "Third page" } }], nextCursor: "c4", prevCursor: "c2" }
        : q.get("cursor") === "c2"
          ? { items: [{ ...RUN, id: "run_p2", subject: { ...RUN.subject, name: "Second page" } }], nextCursor: "c3", prevCursor: null }
          : { items: [RUN], nextCursor: "c2", prevCursor: null },
    );
    renderApp("/runs?mode=test&cursor=c3&page=3", fetch);
    await screen.findByText("Third page");
    expect(screen.getByText("Page 3")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Newer" }));
    await screen.findByText("Second page");
    expect(location.search).toBe("?mode=test&cursor=c2&page=2");
    fireEvent.click(screen.getByRole("button", { name: "Newer" }));
    await screen.findByText("Cobalt Ridge");
    expect(location.search).toBe("?mode=test");
    expect(screen.getByText("Page 1")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Older" }));
    await screen.findByText("Second page");
    expect(location.search).toBe("?mode=test&cursor=c2&page=2");
    // A new filter starts again at the first page.
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "failed" } });
    await waitFor(() => expect(location.search).toBe("?status=failed&mode=test"));
  });
});
