import { describe, expect, it } from "vitest";
import { compareValues, evaluateRule, evaluateRules, isMissing, type Rule } from "../../../durable/lib/rules";

const data = {
  deal: {
    arr: 126000,
    amountText: "48000",
    segment: "Enterprise",
    closeDate: "2026-03-30",
    closedAt: "2026-03-30T18:21:47.000+0000",
    plan: null,
    blank: "  ",
    tags: ["SSO", "EMEA"],
    sso: true,
    company: { name: "Cobalt Ridge Health" },
    threshold: 100000,
  },
};

const check = (field: string, op: Rule["op"], value?: unknown) => evaluateRule({ field, op, value }, data).result;

describe("evaluateRule by type", () => {
  it("compares numbers as numbers, coercing numeric strings", () => {
    expect(check("deal.arr", "gte", 100000)).toBe(true);
    expect(check("deal.arr", "gte", "100000")).toBe(true);
    expect(check("deal.arr", "lt", 100000)).toBe(false);
    expect(check("deal.amountText", "gt", 9000)).toBe(true); // "48000" > 9000 numerically, not as text
    expect(check("deal.amountText", "eq", 48000)).toBe(true);
    expect(check("deal.arr", "lte", 126000)).toBe(true);
  });

  it("compares ISO dates as instants", () => {
    expect(check("deal.closeDate", "gt", "2026-03-01")).toBe(true);
    expect(check("deal.closeDate", "lt", "2026-12-31T00:00:00Z")).toBe(true);
    expect(check("deal.closedAt", "gt", "2026-03-30T18:00:00Z")).toBe(true);
    expect(check("deal.closeDate", "eq", "2026-03-30T00:00:00Z")).toBe(true);
  });

  it("compares strings case-insensitively (eq, contains, in)", () => {
    expect(check("deal.segment", "eq", "enterprise")).toBe(true);
    expect(check("deal.segment", "neq", "ENTERPRISE")).toBe(false);
    expect(check("deal.company.name", "contains", "ridge")).toBe(true);
    expect(check("deal.company.name", "not_contains", "RIDGE")).toBe(false);
    expect(check("deal.company.name", "not_contains", "acme")).toBe(true);
  });

  it("handles in / not_in with lists and comma-separated strings", () => {
    expect(check("deal.segment", "in", ["SMB", "enterprise"])).toBe(true);
    expect(check("deal.segment", "in", "SMB, Enterprise")).toBe(true);
    expect(check("deal.segment", "not_in", "SMB,Mid-Market")).toBe(true);
    expect(check("deal.tags", "in", ["emea"])).toBe(true);
    expect(check("deal.arr", "in", [126000, 5])).toBe(true);
  });

  it("searches lists with contains", () => {
    expect(check("deal.tags", "contains", "sso")).toBe(true);
    expect(check("deal.tags", "not_contains", "APAC")).toBe(true);
  });

  it("compares booleans with booleans and their text", () => {
    expect(check("deal.sso", "eq", true)).toBe(true);
    expect(check("deal.sso", "eq", "true")).toBe(true);
    expect(check("deal.sso", "eq", false)).toBe(false);
  });

  it("lets only exists/not_exists/neq/not_in be true for a missing field", () => {
    for (const field of ["deal.nothing", "deal.plan", "deal.blank"]) {
      expect(check(field, "exists")).toBe(false);
      expect(check(field, "not_exists")).toBe(true);
      expect(check(field, "neq", "x")).toBe(true);
      expect(check(field, "not_in", ["x"])).toBe(true);
      for (const op of ["eq", "gt", "gte", "lt", "lte", "contains", "not_contains", "in"] as const) {
        expect(check(field, op, "x")).toBe(false);
      }
    }
    expect(isMissing([])).toBe(true);
    expect(isMissing(0)).toBe(false);
  });

  it("reads a {{path}} value from run data", () => {
    expect(check("deal.arr", "gte", "{{deal.threshold}}")).toBe(true);
    expect(check("deal.arr", "lt", "{{deal.threshold}}")).toBe(false);
  });

  it("is false with a note for values that cannot be compared", () => {
    const trace = evaluateRule({ field: "deal.segment", op: "gt", value: 5 }, data);
    expect(trace.result).toBe(false);
    expect(trace.note).toMatch(/not comparable/);
    expect(evaluateRule({ field: "deal.company", op: "not_contains", value: "x" }, data).result).toBe(false);
  });

  it("never throws on malformed rules", () => {
    expect(evaluateRule(null as unknown as Rule, data).result).toBe(false);
    expect(evaluateRule({ field: "deal.arr", op: "bogus" as Rule["op"], value: 1 }, data).note).toMatch(/unknown operator/);
    expect(evaluateRule({ field: 5 as unknown as string, op: "eq", value: 1 }, data).result).toBe(false);
  });

  it("orders mixed values sensibly", () => {
    expect(compareValues("b", "A")).toBeGreaterThan(0);
    expect(compareValues({}, 1)).toBeNull();
  });
});

describe("evaluateRules", () => {
  const yes: Rule = { field: "deal.arr", op: "gte", value: 100000 };
  const no: Rule = { field: "deal.segment", op: "eq", value: "SMB" };

  it("combines with all / any and traces every rule", () => {
    expect(evaluateRules("all", [yes, no], data).result).toBe(false);
    const any = evaluateRules("any", [yes, no], data);
    expect(any.result).toBe(true);
    expect(any.trace).toHaveLength(2);
    expect(any.trace[0]).toMatchObject({ field: "deal.arr", op: "gte", actual: 126000, value: 100000, result: true });
  });

  it("treats an empty list as all → true, any → false", () => {
    expect(evaluateRules("all", [], data).result).toBe(true);
    expect(evaluateRules("any", [], data).result).toBe(false);
  });
});
