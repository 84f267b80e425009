import { describe, expect, it } from "vitest";
import { dealReadBeforeExtract, outgoing, triggerNode, validateDefinition, type Definition, type DefinitionNode } from "../../durable/graph";

const at = (x: number) => ({ x: x * 200, y: 0 });

/** trigger → check (condition) → true: tag (set_data) → done ; false: stop (end failed) */
function base(): Definition {
  return {
    nodes: [
      { id: "trigger", type: "trigger.hubspot", position: at(0), config: { connectorId: "c1", stageIds: ["closedwon"] } },
      { id: "check", type: "logic.condition", position: at(1), config: { combine: "all", rules: [{ field: "deal.arr", op: "gte", value: 100000 }] } },
      { id: "tag", type: "action.set_data", position: at(2), config: { values: { tier: "enterprise" } } },
      { id: "done", type: "end", position: at(3), config: {} },
      { id: "stop", type: "end", position: at(2), config: { outcome: "failed", reason: "small" } },
    ],
    edges: [
      { id: "e1", source: "trigger", target: "check" },
      { id: "e2", source: "check", sourcePort: "true", target: "tag" },
      { id: "e3", source: "check", sourcePort: "false", target: "stop" },
      { id: "e4", source: "tag", target: "done" },
    ],
  };
}

function errorsOf(def: unknown) {
  const result = validateDefinition(def);
  expect(result.valid).toBe(false);
  return result.errors;
}

const node = (id: string, type: string, config: Record<string, unknown> = {}): DefinitionNode => ({ id, type, position: at(5), config });

