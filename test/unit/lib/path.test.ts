import { describe, expect, it } from "vitest";
import { getFirst, getPath, hasPath, isSafePath, listPaths, parsePath, setPath } from "../../../durable/lib/path";

describe("getPath", () => {
  const data = { deal: { company: { name: "Brightline" }, items: [{ id: "a" }, { id: "b" }], amount: 0, none: null } };

  it("reads nested objects and array indexes", () => {
    expect(getPath(data, "deal.company.name")).toBe("Brightline");
    expect(getPath(data, "deal.items.1.id")).toBe("b");
    expect(getPath(data, "deal.amount")).toBe(0);
    expect(getPath(data, "deal.none")).toBeNull();
  });

  it("returns undefined for absent paths and through primitives", () => {
    expect(getPath(data, "deal.missing.x")).toBeUndefined();
    expect(getPath(data, "deal.company.name.length")).toBeUndefined();
    expect(getPath(null, "a")).toBeUndefined();
  });

  it("never follows the prototype chain", () => {
    expect(getPath({}, "constructor")).toBeUndefined();
    expect(getPath({}, "toString")).toBeUndefined();
    expect(getPath({ a: {} }, "a.__proto__")).toBeUndefined();
    expect(getPath({ a: {} }, "a.hasOwnProperty")).toBeUndefined();
  });

  it("refuses empty and malformed paths", () => {
    expect(parsePath("")).toBeNull();
    expect(parsePath("a..b")).toBeNull();
    expect(parsePath(".a")).toBeNull();
    expect(parsePath("a.prototype")).toBeNull();
    expect(isSafePath("deal.company.name")).toBe(true);
  });

  it("hasPath distinguishes null from absent", () => {
    expect(hasPath(data, "deal.none")).toBe(true);
    expect(hasPath(data, "deal.nothing")).toBe(false);
  });

  it("getFirst returns the first path with a value", () => {
    expect(getFirst(data, ["deal.none", "deal.company.name"])).toBe("Brightline");
    expect(getFirst(data, ["x", "y"])).toBeNull();
  });
});

describe("setPath", () => {
  it("returns a copy and leaves the input untouched", () => {
    const input = { a: { b: 1, keep: true }, other: { x: 1 } };
    const out = setPath(input, "a.b", 2);
    expect(out).toEqual({ a: { b: 2, keep: true }, other: { x: 1 } });
    expect(input.a.b).toBe(1);
    expect(out.other).toBe(input.other);
  });

  it("creates missing objects and replaces primitives on the way", () => {
    expect(setPath({}, "onboarding.tier", "gold")).toEqual({ onboarding: { tier: "gold" } });
    expect(setPath({ a: 3 }, "a.b", 1)).toEqual({ a: { b: 1 } });
  });

  it("writes into arrays by index without mutating them", () => {
    const input = { list: [1, 2, 3] };
    expect(setPath(input, "list.1", 9)).toEqual({ list: [1, 9, 3] });
    expect(input.list).toEqual([1, 2, 3]);
  });

  it("refuses prototype-polluting paths", () => {
    expect(() => setPath({}, "__proto__.polluted", true)).toThrow(TypeError);
    expect(() => setPath({}, "a.constructor.prototype", 1)).toThrow(TypeError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("listPaths", () => {
  it("lists containers and leaves, bounded", () => {
    const paths = listPaths({ deal: { company: { name: "x" }, tags: ["a", "b", "c", "d"] }, "odd.key": 1 });
    expect(paths).toEqual(["deal", "deal.company", "deal.company.name", "deal.tags", "deal.tags.0", "deal.tags.1", "deal.tags.2"]);
    expect(listPaths({ a: { b: { c: 1 } } }, { maxDepth: 2 })).toEqual(["a", "a.b"]);
    expect(listPaths({ a: 1, b: 2, c: 3 }, { limit: 2 })).toEqual(["a", "b"]);
  });
});
