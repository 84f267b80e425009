/**
 * The "+" at the middle of a connection: drawn on a draft's edges only, and opening the node picker
 * for that connection with only the types that fit, through the same hook as the outputs' "+".
 * Chromium drives the real edge in test/e2e/builder-insert.test.ts.
 */
import { fireEvent, render, screen } from "@testing-library/preact";
import { useRef } from "preact/hooks";
import { describe, expect, it } from "vitest";
import { toFlowEdges } from "../../web/builder/canvas/flow-model";
import { useNextStep } from "../../web/builder/canvas/next-step";
import { placeBetween } from "../../web/builder/placement";
import { createBuilderState, type BuilderState } from "../../web/builder/state";
import { catalog } from "./builder-fixtures";
import { branching, links, noSizes } from "./builder-insert-fixtures";

describe("the connection's “+” on the canvas", () => {
  it("is drawn on a draft's edges only, named after both steps", () => {
    const editable = toFlowEdges({ definition: branching(), catalog, editable: true });
    expect(editable.map((e) => e.type)).toEqual(["insertable", "insertable", "insertable", "insertable"]);
    expect(editable[1].data).toEqual({ from: "Is enterprise?", to: "Create account" });
    const readOnly = toFlowEdges({ definition: branching(), catalog });
    expect(readOnly.map((e) => e.type)).toEqual(["default", "default", "default", "default"]);
    expect(readOnly[1].data).toBeUndefined();
  });

  /** A button standing for the "+" of edge `edgeId`, calling what the canvas gives edges through context. */
  function Canvas({ state, edgeId, readOnly = false }: { state: BuilderState; edgeId: string; readOnly?: boolean }) {
    const wrapper = useRef<HTMLDivElement>(null);
    const sizes = useRef({});
    const { insertStep, picker } = useNextStep({ state, wrapper, sizes, readOnly, onRefused: () => undefined });
    return (
      <div ref={wrapper}>
        {insertStep ? (
          <button type="button" onClick={(e) => insertStep(edgeId, e.currentTarget)}>
            plus
          </button>
        ) : null}
        {picker}
      </div>
    );
  }

  it("opens the node picker for that connection, without End or triggers; the step picked goes in between", () => {
    const state = createBuilderState(catalog, branching());
    render(<Canvas state={state} edgeId="e2" />);
    fireEvent.click(screen.getByRole("button", { name: "plus" }));
    const picker = screen.getByRole("dialog", { name: "Insert a step between Is enterprise? and Create account" });
    expect(picker.querySelector(".node-picker__title")!.textContent).toBe("Insert a step between “Is enterprise?” and “Create account”");
    const offered = [...picker.querySelectorAll(".node-picker__label")].map((l) => l.textContent);
    expect(offered).toContain("Delay");
    expect(offered).not.toContain("End");
    expect(offered).not.toContain("HubSpot deal stage");

    fireEvent.input(screen.getByLabelText("Search steps"), { target: { value: "delay" } });
    fireEvent.keyDown(screen.getByLabelText("Search steps"), { key: "Enter" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(links(state.definition.value)).toEqual(["account:->done", "check:false>lost", "check:true>delay_1", "delay_1:out>account", "trigger:->check"]);
    // Placed as placeBetween says, with "account" and "done" moved down in the same step.
    const placed = placeBetween(branching(), catalog, branching().edges[1], noSizes);
    expect(state.nodeById.value.get("delay_1")!.position).toEqual(placed.position);
    expect(state.nodeById.value.get("account")!.position).toEqual(placed.moves.get("account"));
    state.undo();
    expect(state.definition.value).toEqual(branching());
  });

  it("searching for End finds nothing to insert", () => {
    const state = createBuilderState(catalog, branching());
    render(<Canvas state={state} edgeId="e4" />);
    fireEvent.click(screen.getByRole("button", { name: "plus" }));
    fireEvent.input(screen.getByLabelText("Search steps"), { target: { value: "end" } });
    expect([...document.querySelectorAll(".node-picker__label")].map((l) => l.textContent)).not.toContain("End");
  });

  it("is not offered on an archived workflow's canvas", () => {
    render(<Canvas state={createBuilderState(catalog, branching())} edgeId="e2" readOnly />);
    expect(screen.queryByRole("button", { name: "plus" })).toBeNull();
  });
});
