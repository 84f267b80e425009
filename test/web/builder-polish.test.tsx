/**
 * The logic under the builder's QA polish (test/e2e/builder-polish.test.ts drives it in Chromium):
 * where the view goes to show a new step, when the mini-map shows, how an End says its outcome, and
 * that the "created" toast goes at the builder's first edit.
 */
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import type { Node, ReactFlowState } from "@xyflow/react";
import { beforeAll, describe, expect, it } from "vitest";
import { endOutcome } from "../../web/builder/catalog";
import { toFlowNodes } from "../../web/builder/canvas/flow-model";
import { miniMapNodeClass, MINIMAP_MIN_WIDTH, showsMiniMap } from "../../web/builder/canvas/minimap";
import { revealViewport, visiblePart } from "../../web/builder/canvas/reveal";
import { StepList } from "../../web/builder/runs/step-list";
import type { Definition, RunDetail, WorkflowDetail } from "../../web/lib/api-types";
import { catalog } from "./builder-fixtures";
import { builderPageRoutes } from "./builder-page";
import { fakeFetch, json, renderApp } from "./helpers";

const step = { x: 0, y: 1000, width: 240, height: 80 };
const pane = { x: 0, y: 0, width: 500, height: 700 };

describe("bringing a new step into view", () => {
  it("pans just enough, keeping the zoom, when the step fits", () => {
    const view = { x: 100, y: 0, zoom: 0.7 };
    const to = revealViewport(step, view, pane)!;
    expect(to.zoom).toBe(0.7);
    expect(to.x).toBe(100);
    // Its bottom at the margin above the pane's bottom edge.
    expect(step.y * to.zoom + to.y + step.height * to.zoom).toBeCloseTo(700 - 40);
    expect(revealViewport({ ...step, y: 100 }, view, pane)).toBeNull();
  });

  it("zooms out only as far as needed when the step is too big at this zoom, and centres it", () => {
    const to = revealViewport(step, { x: 0, y: 0, zoom: 1.75 }, { x: 0, y: 0, width: 348, height: 700 })!;
    expect(to.zoom).toBeLessThan(1.75);
    expect(to.zoom).toBeGreaterThan(1.1);
    expect(step.x * to.zoom + to.x + (step.width * to.zoom) / 2).toBeCloseTo(174);
    expect(step.x * to.zoom + to.x).toBeGreaterThanOrEqual(0);
    // Never past the canvas's minimum zoom.
    expect(revealViewport({ ...step, width: 100_000 }, { x: 0, y: 0, zoom: 1 }, pane, [], { minZoom: 0.2 })!.zoom).toBe(0.2);
  });

  it("keeps it off the zoom controls and the mini-map", () => {
    const minimap = { x: 353, y: 15, width: 132, height: 92 };
    const view = { x: 0, y: 0, zoom: 1 };
    // A right-hand branch at the top of the view, under the mini-map.
    const right = { x: 240, y: 40, width: 240, height: 80 };
    const to = revealViewport(right, view, pane, [minimap])!;
    const top = right.y * to.zoom + to.y;
    const left = right.x * to.zoom + to.x;
    const clear = top >= minimap.y + minimap.height || left + right.width <= minimap.x;
    expect(clear).toBe(true);
    expect(to.zoom).toBe(1);
  });

  it("uses the part of the canvas on screen; the whole canvas (and a page scroll) when that part is too small", () => {
    // A phone: the canvas starts 527 px down a 844 px screen and is 524 px tall.
    const box = { left: 0, top: 527, right: 390, bottom: 1051, width: 390, height: 524 } as DOMRect;
    expect(visiblePart(box, { width: 390, height: 844 }, { width: 180, height: 70 })).toEqual({ area: { x: 0, y: 0, width: 390, height: 317 }, scroll: false });
    const below = { ...box, top: 800, bottom: 1324 } as DOMRect;
    expect(visiblePart(below, { width: 390, height: 844 }, { width: 180, height: 70 })).toEqual({ area: { x: 0, y: 0, width: 390, height: 524 }, scroll: true });
    // In the strip on screen, the step added below the last one lands inside the strip.
    const to = revealViewport({ x: 0, y: 900, width: 240, height: 75 }, { x: 85, y: 32, zoom: 0.7 }, { x: 0, y: 0, width: 390, height: 317 })!;
    expect(900 * 0.7 + to.y + 75 * 0.7).toBeLessThanOrEqual(317);
  });
});

