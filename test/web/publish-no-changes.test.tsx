import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import type { WorkflowDetail } from "../../web/lib/api-types";
import { builderPageRoutes } from "./builder-page";
import { apiError, fakeFetch, renderApp } from "./helpers";

/** A workflow whose draft is exactly its published version 2, as `GET /api/workflows/:id` answers. */
const workflow: WorkflowDetail = {
  id: "wf_1",
  name: "Closed Won → onboarding",
  description: "",
  status: "active",
  draft: {
    nodes: [
      { id: "trigger", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: { connectorId: "con_hs", stageIds: ["closedwon"] } },
      { id: "done", type: "end", position: { x: 280, y: 0 }, config: { outcome: "completed" } },
    ],
    edges: [{ id: "e1", source: "trigger", target: "done" }],
  },
  publishedVersion: 2,
  versions: [
    { version: 2, publishedAt: "2026-03-02T10:00:00.000Z", publishedBy: "u_admin" },
    { version: 1, publishedAt: "2026-03-01T10:00:00.000Z", publishedBy: "u_admin" },
  ],
  reenroll: false,
  createdAt: "2026-03-01T09:00:00.000Z",
  updatedAt: "2026-03-02T10:00:00.000Z",
};

function server(wf: WorkflowDetail = workflow) {
  return fakeFetch({
    ...builderPageRoutes(() => wf),
    // What the server answers for a draft identical to the last version (worker/routes/workflows.ts).
    "POST /api/workflows/wf_1/publish": () => apiError(409, "no_changes", "Nothing to publish: the draft is the same as version 2."),
  });
}

describe("Publishing an unchanged draft", () => {
  // The builder is a lazy chunk with React Flow: load it once up front so the test does not wait on the transform.
  beforeAll(async () => {
    await import("../../web/pages/workflows-builder");
  }, 60_000);

  it("says “Already published” with the server's reason, not an error", async () => {
    const fetch = server();
    renderApp("/workflows/wf_1", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Publish" }, { timeout: 10_000 }));
    const notifications = screen.getByRole("region", { name: "Notifications" });
    const toast = await within(notifications).findByRole("status");
    expect(within(toast).getByText("Already published")).toBeTruthy();
    expect(toast.textContent).toContain("Nothing to publish: the draft is the same as version 2. Edit the draft, then publish it as a new version.");
    expect(within(notifications).queryByRole("alert")).toBeNull();
    await waitFor(() => expect(fetch.calls.filter((c) => c.method === "POST" && c.path === "/api/workflows/wf_1/publish")).toHaveLength(1));
  });

  it("says in the header when the saved draft differs from the published version", async () => {
    renderApp("/workflows/wf_1", server({ ...workflow, unpublishedChanges: true }));
    const badge = await screen.findByText("Unpublished changes", {}, { timeout: 10_000 });
    expect(badge.getAttribute("title")).toBe("The draft differs from version 2; runs use version 2 until you publish.");
  });

  it("says nothing of the kind when they are the same", async () => {
    renderApp("/workflows/wf_1", server({ ...workflow, unpublishedChanges: false }));
    await screen.findByText("Published v2", {}, { timeout: 10_000 });
    expect(screen.queryByText("Unpublished changes")).toBeNull();
  });
});
