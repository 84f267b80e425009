// @vitest-environment node
import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../durable/graph";
import { buildPresets } from "../../durable/presets";
import { portsOf } from "../../web/builder/catalog";
import { validateGraph } from "../../web/builder/graph-rules";
import { autoLayout } from "../../web/builder/layout";
import { placeNewStep } from "../../web/builder/placement";
import { runOverlay } from "../../web/builder/run-overlay";
import { createBuilderState } from "../../web/builder/state";
import type { RunDetail } from "../../web/lib/api-types";
import { catalog, journey2 } from "./builder-fixtures";

const at = (x: number, y = 0) => ({ x, y });

describe("builder state: add and connect", () => {
  it("adds nodes with readable ids and starter configs, selecting the new one", () => {
    const s = createBuilderState(catalog);
    const t = s.addNode("trigger.salesforce", at(0));
    const sw = s.addNode("logic.switch", at(300));
    expect(t).toEqual({ ok: true, id: "salesforce_1" });
    expect(sw).toEqual({ ok: true, id: "switch_1" });
    expect(s.selectedNodeIds.value).toEqual(["switch_1"]);
    const node = s.nodeById.value.get("switch_1")!;
    expect(portsOf(catalog.byType.get("logic.switch"), node.config).map((p) => p.id)).toEqual(["case_1", "default"]);
  });

  it("refuses a second trigger, saying why", () => {
    const s = createBuilderState(catalog);
    s.addNode("trigger.hubspot", at(0));
    const r = s.addNode("trigger.salesforce", at(0, 200));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/already has a trigger/);
    expect(s.nodes.value).toHaveLength(1);
  });

  it("connects output to input and refuses what the graph rules forbid, with reasons", () => {
    const s = createBuilderState(catalog);
    s.addNode("trigger.salesforce", at(0));
    s.addNode("logic.condition", at(300));
    s.addNode("action.create_account", at(600));
    s.addNode("end", at(900));
    expect(s.connect({ source: "salesforce_1", target: "condition_1" }).ok).toBe(true);
    expect(s.connect({ source: "condition_1", sourcePort: "true", target: "create_account_1" }).ok).toBe(true);

    const intoTrigger = s.connect({ source: "create_account_1", target: "salesforce_1" });
    expect(!intoTrigger.ok && intoTrigger.reason).toMatch(/Nothing can lead into the trigger/);

    const twice = s.connect({ source: "condition_1", sourcePort: "true", target: "end_1" });
    expect(!twice.ok && twice.reason).toMatch(/Output “Yes” is already connected .*single path/);

    expect(s.connect({ source: "create_account_1", target: "end_1" }).ok).toBe(true);
    const fromEnd = s.connect({ source: "end_1", target: "condition_1" });
    expect(!fromEnd.ok && fromEnd.reason).toMatch(/has no outputs/);

    const loop = s.connect({ source: "create_account_1", target: "condition_1" });
    expect(!loop.ok && loop.reason).toMatch(/already connected/);
    s.remove([], [s.edges.value.find((e) => e.source === "create_account_1")!.id]);
    const cycle = s.connect({ source: "create_account_1", target: "condition_1" });
    expect(!cycle.ok && cycle.reason).toMatch(/loop \(Create account → Condition → Create account\)/);

    const self = s.connect({ source: "condition_1", sourcePort: "false", target: "condition_1" });
    expect(!self.ok && self.reason).toMatch(/cannot lead to itself/);
    expect(s.edges.value).toHaveLength(2);
  });

  it("adds a node connected from a port in one step (the node picker)", () => {
    const s = createBuilderState(catalog);
    s.addNode("trigger.salesforce", at(0));
    const r = s.addNode("logic.switch", at(300), { connectFrom: { nodeId: "salesforce_1", port: "out" } });
    expect(r.ok).toBe(true);
    expect(s.edges.value).toEqual([{ id: "e-salesforce_1-out-switch_1", source: "salesforce_1", sourcePort: "out", target: "switch_1" }]);
    s.undo();
    expect(s.nodes.value).toHaveLength(1);
    expect(s.edges.value).toHaveLength(0);
  });

  it("points a port at another node from the inspector, replacing its edge", () => {
    const s = createBuilderState(catalog, journey2());
    expect(s.setPortTarget("by_arr", "default", "senior").ok).toBe(true);
    expect(s.edges.value.filter((e) => e.source === "by_arr").map((e) => [e.sourcePort, e.target])).toEqual([
      ["enterprise", "senior"],
      ["default", "senior"],
    ]);
    const refused = s.setPortTarget("template", "out", "account");
    expect(!refused.ok && refused.reason).toMatch(/loop/);
    expect(s.setPortTarget("by_arr", "default", null).ok).toBe(true);
    expect(s.edges.value.some((e) => e.source === "by_arr" && e.sourcePort === "default")).toBe(false);
  });
});