describe("the mini-map", () => {
  const state = (width: number, nodeY: number) =>
    ({
      width,
      height: 600,
      transform: [0, 0, 1],
      nodeLookup: new Map([["a", { hidden: false, internals: { positionAbsolute: { x: 10, y: nodeY } }, measured: { width: 240, height: 80 } }]]),
    }) as unknown as ReactFlowState;

  it("shows while part of the workflow is out of view, in a canvas wide enough for it beside the first step", () => {
    expect(showsMiniMap(state(900, 2000))).toBe(true);
    expect(showsMiniMap(state(900, 100))).toBe(false);
    // A phone's canvas: the mini-map's corner is where the trigger opens.
    expect(showsMiniMap(state(356, 2000))).toBe(false);
    expect(showsMiniMap(state(MINIMAP_MIN_WIDTH, 2000))).toBe(true);
  });

  it("marks an End by its outcome", () => {
    const flow = toFlowNodes({ definition: ends(), catalog });
    expect(flow.map((n) => miniMapNodeClass(n as Node))).toEqual(["minimap-node minimap-node--trigger", "minimap-node minimap-node--end minimap-node--end-completed", "minimap-node minimap-node--end minimap-node--end-failed"]);
  });
});

/** A trigger with a completed End and a failed End. */
const ends = (): Definition => ({
  nodes: [
    { id: "trigger", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: {} },
    { id: "done", type: "end", name: "Onboarding started", position: { x: 0, y: 200 }, config: { outcome: "completed" } },
    { id: "unassigned", type: "end", name: "No CSM assigned", position: { x: 280, y: 200 }, config: { outcome: "failed", reason: "No CSM could be assigned" } },
  ],
  edges: [],
});

describe("End steps", () => {
  it("carry their outcome (completed unless it says failed), and say it to screen readers", () => {
    expect(endOutcome({ type: "end", config: {} })).toBe("completed");
    expect(endOutcome({ type: "end", config: { outcome: "failed" } })).toBe("failed");
    expect(endOutcome({ type: "logic.delay", config: {} })).toBeUndefined();
    const flow = toFlowNodes({ definition: ends(), catalog });
    expect(flow.map((n) => n.data.outcome)).toEqual([undefined, "completed", "failed"]);
    expect(flow.map((n) => n.ariaLabel)).toEqual(["HubSpot deal stage (HubSpot deal stage)", "Onboarding started (End, completes the run)", "No CSM assigned (End, fails the run)"]);
  });

  it("say how they ended the run in a run's steps", () => {
    const run = {
      definition: ends(),
      steps: [
        { nodeId: "trigger", status: "completed", port: "out", durationMs: 5, attempts: 1, input: null, output: null, error: null },
        { nodeId: "unassigned", status: "completed", port: null, durationMs: 1, attempts: 1, input: null, output: null, error: null },
      ],
    } as unknown as RunDetail;
    render(<StepList run={run} catalog={catalog} openNodeId={null} onToggle={() => undefined} />);
    const rows = screen.getAllByRole("button").map((b) => b.textContent);
    expect(rows[1]).toContain("No CSM assigned");
    expect(rows[1]).toContain("Ends: Failed");
    expect(rows[0]).not.toContain("Ends:");
  });
});

describe("the “created” toast", () => {
  beforeAll(async () => {
    // The builder is a lazy chunk with React Flow: load it once up front.
    await import("../../web/pages/workflows-builder");
  }, 60_000);

  const blank: WorkflowDetail = {
    id: "wf_1",
    name: "Fresh start",
    description: "",
    status: "draft",
    draft: { nodes: [], edges: [] },
    publishedVersion: null,
    versions: [],
    reenroll: false,
    createdAt: "2026-03-01T09:00:00.000Z",
    updatedAt: "2026-03-01T09:00:00.000Z",
  };
  const server = () =>
    fakeFetch({
      ...builderPageRoutes(() => blank),
      "GET /api/workflows": () => json(200, { items: [], nextCursor: null }),
      "GET /api/workflow-presets": () => json(200, { items: [] }),
      "POST /api/workflows": () => json(201, blank),
      "PUT /api/workflows/wf_1": () => json(200, blank),
    });

  async function createAndOpen() {
    const app = renderApp("/workflows", server());
    fireEvent.click(await screen.findByRole("button", { name: "New workflow" }));
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Fresh start" } });
    fireEvent.click(screen.getByRole("button", { name: "Create workflow" }));
    await screen.findByRole("button", { name: "Add HubSpot deal stage" }, { timeout: 10_000 });
    const toast = () => app.state.toasts.items.value.find((t) => t.title === "“Fresh start” created");
    expect(toast()?.message).toBe("Drag a trigger onto the canvas to begin.");
    return { app, toast };
  }

  it("goes at the first step added, its advice done", async () => {
    const { toast } = await createAndOpen();
    fireEvent.click(screen.getByRole("button", { name: "Add HubSpot deal stage" }));
    await waitFor(() => expect(toast()).toBeUndefined());
  });

  it("goes at the first change of the workflow's settings too", async () => {
    const { toast } = await createAndOpen();
    fireEvent.input(screen.getByLabelText("Description (optional)"), { target: { value: "For EMEA deals" } });
    await waitFor(() => expect(toast()).toBeUndefined());
  });
});
