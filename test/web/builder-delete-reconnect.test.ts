// @vitest-environment node
/**
 * Deleting a step in the middle of a chain joins its neighbours (as n8n does), in the same undoable
 * step; where that would be wrong or impossible, the neighbours are left as they were.
 */
import { describe, expect, it } from "vitest";
import { createBuilderState } from "../../web/builder/state";
import type { Definition } from "../../web/lib/api-types";
import { catalog, journey2 } from "./builder-fixtures";

const at = (x: number, y = 0) => ({ x, y });
const links = (def: Definition) => def.edges.map((e) => `${e.source}:${e.sourcePort ?? "-"}>${e.target}`).sort();

/** Trigger → "Is enterprise?": Yes → Create account → End, No → End. */
const branching = (): Definition => ({
  nodes: [
    { id: "trigger", type: "trigger.hubspot", position: at(0), config: {} },
    { id: "check", type: "logic.condition", position: at(0, 160), config: { combine: "all", rules: [] } },
    { id: "account", type: "action.create_account", position: at(-140, 320), config: {} },
    { id: "done", type: "end", position: at(0, 480), config: { outcome: "completed" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "check" },
    { id: "e2", source: "check", sourcePort: "true", target: "account" },
    { id: "e3", source: "check", sourcePort: "false", target: "done" },
    { id: "e4", source: "account", target: "done" },
  ],
});

describe("deleting a step in the middle of a chain", () => {
  it("connects its predecessor to its successor, and one undo brings back the step and both edges", () => {
    const s = createBuilderState(catalog, journey2());
    const before = s.serialise();
    const bridged = s.remove(["account"]);
    expect(bridged).toEqual([{ id: "e-trigger-out-by_arr", source: "trigger", sourcePort: "out", target: "by_arr" }]);
    expect(s.nodeById.value.has("account")).toBe(false);
    expect(links(s.definition.value)).toContain("trigger:out>by_arr");
    expect(s.validate()).toEqual([]);

    expect(s.undo()).toBe(true);
    expect(s.serialise()).toEqual(before);
    expect(s.redo()).toBe(true);
    expect(s.edges.value.at(-1)).toEqual(bridged[0]);
  });

  it("keeps the predecessor's port: a branch's output leads on past the deleted step", () => {
    const def = branching();
    def.edges = def.edges.filter((e) => e.id !== "e3");
    def.nodes.push({ id: "other", type: "end", position: at(140, 320), config: { outcome: "failed" } });
    def.edges.push({ id: "e5", source: "check", sourcePort: "false", target: "other" });
    const s = createBuilderState(catalog, def);
    expect(s.remove(["account"])).toEqual([{ id: "e-check-true-done", source: "check", sourcePort: "true", target: "done" }]);
    expect(links(s.definition.value)).toEqual(["check:false>other", "check:true>done", "trigger:->check"]);
  });

  it("draws nothing when the two are already connected (by another port)", () => {
    const s = createBuilderState(catalog, branching());
    expect(s.remove(["account"])).toEqual([]);
    expect(links(s.definition.value)).toEqual(["check:false>done", "trigger:->check"]);
  });

  it("draws nothing for a step with several edges in or out, nor at either end of a chain", () => {
    const s = createBuilderState(catalog, journey2());
    // Two edges out (assigned / nobody available).
    expect(s.remove(["senior"])).toEqual([]);
    s.undo();
    // Two edges in (both assign steps lead to it).
    expect(s.remove(["template"])).toEqual([]);
    s.undo();
    expect(s.remove(["trigger"])).toEqual([]);
    s.undo();
    expect(s.remove(["done"])).toEqual([]);
    expect(s.edges.value.filter((e) => e.target === "done")).toEqual([]);
  });

  it("draws nothing when a neighbour is deleted with it", () => {
    const s = createBuilderState(catalog, journey2());
    // trigger → account → by_arr: deleting account and by_arr together leaves trigger's output free.
    expect(s.remove(["account", "by_arr"])).toEqual([]);
    expect(s.edges.value.some((e) => e.source === "trigger")).toBe(false);
    s.undo();
    expect(s.nodes.value).toHaveLength(7);
  });

  it("draws nothing the graph rules refuse: an imported draft with a loop stays without the closing edge", () => {
    const s = createBuilderState(catalog);
    const loop: Definition = {
      nodes: [
        { id: "trigger", type: "trigger.hubspot", position: at(0), config: {} },
        { id: "a", type: "action.create_account", position: at(0, 160), config: {} },
        { id: "b", type: "logic.delay", position: at(0, 320), config: { minutes: 5 } },
        { id: "c", type: "action.create_account", position: at(0, 480), config: {} },
      ],
      edges: [
        { id: "e1", source: "trigger", target: "a" },
        { id: "e2", source: "a", target: "b" },
        { id: "e3", source: "b", target: "c" },
        { id: "e4", source: "c", target: "a" },
      ],
    };
    s.replace(loop);
    // b has one edge in (from a) and one out (to c); a → c would close the loop c → a → c.
    expect(s.remove(["b"])).toEqual([]);
    expect(links(s.definition.value)).toEqual(["c:->a", "trigger:->a"]);
    s.undo();
    expect(links(s.definition.value)).toEqual(links(loop));
  });
});
