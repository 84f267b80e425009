import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_STEPS } from "../../durable/engine";
import { outgoing, validateDefinition, type Definition, type DefinitionEdge, type DefinitionNode } from "../../durable/graph";
import { RULE_OPS } from "../../durable/lib/rules";
import { nodeTypes, portsFor } from "../../durable/registry";
import type { NodeOutcome } from "../../durable/types";
import { drive, realExecutor } from "./helpers/drive";

const blueprint = fc.record({
  kind: fc.constantFrom("logic.condition", "action.set_data", "end"),
  a: fc.nat(),
  b: fc.nat(),
  leaveOpen: fc.boolean(),
  field: fc.nat(3),
  op: fc.constantFrom(...RULE_OPS),
  value: fc.integer({ min: -3, max: 3 }),
  failed: fc.boolean(),
});

/**
 * A random valid DAG of condition / set_data / end nodes: edges only go to later nodes (so no
 * cycles), every condition port is connected, single ports are sometimes left open, and nodes the
 * trigger cannot reach are dropped.
 */
const dag = fc.array(blueprint, { minLength: 1, maxLength: 30 }).map((plan): Definition => {
  const n = plan.length + 1;
  const nodes: DefinitionNode[] = [{ id: "n0", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: { connectorId: "c", stageIds: ["closedwon"] } }];
  plan.forEach((p, i) => {
    const index = i + 1;
    const kind = index === n - 1 ? "end" : p.kind;
    const config =
      kind === "logic.condition"
        ? { combine: p.a % 2 ? "all" : "any", rules: [{ field: `v${p.field}`, op: p.op, value: p.value }] }
        : kind === "action.set_data"
          ? { values: { [`v${p.field}`]: p.b % 2 ? String(p.value) : `{{v${(p.field + 1) % 4}}}` } }
          : p.failed ? { outcome: "failed", reason: "random end" } : {};
    nodes.push({ id: `n${index}`, type: kind, position: { x: index, y: 0 }, config });
  });
  const edges: DefinitionEdge[] = [];
  const target = (from: number, pick: number) => from + 1 + (pick % (n - from - 1));
  nodes.forEach((node, i) => {
    const p = plan[i - 1] ?? { a: 0, b: 0, leaveOpen: false };
    if (node.type === "end") return;
    if (node.type === "logic.condition") {
      edges.push({ id: `e${i}t`, source: node.id, sourcePort: "true", target: `n${target(i, p.a)}` });
      edges.push({ id: `e${i}f`, source: node.id, sourcePort: "false", target: `n${target(i, p.b)}` });
    } else if (i === 0 || !p.leaveOpen) {
      edges.push({ id: `e${i}`, source: node.id, target: `n${target(i, p.a)}` });
    }
  });
  const reachable = new Set(["n0"]);
  for (const node of nodes) {
    if (!reachable.has(node.id)) continue;
    for (const e of edges) if (e.source === node.id) reachable.add(e.target);
  }
  return { nodes: nodes.filter((x) => reachable.has(x.id)), edges: edges.filter((e) => reachable.has(e.source)) };
});

const data = fc.dictionary(fc.constantFrom("v0", "v1", "v2", "v3"), fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom("1", "x", "", null)));

describe("engine over random DAGs", () => {
  it("every generated DAG validates", () => {
    fc.assert(fc.property(dag, (def) => {
      expect(validateDefinition(def).errors).toEqual([]);
    }), { numRuns: 300 });
  });

  it("real nodes drive every valid DAG to an end, each node at most once, along its edges", async () => {
    await fc.assert(
      fc.asyncProperty(dag, data, async (def, start) => {
        const run = await drive(def, start, realExecutor(def));
        expect(["completed", "failed"]).toContain(run.state.status);
        expect(run.state.error).toBeNull(); // failures here only come from end nodes
        expect(new Set(run.executed).size).toBe(run.executed.length);
        expect(run.executed.length).toBeLessThanOrEqual(def.nodes.length);
        expect(run.state.stepCount).toBeLessThanOrEqual(DEFAULT_MAX_STEPS);
        for (let i = 1; i < run.executed.length; i++) {
          const from = run.executed[i - 1];
          const port = run.steps.find((s) => s.nodeId === from && s.status === "completed")?.port;
          expect(outgoing(def, from, port as string)).toBe(run.executed[i]);
        }
        expect(run.effects.at(-1)).toMatchObject({ type: "finished" });
      }),
      { numRuns: 300 },
    );
  });

  it("a trivial executor taking random ports terminates within the step guard", async () => {
    await fc.assert(
      fc.asyncProperty(dag, fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), fc.integer({ min: 1, max: 12 }), async (def, choices, maxSteps) => {
        let k = 0;
        const trivial = (nodeId: string): NodeOutcome => {
          const node = def.nodes.find((x) => x.id === nodeId) as DefinitionNode;
          const ports = portsFor(nodeTypes.get(node.type)!, node.config) ?? [];
          if (ports.length === 0) return { kind: "end", status: "completed" };
          const roll = choices[k++ % choices.length];
          if (roll % 7 === 0) return { kind: "fail", error: { code: "flaky", message: "flaky" }, retryable: false };
          return { kind: "next", port: ports[roll % ports.length], output: { roll } };
        };
        const run = await drive(def, {}, trivial, { type: "start" }, { maxSteps });
        expect(["completed", "failed"]).toContain(run.state.status);
        expect(run.executed.length).toBeLessThanOrEqual(maxSteps);
        if (run.state.error) expect(["flaky", "max_steps_exceeded"]).toContain(run.state.error.code);
      }),
      { numRuns: 300 },
    );
  });
});
