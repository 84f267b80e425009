/**
 * A published version shown on the builder page: clicking one of its steps shows that step's
 * configuration as it was published, in the properties panel, read-only and labelled with the
 * version; the draft is not touched. test/e2e/builder-editing.test.ts does the same in Chromium.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import type { Definition, WorkflowDetail, WorkflowVersion } from "../../web/lib/api-types";
import { journey2 } from "./builder-fixtures";
import { builderPageRoutes } from "./builder-page";
import { fakeFetch, json, renderApp } from "./helpers";

/** Version 1: the ARR band's enterprise case was "Big deals" then; the draft has renamed it since. */
const published = (): Definition => {
  const def = journey2();
  const band = def.nodes.find((n) => n.id === "by_arr")!;
  band.name = "ARR band (v1)";
  band.config = { cases: [{ ...(band.config.cases as object[])[0], label: "Big deals" }] };
  return def;
};

const version: WorkflowVersion = { version: 1, publishedAt: "2026-03-02T09:00:00.000Z", publishedBy: null, definition: published() };
const workflow: WorkflowDetail = {
  id: "wf_1",
  name: "Routing",
  description: "",
  status: "active",
  draft: journey2(),
  publishedVersion: 1,
  versions: [{ version: 1, publishedAt: version.publishedAt, publishedBy: null }],
  reenroll: false,
  createdAt: "2026-03-01T09:00:00.000Z",
  updatedAt: "2026-03-02T09:00:00.000Z",
};
const server = () => fakeFetch({ ...builderPageRoutes(() => workflow), "GET /api/workflows/wf_1/versions/1": () => json(200, version) });

describe("a step of an old version", () => {
  beforeAll(async () => {
    // The builder is a lazy chunk with React Flow: load it once up front.
    await import("../../web/pages/workflows-builder");
  }, 60_000);

  it("shows its configuration as published, read-only and labelled with the version", async () => {
    const fetch = server();
    const { container } = renderApp("/workflows/wf_1", fetch);
    await waitFor(() => expect(container.querySelector('.react-flow__node[data-id="by_arr"]')).toBeTruthy(), { timeout: 10_000 });
    fireEvent.click(screen.getByRole("button", { name: "Versions" }));
    fireEvent.click(await screen.findByRole("button", { name: "View version 1" }));
    const canvas = await screen.findByRole("region", { name: "Version 1 of Routing" });
    await waitFor(() => expect(canvas.querySelector('.react-flow__node[data-id="by_arr"]')).toBeTruthy());
    // Before a step is chosen, the panel is about the version and says how to see a step.
    expect(screen.getByText("Select a step to see how it was set up in this version.")).toBeTruthy();

    fireEvent.click(canvas.querySelector('.react-flow__node[data-id="by_arr"]')!);
    const panel = await screen.findByRole("complementary", { name: "ARR band (v1)" });
    expect(within(panel).getByText("Version 1 · read-only")).toBeTruthy();
    expect(within(panel).getByText(/As published in version 1, read-only/)).toBeTruthy();
    const name = within(panel).getByLabelText("Step name (optional)") as HTMLInputElement;
    expect(name.value).toBe("ARR band (v1)");
    expect(name.disabled).toBe(true);
    // The version's case, not the draft's.
    expect(within(panel).getByDisplayValue("Big deals")).toBeTruthy();
    expect(within(panel).queryByDisplayValue("Enterprise")).toBeNull();
    // Nothing in it can be changed: every control is disabled.
    const controls = [...panel.querySelectorAll(".node-editor :is(input, select, textarea, button)")] as HTMLInputElement[];
    expect(controls.length).toBeGreaterThan(3);
    expect(controls.filter((c) => !c.disabled && !c.closest("fieldset[disabled]")).map((c) => c.outerHTML)).toEqual([]);
    expect(panel.querySelector("[aria-label='Delete step']")).toBeNull();

    // Another step; then the pane: back to the version's summary.
    fireEvent.click(canvas.querySelector('.react-flow__node[data-id="done"]')!);
    await screen.findByRole("complementary", { name: "End" });
    fireEvent.click(canvas.querySelector(".react-flow__pane")!);
    await screen.findByRole("complementary", { name: "Version 1" });
    // Or with the panel's own button.
    fireEvent.click(canvas.querySelector('.react-flow__node[data-id="by_arr"]')!);
    fireEvent.click(within(await screen.findByRole("complementary", { name: "ARR band (v1)" })).getByRole("button", { name: "Back to version 1" }));
    await screen.findByRole("complementary", { name: "Version 1" });
    // The draft was never written.
    expect(fetch.calls.filter((c) => c.method !== "GET")).toEqual([]);
  });
});
