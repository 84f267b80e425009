/**
 * Undo in a text field of a step's editor is the field's own (the browser's); the builder's undo takes
 * each field's edits as one step when the field loses focus, so it never brings back text the
 * person undid in the field. test/e2e/builder-editing.test.ts does the same with Chromium's own undo.
 */
import { fireEvent, render, screen } from "@testing-library/preact";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { LookupsContext, staticLookups } from "../../web/builder/lookups";
import { NodeEditor } from "../../web/builder/node-editor";
import { useUndoShortcuts } from "../../web/builder/shortcuts";
import { createBuilderState, type BuilderState } from "../../web/builder/state";
import { catalog, journey2 } from "./builder-fixtures";

const lookups = staticLookups({ pools: [], users: [], templates: [], connectors: [] });

/** The editor of the End step "done", as the properties panel shows it. */
function renderEditor(state: BuilderState) {
  function Panel() {
    useUndoShortcuts(state, true);
    return (
      <LookupsContext.Provider value={lookups}>
        <NodeEditor state={state} node={state.nodeById.value.get("done")!} issues={[]} />
      </LookupsContext.Provider>
    );
  }
  render(<Panel />);
  return screen.getByLabelText("Step name (optional)") as HTMLInputElement;
}

let now = 0;
beforeEach(() => {
  now = 1_000_000;
  vi.spyOn(Date, "now").mockImplementation(() => now);
});

/** What typing (or the field's own undo) does to a text box: a new value and an input event, `ms` after the last. */
function typeInto(field: HTMLInputElement, value: string, ms: number) {
  now += ms;
  field.value = value;
  fireEvent.input(field);
}

const nameOf = (state: BuilderState) => state.nodeById.value.get("done")!.name;

describe("a text field's edits and the builder's undo", () => {
  it("are one undo step per field, however slowly it is typed", () => {
    const state = createBuilderState(catalog, journey2());
    const field = renderEditor(state);
    fireEvent.focusIn(field);
    for (const [i, text] of ["W", "We", "Wel", "Welcome"].entries()) typeInto(field, text, i === 0 ? 0 : 3000);
    fireEvent.focusOut(field);
    expect(nameOf(state)).toBe("Welcome");
    expect(state.undo()).toBe(true);
    expect(nameOf(state)).toBeUndefined();
    expect(state.canUndo.value).toBe(false);
    expect(state.redo()).toBe(true);
    expect(nameOf(state)).toBe("Welcome");
  });

  it("do not bring back text undone in the field: undo goes to before the field was edited", () => {
    const state = createBuilderState(catalog, journey2());
    const field = renderEditor(state);
    // An earlier change, from a select (not a text box): its own undo step.
    fireEvent.change(screen.getByLabelText("Outcome (optional)"), { target: { value: "failed" } });
    expect(state.nodeById.value.get("done")!.config.outcome).toBe("failed");

    fireEvent.focusIn(field);
    typeInto(field, "Welcome", 5000);
    // Ctrl+Z in the field, a while later: the browser puts back what was there.
    typeInto(field, "", 5000);
    fireEvent.focusOut(field);
    expect(nameOf(state)).toBeUndefined();

    // Typed and undone: no step of its own, so the builder's undo undoes the select's change.
    expect(state.undo()).toBe(true);
    expect(nameOf(state)).toBeUndefined();
    expect(state.nodeById.value.get("done")!.config.outcome).toBe("completed");
    expect(state.canUndo.value).toBe(false);
  });

  it("make a second step when the field is edited again after losing focus", () => {
    const state = createBuilderState(catalog, journey2());
    const field = renderEditor(state);
    fireEvent.focusIn(field);
    typeInto(field, "Welcome", 0);
    fireEvent.focusOut(field);
    fireEvent.focusIn(field);
    typeInto(field, "Welcome aboard", 100);
    fireEvent.focusOut(field);
    state.undo();
    expect(nameOf(state)).toBe("Welcome");
    state.undo();
    expect(nameOf(state)).toBeUndefined();
  });
});

describe("Ctrl+Z in the builder", () => {
  const press = (target: Element, init: KeyboardEventInit) => fireEvent.keyDown(target, { ctrlKey: true, bubbles: true, ...init });

  it("is left to a text box, and is the builder's undo on a select", () => {
    const state = createBuilderState(catalog, journey2());
    const field = renderEditor(state);
    const outcome = screen.getByLabelText("Outcome (optional)");
    fireEvent.change(outcome, { target: { value: "failed" } });

    press(field, { key: "z" });
    expect(state.nodeById.value.get("done")!.config.outcome).toBe("failed");

    press(outcome, { key: "z" });
    expect(state.nodeById.value.get("done")!.config.outcome).toBe("completed");
    press(outcome, { key: "z", shiftKey: true });
    expect(state.nodeById.value.get("done")!.config.outcome).toBe("failed");
  });
});
