// @vitest-environment node
/**
 * Inserting a step on a connection (A → B becomes A → new → B), as plain data: which types may go
 * there, how the edges are rewired (A keeps its port, the new step leads on from its first output),
 * where the step goes and which steps move down to make room, and that it is one undo. The canvas's
 * "+" is in builder-insert-canvas.test.tsx, the journey in test/e2e/builder-insert.test.ts.
 */
import { describe, expect, it } from "vitest";
import { canSitBetween } from "../../web/builder/graph-rules";
import { DEFAULT_NODE_SIZE } from "../../web/builder/layout";
import { placeBetween } from "../../web/builder/placement";
import { createBuilderState } from "../../web/builder/state";
import { catalog } from "./builder-fixtures";
import { at, branching, links, noSizes } from "./builder-insert-fixtures";

describe("which steps may go on a connection", () => {
  it("any with an input and an output: not a trigger, not End", () => {
    expect(canSitBetween(catalog, "trigger.hubspot")).toBe(false);
    expect(canSitBetween(catalog, "end")).toBe(false);
    expect(canSitBetween(catalog, "nope")).toBe(false);
    for (const type of ["logic.delay", "logic.condition", "logic.switch", "human.approval", "action.send_email", "ai.classify"]) expect(canSitBetween(catalog, type)).toBe(true);
  });

  it("the state refuses the others, saying why, and changes nothing", () => {
    const s = createBuilderState(catalog, branching());
    const end = s.insertNode("e2", "end", at(0, 200));
    expect(!end.ok && end.reason).toMatch(/cannot go between two steps/);
    const trigger = s.insertNode("e2", "trigger.salesforce", at(0, 200));
    expect(trigger.ok).toBe(false);
    expect(s.insertNode("gone", "logic.delay", at(0, 200))).toEqual({ ok: false, reason: "That connection no longer exists" });
    expect(s.definition.value).toEqual(branching());
    expect(s.canUndo.value).toBe(false);
  });
});

describe("inserting a step on a connection", () => {
  it("keeps A's port on the first edge and leads on to B from the new step's output, and selects it", () => {
    const s = createBuilderState(catalog, branching());
    const r = s.insertNode("e2", "logic.delay", at(-140, 240));
    expect(r).toEqual({ ok: true, id: "delay_1" });
    expect(links(s.definition.value)).toEqual(["account:->done", "check:false>lost", "check:true>delay_1", "delay_1:out>account", "trigger:->check"]);
    expect(s.nodeById.value.get("delay_1")).toMatchObject({ type: "logic.delay", position: at(-140, 240), config: { minutes: 60 } });
    expect(s.selectedNodeIds.value).toEqual(["delay_1"]);
    // No structural problem (the fixture's configs are left unfilled): every step reachable, no port doubled.
    expect(s.validate().filter((i) => !/is required$/.test(i.message))).toEqual([]);
  });

  it("with several outputs, leads on to B from the first, leaving the others free", () => {
    const s = createBuilderState(catalog, branching());
    s.insertNode("e3", "human.approval", at(280, 200));
    expect(links(s.definition.value)).toContain("approval_1:approved>lost");
    const sw = createBuilderState(catalog, branching());
    sw.insertNode("e4", "logic.switch", at(-140, 380));
    expect(links(sw.definition.value)).toContain("switch_1:case_1>done");
    expect(sw.edges.value.filter((e) => e.source === "switch_1")).toHaveLength(1);
  });

  it("is one undo, which restores the graph as it was; redo brings the step back", () => {
    const s = createBuilderState(catalog, branching());
    const { position, moves } = placeBetween(s.definition.value, catalog, s.edges.value[1], noSizes);
    s.insertNode("e2", "logic.condition", position, moves);
    const after = s.serialise();
    expect(s.undo()).toBe(true);
    expect(s.definition.value).toEqual(branching());
    expect(s.canUndo.value).toBe(false);
    expect(s.selectedNodeIds.value).toEqual([]);
    expect(s.redo()).toBe(true);
    expect(s.serialise()).toEqual(after);
  });

  it("counts as a change for autosave", () => {
    const s = createBuilderState(catalog, branching());
    const before = s.revision.value;
    s.insertNode("e1", "logic.delay", at(0, 100));
    expect(s.revision.value).toBe(before + 1);
  });
});

describe("where an inserted step goes", () => {
  it("without room between A and B: one gap below A, centred over B, and B with everything after it moves down", () => {
    const def = branching();
    const { position, moves } = placeBetween(def, catalog, def.edges[1], noSizes);
    // Centred over "account" (x −140), one gap (56) below the condition's bottom (140 + 96).
    expect(position).toEqual({ x: -140, y: 140 + DEFAULT_NODE_SIZE.height + 56 });
    // The new step's bottom plus a gap is where "account" starts now; "done" after it moves as much.
    const shift = position.y + DEFAULT_NODE_SIZE.height + 56 - 280;
    expect(Object.fromEntries(moves)).toEqual({ account: at(-140, 280 + shift), done: at(0, 420 + shift) });
    // "lost", on the condition's other branch, stays.
    expect(moves.has("lost")).toBe(false);
  });

  it("uses the sizes the canvas measured", () => {
    const def = branching();
    const sizes: Record<string, { width: number; height: number }> = { check: { width: 240, height: 120 }, account: { width: 300, height: 80 } };
    const { position } = placeBetween(def, catalog, def.edges[1], (id) => sizes[id]);
    expect(position).toEqual({ x: -140 + 150 - DEFAULT_NODE_SIZE.width / 2, y: 140 + 120 + 56 });
  });

  it("with room: in the middle of the gap, and nothing moves", () => {
    const def = branching();
    def.nodes[3].position = at(0, 700);
    const { position, moves } = placeBetween(def, catalog, def.edges[3], noSizes);
    // Between the bottom of "account" (280 + 96) and the top of "done" (700).
    expect(position).toEqual({ x: 0, y: (376 + 700) / 2 - DEFAULT_NODE_SIZE.height / 2 });
    expect(moves.size).toBe(0);
  });
});
