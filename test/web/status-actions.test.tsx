import { fireEvent, render, screen } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { StatusActions } from "../../web/builder/status-actions";
import type { WorkflowDetail } from "../../web/lib/api-types";

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
    render(<StatusActions workflow={workflow(null)} onChange={onChange} />);
    const activate = screen.getByRole("button", { name: "Activate" }) as HTMLButtonElement;
    expect(activate.disabled).toBe(true);
    expect(activate.title).toBe("Publish the workflow before activating it.");
    fireEvent.click(activate);
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("asks before activating a published workflow, naming its version", () => {
    render(<StatusActions workflow={workflow(3)} onChange={vi.fn()} />);
    const activate = screen.getByRole("button", { name: "Activate" }) as HTMLButtonElement;
    expect(activate.disabled).toBe(false);
    fireEvent.click(activate);
    expect(screen.getByRole("alertdialog").textContent).toContain("runs of version 3");
  });
});