describe("validateDefinition", () => {
  it("accepts a well-formed, connected DAG", () => {
    expect(validateDefinition(base())).toEqual({ valid: true, errors: [] });
  });

  it("lets a single-port node end the path without an end node", () => {
    const def = base();
    def.nodes = def.nodes.filter((n) => n.id !== "done");
    def.edges = def.edges.filter((e) => e.id !== "e4");
    expect(validateDefinition(def).valid).toBe(true);
  });

  it("reports malformed input with paths and node ids", () => {
    const errors = errorsOf({ nodes: [{ id: "a", type: "end", config: {} }], edges: "x" });
    expect(errors).toContainEqual(expect.objectContaining({ path: "nodes.0.position", nodeId: "a" }));
    expect(errors).toContainEqual(expect.objectContaining({ path: "edges" }));
    expect(errorsOf(null)[0].path).toBe("");
    expect(errorsOf({ nodes: [node("a.b", "end")], edges: [] })[0]).toMatchObject({ path: "nodes.0.id" });
    expect(errorsOf({ nodes: [node("__proto__", "end")], edges: [] })[0]).toMatchObject({ path: "nodes.0.id" });
  });

  it("needs exactly one trigger", () => {
    const none = base();
    none.nodes = none.nodes.filter((n) => n.id !== "trigger");
    none.edges = none.edges.filter((e) => e.source !== "trigger");
    expect(errorsOf(none)).toContainEqual({ path: "nodes", message: expect.stringMatching(/exactly one trigger/) });

    const two = base();
    two.nodes.push(node("trigger2", "trigger.salesforce", { connectorId: "c2", stages: ["Closed Won"] }));
    expect(errorsOf(two)).toContainEqual(expect.objectContaining({ nodeId: "trigger2", path: "nodes.5.type" }));
  });

  it("refuses duplicate node and edge ids", () => {
    const def = base();
    def.nodes.push({ ...def.nodes[3] });
    def.edges.push({ ...def.edges[3] });
    const errors = errorsOf(def);
    expect(errors).toContainEqual(expect.objectContaining({ nodeId: "done", path: "nodes.5.id", message: 'Duplicate node id "done"' }));
    expect(errors).toContainEqual(expect.objectContaining({ path: "edges.4.id", message: 'Duplicate edge id "e4"' }));
  });

  it("refuses unknown node types", () => {
    const def = base();
    def.nodes[2] = { ...def.nodes[2], type: "action.teleport" };
    expect(errorsOf(def)).toContainEqual({ nodeId: "tag", path: "nodes.2.type", message: 'Unknown node type "action.teleport"' });
  });

  it("checks every config against its type's schema, with paths into the config", () => {
    const def = base();
    def.nodes.push(node("assign", "action.assign_csm", { strategy: "fastest" }));
    def.edges.push({ id: "e5", source: "tag", target: "assign" });
    def.edges = def.edges.filter((e) => e.id !== "e4");
    def.edges.push({ id: "e6", source: "assign", sourcePort: "out", target: "done" }, { id: "e7", source: "assign", sourcePort: "none", target: "stop" });
    def.nodes[1] = { ...def.nodes[1], config: { combine: "all", rules: [{ field: "deal..arr", op: "gte" }] } };
    const errors = errorsOf(def);
    expect(errors).toContainEqual(expect.objectContaining({ nodeId: "assign", path: "nodes.5.config.poolId" }));
    expect(errors).toContainEqual(expect.objectContaining({ nodeId: "assign", path: "nodes.5.config.strategy" }));
    expect(errors).toContainEqual(expect.objectContaining({ nodeId: "check", path: "nodes.1.config.rules.0.field" }));
    expect(errors).toContainEqual(expect.objectContaining({ nodeId: "check", path: "nodes.1.config.rules.0.value" }));
  });

  it("reports template syntax errors in configs", () => {
    const def = base();
    def.nodes[2] = { ...def.nodes[2], config: { values: { tier: "{{deal.name" } } };
    expect(errorsOf(def)).toContainEqual(expect.objectContaining({ nodeId: "tag", path: "nodes.2.config.values.tier", message: expect.stringMatching(/^Template: Unclosed tag/) }));
  });

  it("says which field is missing in the inspector's words, not zod's", () => {
    const def = base();
    def.nodes[0] = { ...def.nodes[0], config: { stageIds: ["closedwon"] } };
    def.nodes.push(node("mail", "action.send_email", { to: "{{deal.owner.email}}", subject: "  ", body: "" }));
    def.edges = def.edges.filter((e) => e.id !== "e4");
    def.edges.push({ id: "e5", source: "tag", target: "mail" }, { id: "e6", source: "mail", target: "done" });
    const errors = errorsOf(def);
    expect(errors).toContainEqual({ nodeId: "trigger", path: "nodes.0.config.connectorId", message: "HubSpot connector is required" });
    expect(errors).toContainEqual({ nodeId: "mail", path: "nodes.5.config.subject", message: "Subject is required" });
    expect(errors).toContainEqual({ nodeId: "mail", path: "nodes.5.config.body", message: "Body (Markdown) is required" });
    expect(errors.some((e) => e.message.startsWith("Invalid input"))).toBe(false);
  });

  it("says an empty id field is required", () => {
    const def = base();
    def.nodes[0] = { ...def.nodes[0], config: { connectorId: "", stageIds: ["closedwon"] } };
    expect(errorsOf(def)).toContainEqual({ nodeId: "trigger", path: "nodes.0.config.connectorId", message: "HubSpot connector is required" });
  });

  it("refuses edges between nodes that do not exist", () => {
    const def = base();
    def.edges.push({ id: "e9", source: "ghost", target: "done" }, { id: "e10", source: "tag", target: "nowhere" });
    const errors = errorsOf(def);
    expect(errors).toContainEqual(expect.objectContaining({ path: "edges.4.source" }));
    expect(errors).toContainEqual(expect.objectContaining({ path: "edges.5.target", nodeId: "tag" }));
  });

  it("refuses edges from ports the node does not have", () => {
    const def = base();
    def.edges[1] = { ...def.edges[1], sourcePort: "maybe" };
    expect(errorsOf(def)).toContainEqual(expect.objectContaining({ nodeId: "check", path: "edges.1.sourcePort", message: expect.stringMatching(/"maybe" is not an output/) }));
  });

  it("needs a sourcePort on edges leaving a multi-port node", () => {
    const def = base();
    const { sourcePort: _drop, ...edge } = def.edges[1];
    def.edges[1] = edge;
    expect(errorsOf(def)).toContainEqual(expect.objectContaining({ nodeId: "check", path: "edges.1.sourcePort", message: expect.stringMatching(/Choose which output/) }));
  });

  it("refuses edges out of an end node and into the trigger", () => {
    const def = base();
    def.edges.push({ id: "e5", source: "done", target: "stop" });
    def.edges.push({ id: "e6", source: "stop", target: "trigger" });
    const errors = errorsOf(def);
    expect(errors).toContainEqual(expect.objectContaining({ path: "edges.4.source", message: "This node has no outputs" }));
    expect(errors).toContainEqual(expect.objectContaining({ path: "edges.5.target", message: "Nothing can lead into the trigger" }));
  });

  it("allows one edge per output port (a run follows a single path)", () => {
    const def = base();
    def.edges.push({ id: "e5", source: "tag", target: "stop" });
    expect(errorsOf(def)).toContainEqual(expect.objectContaining({ nodeId: "tag", path: "edges.4.sourcePort", message: expect.stringMatching(/already has an edge/) }));
  });

  it("needs every port of a branching node connected", () => {
    const def = base();
    def.edges = def.edges.filter((e) => e.id !== "e3");
    def.nodes = def.nodes.filter((n) => n.id !== "stop");
    expect(errorsOf(def)).toEqual([{ nodeId: "check", path: "nodes.1", message: 'Output “No” is not connected' }]);
  });

  it("needs every node reachable from the trigger", () => {
    const def = base();
    def.nodes.push(node("orphan", "end"));
    expect(errorsOf(def)).toEqual([{ nodeId: "orphan", path: "nodes.5", message: "This node cannot be reached from the trigger" }]);
  });

  it("refuses cycles and names the loop", () => {
    const def = base();
    def.nodes.push(node("again", "action.set_data", { values: { x: "1" } }));
    def.edges = def.edges.filter((e) => e.id !== "e4");
    def.edges.push({ id: "e5", source: "tag", target: "again" }, { id: "e6", source: "again", target: "tag" });
    def.nodes = def.nodes.filter((n) => n.id !== "done");
    const errors = errorsOf(def);
    expect(errors).toContainEqual(expect.objectContaining({ nodeId: "again", path: "edges.4", message: "This edge closes a cycle: tag → again → tag" }));
    const self = base();
    self.edges.push({ id: "loop", source: "done", target: "done" });
    expect(errorsOf(self).some((e) => e.message.includes("closes a cycle: done → done"))).toBe(true);
  });

  it("checks switch and classify ports derived from the config", () => {
    const def = base();
    def.nodes[1] = {
      ...def.nodes[1],
      type: "logic.switch",
      config: { cases: [{ id: "true", label: "Big", combine: "all", rules: [{ field: "deal.arr", op: "gt", value: 1 }] }] },
    };
    expect(errorsOf(def)).toContainEqual(expect.objectContaining({ nodeId: "check", path: "edges.2.sourcePort", message: expect.stringMatching(/"false" is not an output/) }));
    // A port is named as the canvas names it: the case's own label, or the fixed port's name.
    expect(errorsOf(def)).toContainEqual({ nodeId: "check", path: "nodes.1", message: "Output “Otherwise” is not connected" });
    def.edges[1] = { ...def.edges[1], sourcePort: "default" };
    expect(errorsOf(def)).toContainEqual({ nodeId: "check", path: "nodes.1", message: "Output “Big” is not connected" });
    def.edges[1] = { ...def.edges[1], sourcePort: "true" };
    def.edges[2] = { ...def.edges[2], sourcePort: "default" };
    expect(validateDefinition(def).valid).toBe(true);
  });
});