describe("builder state: ports follow the config", () => {
  it("keeps the edge when a switch case is renamed, drops it when the case is removed", () => {
    const s = createBuilderState(catalog, journey2());
    const cfg = s.nodeById.value.get("by_arr")!.config as { cases: Record<string, unknown>[] };
    s.updateNode("by_arr", { config: { cases: [{ ...cfg.cases[0], id: "big" }] } });
    expect(s.edges.value.find((e) => e.id === "e3")?.sourcePort).toBe("big");
    s.updateNode("by_arr", { config: { cases: [] } }, false);
    expect(s.edges.value.some((e) => e.id === "e3")).toBe(false);
    expect(s.edges.value.some((e) => e.id === "e4")).toBe(true);
  });
});

describe("builder state: a case's connection stays with the case", () => {
  type Case = Record<string, unknown>;
  const twoCases = () => {
    const s = createBuilderState(catalog, journey2());
    const [enterprise] = (s.nodeById.value.get("by_arr")!.config as { cases: Case[] }).cases;
    const smb = { id: "smb", label: "SMB", combine: "all", rules: [{ field: "deal.arr", op: "lt", value: 20000 }] };
    s.updateNode("by_arr", { config: { cases: [enterprise, smb] } }, false);
    s.setPortTarget("by_arr", "smb", "template");
    return { s, enterprise, smb };
  };
  const targets = (s: ReturnType<typeof createBuilderState>) =>
    Object.fromEntries(s.edges.value.filter((e) => e.source === "by_arr").map((e) => [e.sourcePort, e.target]));

  it("while its id is retyped: cleared or briefly invalid, then given a new id", () => {
    const s = createBuilderState(catalog, journey2());
    const [c] = (s.nodeById.value.get("by_arr")!.config as { cases: Case[] }).cases;
    for (const id of ["", "big deal", "big_deal"]) s.updateNode("by_arr", { config: { cases: [{ ...c, id }] } });
    expect(targets(s)).toEqual({ big_deal: "senior", default: "general" });
    expect(s.edges.value.filter((e) => e.target === "senior")).toHaveLength(1);
  });

  it("when cases are reordered: each keeps its own next step", () => {
    const { s, enterprise, smb } = twoCases();
    expect(targets(s)).toEqual({ enterprise: "senior", smb: "template", default: "general" });
    s.updateNode("by_arr", { config: { cases: [smb, enterprise] } }, false);
    expect(targets(s)).toEqual({ enterprise: "senior", smb: "template", default: "general" });
  });

  it("while its id briefly repeats another case's", () => {
    const { s, enterprise, smb } = twoCases();
    for (const id of ["smb", "smb_large"]) s.updateNode("by_arr", { config: { cases: [{ ...enterprise, id }, smb] } });
    expect(targets(s)).toEqual({ smb_large: "senior", smb: "template", default: "general" });
  });

  it("but not when the case is removed, nor onto a port that already has a step, nor after undo", () => {
    const { s, enterprise, smb } = twoCases();
    s.updateNode("by_arr", { config: { cases: [{ ...enterprise, id: "" }, smb] } });
    s.updateNode("by_arr", { config: { cases: [smb] } }, false);
    expect(targets(s)).toEqual({ smb: "template", default: "general" });
    s.updateNode("by_arr", { config: { cases: [{ ...smb, id: "" }] } }, false);
    s.setPortTarget("by_arr", "default", null);
    s.updateNode("by_arr", { config: { cases: [{ ...smb, id: "small" }] } }, false);
    expect(targets(s)).toEqual({ small: "template" });

    // Cleared, then undone: the case has its id and edge back, and a later edit brings back nothing more.
    s.updateNode("by_arr", { config: { cases: [{ ...smb, id: "" }] } }, false);
    s.undo();
    s.setPortTarget("by_arr", "small", null);
    s.updateNode("by_arr", { config: { cases: [{ ...smb, id: "tiny" }] } }, false);
    expect(targets(s)).toEqual({});
  });
});

