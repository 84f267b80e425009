/**
 * The "Next step" part of a step's editor when the step has no output to connect: only an End step
 * is told it has none by design; a step whose outputs come from its entries (AI classify's labels)
 * is told how to get them, and an unknown step type is told nothing about End.
 */
import { render, screen } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { Definition } from "../../web/lib/api-types";
import { LookupsContext, staticLookups } from "../../web/builder/lookups";
import { NodeEditor } from "../../web/builder/node-editor";
import { createBuilderState } from "../../web/builder/state";
import { catalog } from "./builder-fixtures";

const lookups = staticLookups({ pools: [], users: [], templates: [], connectors: [] });

function editorOf(type: string, config: Record<string, unknown>) {
  const def: Definition = { nodes: [{ id: "step", type, position: { x: 0, y: 0 }, config }], edges: [] };
  const state = createBuilderState(catalog, def);
  render(
    <LookupsContext.Provider value={lookups}>
      <NodeEditor state={state} node={state.nodeById.value.get("step")!} issues={[]} />
    </LookupsContext.Provider>,
  );
}

const END_NOTE = "An End step has no outputs: the run finishes here.";

describe("a step without outputs", () => {
  it("is an End step: says it has none by design", () => {
    editorOf("end", { outcome: "completed" });
    screen.getByText(END_NOTE);
  });

  it("is an AI classify whose labels have no ids yet: says how to get outputs, not that it is an End step", () => {
    editorOf("ai.classify", { input: "{{deal.name}}", labels: [{ id: "", description: "" }] });
    expect(screen.queryByText(END_NOTE)).toBeNull();
    screen.getByText("No outputs yet: each entry above with an id becomes an output to connect.");
  });

  it("is of a type the catalog does not have: says nothing about End", () => {
    editorOf("nope", {});
    expect(screen.queryByText(END_NOTE)).toBeNull();
  });
});
