/**
 * Field-operator-value rules for conditions, switches and template choice.
 *
 * Comparison is by type, the way an admin reading "ARR ≥ 100000" expects:
 * - numbers compare as numbers; a numeric string is coerced when the other side is a number or
 *   another numeric string (CRMs send `"48000"`, config forms send `"100000"`);
 * - two ISO dates/date-times compare as instants (`2026-03-27` = `2026-03-27T00:00:00Z`);
 * - booleans match `true`/`false` and the strings "true"/"false";
 * - strings compare trimmed and case-insensitively for every operator (`eq`, `contains`, `in`, order),
 *   because CRM picklists are rarely typed consistently ("Enterprise" vs "enterprise").
 * A field is missing when it is undefined, null, blank text or an empty list; then only `exists`
 * is false and `not_exists`, `neq`, `not_in` are true — every other operator is false.
 * A value written exactly `{{path}}` is read from run data, so rules can compare two fields.
 * Nothing here throws: a rule that cannot be evaluated is false, with a note in its trace.
 */
import { getPath } from "./path";
import { exactPath } from "./template";
import { looksLikeIsoDate, parseDate } from "./dates";

/** The rule operators of API.md, in the order the builder lists them. */
export const RULE_OPS = [
  "eq", "neq", "gt", "gte", "lt", "lte", "contains", "not_contains", "in", "not_in", "exists", "not_exists",
] as const;
export type RuleOp = (typeof RULE_OPS)[number];

/** One rule as configured: `{field: "deal.arr", op: "gte", value: 100000}`. */
export interface Rule {
  field: string;
  op: RuleOp;
  value?: unknown;
}

/** How a rule list combines. */
export type Combine = "all" | "any";

/** Why a rule came out the way it did, for the step log. */
export interface RuleTrace {
  field: string;
  op: RuleOp;
  /** The value compared against, after `{{path}}` resolution. */
  value: unknown;
  /** What the field held (long text and big objects shortened). */
  actual: unknown;
  result: boolean;
  note?: string;
}

/** Blank text, empty lists, null and undefined all count as "no value". */
export function isMissing(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && NUMERIC.test(value.trim())) return Number(value.trim());
  return null;
}

function toBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const v = value.trim().toLowerCase();
    if (v === "true") return true;
    if (v === "false") return false;
  }
  return null;
}

/** Order of two plain values (negative, 0, positive), or null when they are not comparable. */
export function compareValues(a: unknown, b: unknown): number | null {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== null && nb !== null) return na - nb;
  if (typeof a === "boolean" || typeof b === "boolean") {
    const ba = toBoolean(a);
    const bb = toBoolean(b);
    return ba !== null && bb !== null ? Number(ba) - Number(bb) : null;
  }
  if (looksLikeIsoDate(a) && looksLikeIsoDate(b)) {
    const da = parseDate(a);
    const db = parseDate(b);
    if (da !== null && db !== null) return da - db;
  }
  if (typeof a === "string" && typeof b === "string") {
    const sa = a.trim().toLowerCase();
    const sb = b.trim().toLowerCase();
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  }
  return null;
}

function isContainer(value: unknown): boolean {
  return typeof value === "object" && value !== null;
}

/** Equality by the module's rules; objects and lists compare structurally. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (isContainer(a) || isContainer(b)) {
    if (!isContainer(a) || !isContainer(b)) return false;
    try {
      return JSON.stringify(a) === JSON.stringify(b);
    } catch {
      return false;
    }
  }
  return compareValues(a, b) === 0;
}

/** `in` accepts a list, or a comma-separated string ("EMEA, APAC"). */
function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return value === undefined || value === null ? [] : [value];
}

function textOf(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

function containsValue(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((item) => valuesEqual(item, expected));
  if (isContainer(actual) || isMissing(expected) || isContainer(expected)) return false;
  return textOf(actual).toLowerCase().includes(textOf(expected).trim().toLowerCase());
}

function inList(actual: unknown, expected: unknown): boolean {
  const list = toList(expected);
  if (Array.isArray(actual)) return actual.some((item) => list.some((v) => valuesEqual(item, v)));
  return list.some((v) => valuesEqual(actual, v));
}

function ordered(op: RuleOp, actual: unknown, expected: unknown): { result: boolean; note?: string } {
  const cmp = compareValues(actual, expected);
  if (cmp === null) return { result: false, note: "values are not comparable" };
  const result = op === "gt" ? cmp > 0 : op === "gte" ? cmp >= 0 : op === "lt" ? cmp < 0 : cmp <= 0;
  return { result };
}

function summarise(value: unknown): unknown {
  if (typeof value === "string" && value.length > 200) return `${value.slice(0, 200)}…`;
  if (isContainer(value)) {
    const json = JSON.stringify(value);
    return json.length > 200 ? `${json.slice(0, 200)}…` : value;
  }
  return value;
}

function decide(op: RuleOp, actual: unknown, expected: unknown): { result: boolean; note?: string } {
  const missing = isMissing(actual);
  switch (op) {
    case "exists":
      return { result: !missing };
    case "not_exists":
      return { result: missing };
    case "neq":
      return { result: missing || !valuesEqual(actual, expected) };
    case "not_in":
      return { result: missing || !inList(actual, expected) };
    default:
      break;
  }
  if (missing) return { result: false, note: "field has no value" };
  switch (op) {
    case "eq":
      return { result: valuesEqual(actual, expected) };
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return ordered(op, actual, expected);
    case "contains":
      return { result: containsValue(actual, expected) };
    case "not_contains":
      return isContainer(actual) && !Array.isArray(actual)
        ? { result: false, note: "cannot search inside an object" }
        : { result: !containsValue(actual, expected) };
    case "in":
      return { result: inList(actual, expected) };
    default:
      return { result: false, note: `unknown operator "${String(op)}"` };
  }
}

/** Evaluate one rule against run data. Never throws. */
export function evaluateRule(rule: Rule, data: unknown): RuleTrace {
  const field = typeof rule?.field === "string" ? rule.field : "";
  const op = rule?.op;
  try {
    const ref = typeof rule.value === "string" ? exactPath(rule.value) : null;
    const expected = ref ? getPath(data, ref) : rule.value;
    const actual = getPath(data, field);
    const { result, note } = decide(op, actual, expected);
    const trace: RuleTrace = { field, op, value: summarise(expected), actual: summarise(actual), result };
    if (note) trace.note = note;
    return trace;
  } catch (error) {
    return { field, op, value: undefined, actual: undefined, result: false, note: `rule failed: ${String(error)}` };
  }
}

/**
 * Combine rules with `all` (every rule true; an empty list is true) or `any` (some rule true; an
 * empty list is false). Every rule is evaluated so the trace shows the whole picture.
 */
export function evaluateRules(combine: Combine, rules: readonly Rule[], data: unknown): { result: boolean; trace: RuleTrace[] } {
  const list = Array.isArray(rules) ? rules : [];
  const trace = list.map((rule) => evaluateRule(rule, data));
  const result = combine === "any" ? trace.some((t) => t.result) : trace.every((t) => t.result);
  return { result, trace };
}