describe("validation messages of a person's step", () => {
  it("say the assignee is missing, or what it may be, instead of zod's “Invalid input”", () => {
    const step = (assignee?: unknown) => ({
      nodes: [
        { id: "trigger", type: "trigger.salesforce", position: at(0), config: { connectorId: "c", stages: ["Closed Won"] } },
        { id: "ok", type: "human.approval", position: at(300), config: { title: "Approve", ...(assignee === undefined ? {} : { assignee }) } },
        { id: "done", type: "end", position: at(600), config: { outcome: "completed" } },
      ],
      edges: ["approved", "rejected", "timeout"].map((p, i) => ({ id: `e${i}`, source: "ok", sourcePort: p, target: "done" })).concat({ id: "t", source: "trigger", target: "ok" } as never),
    });
    const messages = (assignee?: unknown) => validateDefinition(step(assignee)).errors.filter((e) => e.path.includes("assignee")).map((e) => e.message);
    expect(messages()).toEqual(["Assignee is required"]);
    expect(messages({})).toEqual(["Choose the assignee: a person, a pool or an e-mail address"]);
    expect(messages({ poolId: "pool_1" })).toEqual([]);
  });
});

describe("builder state: validate", () => {
  it("mirrors the server's structural rules", () => {
    const s = createBuilderState(catalog);
    expect(s.validate().map((i) => i.message)).toEqual(["Add a trigger: a workflow starts from exactly one trigger node"]);
    s.addNode("trigger.salesforce", at(0), { config: { connectorId: "c", stages: ["Closed Won"] } });
    s.addNode("logic.condition", at(300), { connectFrom: { nodeId: "salesforce_1" } });
    s.addNode("end", at(600));
    const messages = s.validate().map((i) => `${i.nodeId}: ${i.message}`);
    expect(messages).toContain('condition_1: Output “Yes” is not connected');
    expect(messages).toContain('condition_1: Output “No” is not connected');
    expect(messages).toContain("end_1: This node cannot be reached from the trigger");
  });

  it("reports required config left empty, on the node, with the config path", () => {
    const s = createBuilderState(catalog);
    s.addNode("trigger.salesforce", at(0));
    expect(s.validate()).toContainEqual({ nodeId: "salesforce_1", path: "nodes.0.config.connectorId", message: "Salesforce connector is required" });
  });

  it("agrees with durable/graph.ts on the presets and on broken variants", () => {
    const refs = { hubspotConnectorId: "c1", salesforceConnectorId: "c2", notionConnectorId: "c3", notionDatabaseId: "db", seniorPoolId: "p1", generalPoolId: "p2", enterpriseTemplateId: "t1", standardTemplateId: "t2", managerUserId: "u1" };
    const defs = [journey2(), ...buildPresets(refs).map((p) => p.definition)];
    for (const def of defs) {
      expect(validateDefinition(def).valid).toBe(true);
      expect(validateGraph(def, catalog)).toEqual([]);
      // Remove each edge in turn: wherever the server finds a problem, so does the client, on the same node.
      def.edges.forEach((_, j) => {
        const broken = { ...def, edges: def.edges.filter((__, k) => k !== j) };
        const server = new Set(validateDefinition(broken).errors.map((e) => e.nodeId));
        const client = new Set(validateGraph(broken, catalog).map((e) => e.nodeId));
        expect(client).toEqual(server);
      });
    }
  });
});

describe("builder state: undo and redo", () => {
  it("undoes and redoes adds, connections, moves and removals", () => {
    const s = createBuilderState(catalog);
    s.addNode("trigger.salesforce", at(0));
    s.addNode("end", at(300));
    s.connect({ source: "salesforce_1", target: "end_1" });
    s.beginMove();
    s.moveNodes(new Map([["end_1", at(350, 10)]]));
    s.moveNodes(new Map([["end_1", at(400, 20)]]));
    expect(s.nodeById.value.get("end_1")!.position).toEqual(at(400, 20));

    expect(s.undo()).toBe(true); // the whole drag
    expect(s.nodeById.value.get("end_1")!.position).toEqual(at(300));
    s.remove(["end_1"]);
    expect(s.edges.value).toHaveLength(0);
    s.undo();
    expect(s.edges.value).toHaveLength(1);
    s.undo();
    expect(s.edges.value).toHaveLength(0);
    expect(s.canRedo.value).toBe(true);
    s.redo();
    expect(s.edges.value).toHaveLength(1);
    s.undo();
    s.undo();
    s.undo();
    expect(s.nodes.value).toHaveLength(0);
    expect(s.undo()).toBe(false);
    s.redo();
    s.redo();
    expect(s.nodes.value.map((n) => n.id)).toEqual(["salesforce_1", "end_1"]);
    // A new change forgets what could be redone.
    s.addNode("logic.delay", at(0, 200));
    expect(s.canRedo.value).toBe(false);
  });

  it("undoes a burst of typing in one step", () => {
    const s = createBuilderState(catalog, journey2());
    for (const name of ["E", "En", "Ent"]) s.updateNode("senior", { name });
    expect(s.nodeById.value.get("senior")!.name).toBe("Ent");
    s.undo();
    expect(s.nodeById.value.get("senior")!.name).toBeUndefined();
  });

  it("counts every change for autosave", () => {
    const s = createBuilderState(catalog);
    const r0 = s.revision.value;
    s.addNode("trigger.hubspot", at(0));
    s.undo();
    s.redo();
    expect(s.revision.value).toBe(r0 + 3);
  });
});

