/** The builder's top-to-bottom flow: presets, auto-layout, placement of a new step and framing. */
import { describe, expect, it } from "vitest";
import { buildPresets } from "../../durable/presets";
import { panToShow } from "../../web/builder/canvas/reveal";
import { frameViewport, MIN_READABLE_ZOOM } from "../../web/builder/canvas/viewport";
import { autoLayout } from "../../web/builder/layout";
import { placeNewStep } from "../../web/builder/placement";
import { createBuilderState } from "../../web/builder/state";
import { catalog, journey2 } from "./builder-fixtures";

describe("presets run top to bottom", () => {
  for (const preset of buildPresets()) {
    it(`${preset.id}: every edge goes down, and no two nodes overlap`, () => {
      const at = new Map(preset.definition.nodes.map((n) => [n.id, n.position]));
      for (const e of preset.definition.edges) expect(at.get(e.target)!.y, `${e.source} → ${e.target}`).toBeGreaterThan(at.get(e.source)!.y);
      const nodes = preset.definition.nodes;
      for (const a of nodes)
        for (const b of nodes)
          if (a !== b) expect(Math.abs(a.position.x - b.position.x) >= 240 || Math.abs(a.position.y - b.position.y) >= 110, `${a.id} / ${b.id}`).toBe(true);
    });
  }

  it("puts a node's first branch left of its second, as its ports are ordered", () => {
    const sf = buildPresets()[1].definition.nodes;
    const x = (id: string) => sf.find((n) => n.id === id)!.position.x;
    expect(x("assign_senior")).toBeLessThan(x("assign_general")); // true, false
  });
});

describe("auto-layout", () => {
  it("puts a child below its parent and siblings side by side, first port on the left", () => {
    const pos = autoLayout(journey2());
    expect(pos.get("account")!.y).toBeGreaterThan(pos.get("trigger")!.y + 96);
    expect(pos.get("senior")!.y).toBe(pos.get("general")!.y);
    expect(pos.get("senior")!.x + 240).toBeLessThanOrEqual(pos.get("general")!.x);
  });
});

describe("a new step from the palette's +", () => {
  it("goes below the selected step, in its lane when it has one output", () => {
    const s = createBuilderState(catalog, journey2());
    s.remove([], ["e9"]); // template's only output is free
    s.select(["template"]);
    const spot = placeNewStep(s, "end", { x: 0, y: 0 }, () => ({ width: 240, height: 90 }));
    expect(spot.connectFrom).toEqual({ nodeId: "template", port: "out" });
    expect(spot.position.y).toBeGreaterThanOrEqual(0 + 90 + 40);
    // "done" sits at (1400, 0), not below, so the template's own lane is free.
    expect(spot.position.x).toBe(1120);
  });
});

describe("framing", () => {
  const box = { width: 800, height: 760 };

  it("shows all of a workflow that fits at a readable zoom, centred, never above 1", () => {
    const small = frameViewport({ x: 0, y: 0, width: 240, height: 300 }, box);
    expect(small.zoom).toBe(1);
    expect(small.x).toBe((800 - 240) / 2);
    const tall = frameViewport({ x: 0, y: 0, width: 520, height: 940 }, box);
    expect(tall.zoom).toBeGreaterThanOrEqual(MIN_READABLE_ZOOM);
    expect(tall.zoom).toBeLessThan(1);
    expect(tall.y + 940 * tall.zoom).toBeLessThanOrEqual(760);
    expect(tall.x + 520 * tall.zoom).toBeLessThanOrEqual(800);
    expect(tall.x).toBeGreaterThanOrEqual(0);
  });

  it("opens a workflow too big to read whole on its trigger: readable zoom, top-aligned, centred on it", () => {
    const bounds = { x: -560, y: 0, width: 1800, height: 2000 };
    const trigger = { x: 0, y: 0, width: 240, height: 80 };
    const v = frameViewport(bounds, box, trigger);
    expect(v.zoom).toBe(MIN_READABLE_ZOOM);
    expect(v.y).toBeGreaterThan(0);
    expect(v.y).toBeLessThanOrEqual(40);
    expect(v.x + 120 * v.zoom).toBeCloseTo(400);
  });

  it("centres the whole width when only the height is too much", () => {
    const bounds = { x: -280, y: 0, width: 800, height: 2000 };
    const v = frameViewport(bounds, box, { x: 0, y: 0, width: 240, height: 80 });
    expect(v.zoom).toBe(MIN_READABLE_ZOOM);
    expect(v.x + (-280 + 400) * v.zoom).toBeCloseTo(400);
  });

  it("pans just enough to show a new node outside the view, and not at all when it shows", () => {
    const view = { x: 0, y: 0, zoom: 0.5 };
    expect(panToShow({ x: 100, y: 100, width: 240, height: 90 }, view, box)).toBeNull();
    const below = panToShow({ x: 100, y: 1600, width: 240, height: 90 }, view, box)!;
    expect(below.zoom).toBe(0.5);
    expect(below.x).toBe(0);
    expect(1690 * 0.5 + below.y).toBeLessThanOrEqual(760);
    expect(1600 * 0.5 + below.y).toBeGreaterThanOrEqual(0);
  });
});
