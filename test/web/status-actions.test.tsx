import { fireEvent, screen, within } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { StatusActions } from "../../web/builder/status-actions";
import type { WorkflowDetail } from "../../web/lib/api-types";
import { fakeFetch, json, renderWithState } from "./helpers";

const none = () => fakeFetch({ "GET /api/workflows/wf_1/overlaps": () => json(200, { items: [] }) });

const workflow = (publishedVersion: number | null): WorkflowDetail => ({
  id: "wf_1",
  name: "Closed Won",
  description: "",
  status: "draft",
  draft: { nodes: [], edges: [] },
  publishedVersion,
  versions: [],
  reenroll: false,
  updatedAt: "2026-12-03T10:00:00.000Z",
});

describe("StatusActions", () => {
  it("does not offer Activate before anything is published, and says why", () => {
    const onChange = vi.fn();
    renderWithState(<StatusActions workflow={workflow(null)} onChange={onChange} />, none());
    const activate = screen.getByRole("button", { name: "Activate" }) as HTMLButtonElement;
    expect(activate.disabled).toBe(true);
    expect(activate.title).toBe("Publish the workflow before activating it.");
    fireEvent.click(activate);
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("asks before activating a published workflow, naming its version", () => {
    renderWithState(<StatusActions workflow={workflow(3)} onChange={vi.fn()} />, none());
    const activate = screen.getByRole("button", { name: "Activate" }) as HTMLButtonElement;
    expect(activate.disabled).toBe(false);
    fireEvent.click(activate);
    expect(screen.getByRole("alertdialog").textContent).toContain("runs of version 3");
  });

  it("warns when another active workflow listens on the same connector", async () => {
    const fetch = fakeFetch({ "GET /api/workflows/wf_1/overlaps": () => json(200, { items: [{ id: "wf_2", name: "HubSpot Closed Won → onboarding" }] }) });
    renderWithState(<StatusActions workflow={workflow(3)} onChange={vi.fn()} />, fetch);
    fireEvent.click(screen.getByRole("button", { name: "Activate" }));
    const note = await within(screen.getByRole("alertdialog")).findByRole("note");
    expect(note.textContent).toContain("Also active on the same connector: “HubSpot Closed Won → onboarding”. A deal that matches both starts a run of each");
    expect(within(note).getByRole("link").getAttribute("href")).toBe("/workflows/wf_2");
  });
});