describe("builder state: serialise", () => {
  it("round-trips a definition exactly, and hands out copies", () => {
    const def = journey2();
    const s = createBuilderState(catalog, def);
    const out = s.serialise();
    expect(out).toEqual(def);
    out.nodes[0].config.connectorId = "changed";
    expect(s.nodeById.value.get("trigger")!.config.connectorId).toBe("conn_sf");
    const again = createBuilderState(catalog, s.serialise()).serialise();
    expect(again).toEqual(def);
  });

  it("serialises what was built by hand into a definition the server accepts", () => {
    const s = createBuilderState(catalog);
    s.addNode("trigger.salesforce", at(0), { config: { connectorId: "c", stages: ["Closed Won"] } });
    s.addNode("action.create_account", at(300), { connectFrom: { nodeId: "salesforce_1" } });
    s.addNode("end", at(600), { connectFrom: { nodeId: "create_account_1" } });
    expect(validateDefinition(s.serialise())).toEqual({ valid: true, errors: [] });
    s.replace(journey2());
    expect(s.serialise()).toEqual(journey2());
    s.undo();
    expect(s.nodes.value.map((n) => n.id)).toEqual(["salesforce_1", "create_account_1", "end_1"]);
  });
});

describe("the palette's + button", () => {
  it("puts a new step after the selected one, on its first free output, never on top of another", () => {
    const s = createBuilderState(catalog, journey2());
    s.remove([], ["e6"]); // senior's "none" output is now free
    s.select(["senior"]);
    const spot = placeNewStep(s, "end", { x: 0, y: 0 }, () => ({ width: 240, height: 90 }));
    expect(spot.connectFrom).toEqual({ nodeId: "senior", port: "none" });
    // Below the step (the flow runs top to bottom); "none" is its right-hand port, so right of it.
    expect(spot.position.y).toBe(-100 + 90 + 56);
    expect(spot.position.x).toBeGreaterThan(840);
    expect(s.nodes.value.some((n) => Math.abs(n.position.x - spot.position.x) < 240 && Math.abs(n.position.y - spot.position.y) < 90)).toBe(false);
    s.select([]);
    expect(placeNewStep(s, "end", { x: 500, y: 500 }, () => undefined)).toEqual({ position: { x: 380, y: 452 } });
  });
});

describe("auto-layout and run overlay", () => {
  it("lays the graph out top to bottom, branches side by side", () => {
    const pos = autoLayout(journey2());
    expect(pos.get("trigger")!.y).toBeLessThan(pos.get("by_arr")!.y);
    expect(pos.get("by_arr")!.y).toBeLessThan(pos.get("senior")!.y);
    expect(pos.get("senior")!.y).toBe(pos.get("general")!.y);
    expect(pos.get("senior")!.x).not.toBe(pos.get("general")!.x);
    expect(pos.get("template")!.y).toBeLessThan(pos.get("done")!.y);
  });

  it("marks the nodes a run visited and the edges it took", () => {
    const def = journey2();
    const step = (nodeId: string, port?: string) => ({ nodeId, nodeType: "x", status: "completed" as const, port, attempts: 1, startedAt: "", input: null });
    const run = { status: "completed", currentNodeIds: [], steps: [step("trigger", "out"), step("account", "out"), step("by_arr", "default"), step("general", "out"), step("template", "out"), step("done")] } as unknown as RunDetail;
    const o = runOverlay(run, def, catalog);
    expect([...o.edges].sort()).toEqual(["e1", "e2", "e4", "e7", "e9"]);
    expect(o.nodes.get("senior")).toBeUndefined();
    expect(o.nodes.get("general")).toBe("completed");
  });
});