describe("graph lookups", () => {
  it("follows ports, defaulting single-port edges", () => {
    const def = base();
    expect(outgoing(def, "trigger", "out")).toBe("check");
    expect(outgoing(def, "check", "true")).toBe("tag");
    expect(outgoing(def, "check", "false")).toBe("stop");
    expect(outgoing(def, "check", "maybe")).toBeNull();
    expect(outgoing(def, "done", "out")).toBeNull();
    expect(outgoing(def, "ghost", "out")).toBeNull();
  });

  it("finds the trigger", () => {
    expect(triggerNode(base())?.id).toBe("trigger");
    expect(triggerNode({ nodes: [], edges: [] })).toBeNull();
  });
});

describe("reading the deal before it is fetched", () => {
  const extract = { id: "extract", type: "action.extract_deal", position: at(1), config: {} };

  it("names the first step that reads deal.* with no “Extract deal data” before it", () => {
    expect(dealReadBeforeExtract(base())).toEqual({ nodeId: "check", name: "Condition", path: "deal.arr" });
  });

  it("is satisfied once every path to such a step passes an extract step", () => {
    const def = base();
    def.nodes.push(extract);
    def.edges[0] = { id: "e1", source: "trigger", target: "extract" };
    def.edges.push({ id: "e0", source: "extract", target: "check" });
    expect(dealReadBeforeExtract(def)).toBeNull();
  });

  it("counts templates and the account step, which maps from the deal without naming it", () => {
    const def = base();
    def.nodes[2] = { ...def.nodes[2], config: { values: { greeting: "Hi {{deal.primaryContact.name | default: \"there\"}}" } } };
    def.nodes[1] = { ...def.nodes[1], config: { combine: "all", rules: [{ field: "tier", op: "exists" }] } };
    expect(dealReadBeforeExtract(def)).toMatchObject({ nodeId: "tag", path: "deal.primaryContact.name" });
    def.nodes[2] = { id: "tag", type: "action.create_account", position: at(2), config: {} };
    expect(dealReadBeforeExtract(def)).toMatchObject({ nodeId: "tag", path: "deal" });
  });
});
