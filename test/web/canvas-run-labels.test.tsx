/**
 * The canvas names each step's state on a run overlay in the words the rest of the product uses for
 * runs and steps (RUN_STATUS_LABELS, as RunStatusPill shows them): "Completed", never "Done".
 */
import { render, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { ReadOnlyCanvas } from "../../web/builder/canvas/read-only-canvas";
import { runOverlay } from "../../web/builder/run-overlay";
import { RUN_STATUS_LABELS } from "../../web/components/badge";
import type { RunDetail, RunStep } from "../../web/lib/api-types";
import { catalog, journey2 } from "./builder-fixtures";

const step = (nodeId: string, status: RunStep["status"], port?: string): RunStep => ({
  nodeId,
  nodeType: journey2().nodes.find((n) => n.id === nodeId)!.type,
  status,
  ...(port ? { port } : {}),
  attempts: 1,
  startedAt: "2026-03-01T09:00:00.000Z",
  input: {},
});

describe("run state on the canvas's nodes", () => {
  it("says Completed, Failed, Skipped and Waiting as the run pages do", async () => {
    const run: Pick<RunDetail, "status" | "currentNodeIds" | "steps"> = {
      status: "paused",
      currentNodeIds: ["general"],
      steps: [step("trigger", "completed", "out"), step("account", "completed", "out"), step("by_arr", "failed"), step("senior", "skipped")],
    };
    const definition = journey2();
    const { container } = render(<ReadOnlyCanvas definition={definition} catalog={catalog} overlay={runOverlay(run, definition, catalog)} label="Run" />);
    const label = (id: string) => container.querySelector(`.react-flow__node[data-id="${id}"] .wf-node__run`)?.textContent;
    await waitFor(() => expect(label("trigger")).toBeTruthy());
    expect(label("trigger")).toBe("Completed");
    expect(label("account")).toBe(RUN_STATUS_LABELS.completed);
    expect(label("by_arr")).toBe("Failed");
    expect(label("senior")).toBe("Skipped");
    expect(label("general")).toBe("Waiting");
    expect(label("template")).toBeUndefined();
  });
});
