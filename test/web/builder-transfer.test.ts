// @vitest-environment node
import { describe, expect, it } from "vitest";
import { configSummary, problemsByNode, toFlowEdges, toFlowNodes } from "../../web/builder/canvas/flow-model";
import { dataPaths } from "../../web/builder/data-paths";
import { parseWorkflowFile } from "../../web/builder/transfer";
import { catalog, journey2 } from "./builder-fixtures";

describe("workflow files", () => {
  it("reads an export, and wraps a bare definition under the file's name", () => {
    const def = journey2();
    const doc = { format: "onboarding-workflow", formatVersion: 1, name: "ARR routing", definition: def };
    expect(parseWorkflowFile(JSON.stringify(doc), "x.json")).toEqual(doc);
    expect(parseWorkflowFile(JSON.stringify(def), "ARR routing.json")).toEqual({ ...doc, name: "ARR routing" });
  });

  it("says what is wrong with anything else", () => {
    expect(() => parseWorkflowFile("{nope", "a.json")).toThrow("a.json is not a JSON file.");
    expect(() => parseWorkflowFile(JSON.stringify({ nodes: [] }), "b.json")).toThrow(/not an exported workflow/);
  });
});

describe("the canvas model", () => {
  it("draws named ports, summaries and problems on nodes, and names the port of a branch edge", () => {
    const def = journey2();
    const names = new Map([["pool_senior", "Senior CSMs"]]);
    const nodes = toFlowNodes({ definition: def, catalog, names, problems: problemsByNode([{ nodeId: "template", path: "nodes.5.config.templateId", message: "Choose a template" }]) });
    const sw = nodes.find((n) => n.id === "by_arr")!;
    expect(sw.type).toBe("logic");
    expect(sw.data.title).toBe("ARR band");
    expect(sw.data.ports).toEqual([
      { id: "enterprise", label: "Enterprise" },
      { id: "default", label: "Otherwise" },
    ]);
    expect(nodes.find((n) => n.id === "senior")!.data.summary).toBe("Senior CSMs · weighted");
    expect(nodes.find((n) => n.id === "template")!.data.problems).toEqual(["Choose a template"]);
    const edges = toFlowEdges({ definition: def, catalog });
    // The port's label is drawn on the node, above where the edge leaves; the edge names it to assistive tech.
    expect(edges.find((e) => e.id === "e3")).toMatchObject({ sourceHandle: "enterprise", ariaLabel: expect.stringContaining("(Enterprise)") });
    expect(edges.find((e) => e.id === "e1")).toMatchObject({ sourceHandle: "out", ariaLabel: expect.not.stringContaining("(") });
    expect(configSummary(def.nodes[2], new Map())).toBe("1 case + otherwise");
  });

  it("offers the deal's paths everywhere and a step's outputs only after it", () => {
    const def = journey2();
    const atTemplate = dataPaths(def, "template");
    expect(atTemplate).toContain("deal.arr");
    expect(atTemplate).toContain("steps.senior.csmName");
    expect(atTemplate).toContain("deal.properties.ARR__c");
    expect(dataPaths(def, "account")).not.toContain("steps.senior.csmName");
  });
});
