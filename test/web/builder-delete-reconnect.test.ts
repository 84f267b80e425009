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

  it("draws nothing when a neighbour is deleted with it and the two are no chain", () => {
    const s = createBuilderState(catalog, journey2());
    // trigger → account → by_arr: deleting account and by_arr together leaves trigger's output free
    // (by_arr is left by two edges, so the two are no chain to bridge).
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

/** Trigger → A → B → C → End, one edge each. */
const chain = (): Definition => ({
  nodes: [
    { id: "trigger", type: "trigger.hubspot", position: at(0), config: {} },
    { id: "a", type: "action.create_account", position: at(0, 160), config: {} },
    { id: "b", type: "logic.delay", position: at(0, 320), config: { minutes: 5 } },
    { id: "c", type: "logic.delay", position: at(0, 480), config: { minutes: 10 } },
    { id: "done", type: "end", position: at(0, 640), config: { outcome: "completed" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "a" },
    { id: "e2", source: "a", target: "b" },
    { id: "e3", source: "b", target: "c" },
    { id: "e4", source: "c", target: "done" },
  ],
});

describe("deleting several steps of one chain at once", () => {
  it("joins the step before the first to the step after the last, and one undo restores all of it", () => {
    const s = createBuilderState(catalog, chain());
    const before = s.serialise();
    // In any order, with the edges React Flow hands over alongside the nodes.
    expect(s.remove(["c", "b", "a"], ["e2", "e3"])).toEqual([{ id: "e-trigger-out-done", source: "trigger", sourcePort: "out", target: "done" }]);
    expect(links(s.definition.value)).toEqual(["trigger:out>done"]);
    expect(s.undo()).toBe(true);
    expect(s.serialise()).toEqual(before);
    expect(s.undo()).toBe(false);
  });

  it("bridges each deleted chain on its own when the deleted steps are not next to each other", () => {
    const s = createBuilderState(catalog, chain());
    expect(s.remove(["a", "c"])).toEqual([
      { id: "e-trigger-out-b", source: "trigger", sourcePort: "out", target: "b" },
      { id: "e-b-out-done", source: "b", sourcePort: "out", target: "done" },
    ]);
    expect(links(s.definition.value)).toEqual(["b:out>done", "trigger:out>b"]);
  });

  it("bridges from a branch's port through a deleted chain", () => {
    const def = branching();
    def.nodes.push({ id: "wait", type: "logic.delay", position: at(-140, 400), config: { minutes: 5 } });
    def.edges = def.edges.filter((e) => e.id !== "e3" && e.id !== "e4");
    def.edges.push({ id: "e5", source: "account", target: "wait" }, { id: "e6", source: "wait", target: "done" });
    const s = createBuilderState(catalog, def);
    expect(s.remove(["account", "wait"])).toEqual([{ id: "e-check-true-done", source: "check", sourcePort: "true", target: "done" }]);
    expect(links(s.definition.value)).toEqual(["check:true>done", "trigger:->check"]);
  });

  it("draws nothing when the deleted steps are entered or left more than once, or do not form one path", () => {
    const s = createBuilderState(catalog, journey2());
    // Two edges in (enterprise and default), so no single way through.
    expect(s.remove(["senior", "general", "template"])).toEqual([]);
    s.undo();
    // Entered once, but left by two edges (template → done and the assign steps' "none" ports).
    expect(s.remove(["by_arr", "senior", "general", "template"])).toEqual([]);
    expect(s.edges.value.some((e) => e.source === "account")).toBe(false);

    // A → B with a side step S → B: the deleted set {a, b, side} is entered once but is no path.
    const def = chain();
    def.nodes.push({ id: "side", type: "logic.delay", position: at(200, 320), config: { minutes: 1 } });
    def.edges.push({ id: "e5", source: "side", target: "b" });
    const t = createBuilderState(catalog, def);
    expect(t.remove(["a", "b", "side"])).toEqual([]);
    expect(links(t.definition.value)).toEqual(["c:->done"]);
  });

  it("draws nothing when the two ends are already connected or the rules refuse it", () => {
    // check —true→ account → wait → done, and check —false→ done already.
    const def = branching();
    def.nodes.push({ id: "wait", type: "logic.delay", position: at(-140, 400), config: { minutes: 5 } });
    def.edges = def.edges.filter((e) => e.id !== "e4");
    def.edges.push({ id: "e5", source: "account", target: "wait" }, { id: "e6", source: "wait", target: "done" });
    const s = createBuilderState(catalog, def);
    expect(s.remove(["account", "wait"])).toEqual([]);
    expect(links(s.definition.value)).toEqual(["check:false>done", "trigger:->check"]);

    // a → [b → c] → last, and last → a (an imported draft): a → last would close the loop.
    const loop = chain();
    loop.nodes[4] = { id: "last", type: "action.create_account", position: at(0, 640), config: {} };
    loop.edges = [...loop.edges.filter((e) => e.id !== "e4"), { id: "e4", source: "c", target: "last" }, { id: "e5", source: "last", target: "a" }];
    const t = createBuilderState(catalog);
    t.replace(loop);
    expect(t.remove(["b", "c"])).toEqual([]);
    expect(links(t.definition.value)).toEqual(["last:->a", "trigger:->a"]);
    t.undo();
    expect(links(t.definition.value)).toEqual(links(loop));
  });
});
