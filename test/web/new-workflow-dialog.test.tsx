import { fireEvent, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { NewWorkflowDialog } from "../../web/pages/workflows-new-dialog";
import { fakeFetch, json, renderWithState } from "./helpers";

const PRESET = { id: "ae-handoff", name: "AE handoff form", description: "Send the AE a form.", definition: { nodes: [], edges: [] } };

function server() {
  return fakeFetch({
    "GET /api/workflow-presets": () => json(200, { items: [PRESET] }),
    "POST /api/workflows": ({ body }) => json(201, { id: "wf_new", name: (body as { name?: string }).name ?? "AE handoff form (2)", description: "", status: "draft", draft: { nodes: [], edges: [] }, publishedVersion: null, versions: [], reenroll: false, updatedAt: "2026-12-03T10:00:00Z" }),
  });
}

describe("New workflow dialog", () => {
  it("leaves an untouched preset name to the server (which numbers a taken one), and sends a typed one", async () => {
    const fetch = server();
    renderWithState(<NewWorkflowDialog open onClose={() => {}} />, fetch);
    fireEvent.click(await screen.findByLabelText(/AE handoff form/));
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("AE handoff form");
    fireEvent.click(screen.getByRole("button", { name: "Create workflow" }));
    await waitFor(() => expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({ presetId: "ae-handoff" }));
  });

  it("sends the name the person typed", async () => {
    const fetch = server();
    renderWithState(<NewWorkflowDialog open onClose={() => {}} />, fetch);
    fireEvent.click(await screen.findByLabelText(/AE handoff form/));
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "EMEA handoff" } });
    fireEvent.click(screen.getByRole("button", { name: "Create workflow" }));
    await waitFor(() => expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({ presetId: "ae-handoff", name: "EMEA handoff" }));
  });
});
