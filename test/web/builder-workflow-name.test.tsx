/**
 * The builder's Workflow panel: the name the server refuses (blank, or past its 120 characters) is
 * never sent, since the draft's graph edits travel in the same autosave and would be refused with it.
 */
import { fireEvent, screen, waitFor } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import type { WorkflowDetail } from "../../web/lib/api-types";
import { builderPageRoutes } from "./builder-page";
import { fakeFetch, json, renderApp } from "./helpers";

const workflow: WorkflowDetail = {
  id: "wf_1",
  name: "Closed Won → onboarding",
  description: "",
  status: "draft",
  draft: {
    nodes: [
      { id: "trigger", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: { connectorId: "con_hs", stageIds: ["closedwon"] } },
      { id: "done", type: "end", position: { x: 280, y: 0 }, config: { outcome: "completed" } },
    ],
    edges: [{ id: "e1", source: "trigger", target: "done" }],
  },
  publishedVersion: null,
  versions: [],
  reenroll: false,
  createdAt: "2026-03-01T09:00:00.000Z",
  updatedAt: "2026-03-01T09:00:00.000Z",
};

function server() {
  return fakeFetch({
    ...builderPageRoutes(() => workflow),
    "PUT /api/workflows/wf_1": (c) => json(200, { ...workflow, ...(c.body as object) }),
  });
}

describe("the workflow's name in the builder", () => {
  beforeAll(async () => {
    await import("../../web/pages/workflows-builder");
  }, 60_000);

  it("cleared, says it needs one and saves nothing; typed again, saves it", async () => {
    const fetch = server();
    renderApp("/workflows/wf_1", fetch);
    const name = (await screen.findByLabelText("Name", {}, { timeout: 10_000 })) as HTMLInputElement;
    fireEvent.input(name, { target: { value: "   " } });
    expect(name.value).toBe("   ");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Give the workflow a name. Until then it keeps “Closed Won → onboarding”.")).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1000));
    expect(fetch.calls.filter((c) => c.method === "PUT")).toEqual([]);

    fireEvent.input(name, { target: { value: "Enterprise onboarding" } });
    expect(name.getAttribute("aria-invalid")).toBeNull();
    await waitFor(() => expect(fetch.calls.filter((c) => c.method === "PUT").map((c) => c.body)).toEqual([{ name: "Enterprise onboarding" }]), { timeout: 3000 });
  });

  it("and description stop at the lengths the server accepts", async () => {
    renderApp("/workflows/wf_1", server());
    const name = (await screen.findByLabelText("Name", {}, { timeout: 10_000 })) as HTMLInputElement;
    expect(name.maxLength).toBe(120);
    expect((screen.getByLabelText("Description (optional)") as HTMLTextAreaElement).maxLength).toBe(2000);
  });
});
