import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../durable/graph";
import { nodeTypes } from "../../durable/registry";

function wellShaped(result: ReturnType<typeof validateDefinition>): void {
  expect(typeof result.valid).toBe("boolean");
  expect(Array.isArray(result.errors)).toBe(true);
  expect(result.valid).toBe(result.errors.length === 0);
  for (const e of result.errors) {
    expect(typeof e.path).toBe("string");
    expect(typeof e.message).toBe("string");
    if ("nodeId" in e) expect(typeof e.nodeId).toBe("string");
  }
  expect(() => JSON.stringify(result)).not.toThrow();
}

const types = [...nodeTypes.keys(), "unknown.type", "", "constructor", "__proto__"];
const ids = fc.constantFrom("t", "a", "b", "c", "d", "__proto__", "a.b", "", "constructor");
const ports = fc.constantFrom("out", "true", "false", "none", "approved", "default", "timeout", "x");
const json = fc.jsonValue({ maxDepth: 3 });

/** Definitions that are roughly the right shape, so validation gets past the schema and into the graph. */
const definition = fc.record({
  nodes: fc.array(
    fc.record({
      id: ids,
      type: fc.constantFrom(...types),
      position: fc.oneof(fc.record({ x: fc.double(), y: fc.integer() }), json),
      config: fc.oneof(fc.dictionary(fc.constantFrom("connectorId", "stageIds", "rules", "combine", "cases", "poolId", "strategy", "values", "labels", "title", "assignee", "fields", "minutes", "until"), json), json),
      name: fc.option(fc.string(), { nil: undefined }),
    }, { requiredKeys: ["id", "type", "position", "config"] }),
    { maxLength: 8 },
  ),
  edges: fc.array(
    fc.record({ id: fc.string({ maxLength: 3 }), source: ids, target: ids, sourcePort: fc.option(ports, { nil: undefined }) }, { requiredKeys: ["id", "source", "target"] }),
    { maxLength: 12 },
  ),
});

describe("validateDefinition never throws", () => {
  it("on arbitrary values", () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true }), (input) => {
      wellShaped(validateDefinition(input));
    }), { numRuns: 500 });
  });

  it("on arbitrary JSON", () => {
    fc.assert(fc.property(fc.jsonValue(), (input) => wellShaped(validateDefinition(input))), { numRuns: 300 });
  });

  it("on definition-shaped values with random types, configs, ids and edges", () => {
    fc.assert(fc.property(definition, (input) => wellShaped(validateDefinition(input))), { numRuns: 1000 });
  });

  it("on objects that throw when read", () => {
    const hostile = new Proxy({}, { get() { throw new Error("gotcha"); }, ownKeys() { throw new Error("gotcha"); } });
    wellShaped(validateDefinition(hostile));
    wellShaped(validateDefinition({ nodes: [hostile], edges: [] }));
    const getter = Object.defineProperty({}, "nodes", { enumerable: true, get() { throw new Error("nope"); } });
    wellShaped(validateDefinition(getter));
  });
});
