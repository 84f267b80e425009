/**
 * Reading the catalog's JSON Schemas (zod's output, draft 2020-12) into form fields: which control a
 * property gets, its label, and what a new list item starts with. Pure functions, tested on their own.
 */
import type { JsonSchema } from "../../lib/api-types";

export type FieldKind =
  | { kind: "widget"; widget: string }
  | { kind: "enum"; options: string[] }
  | { kind: "boolean" }
  | { kind: "number"; integer: boolean }
  | { kind: "string" }
  | { kind: "rules" }
  | { kind: "string-list"; itemWidget?: string }
  | { kind: "object-list" }
  | { kind: "object" }
  | { kind: "map"; widget?: string }
  | { kind: "json" };

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type[0] : s.type);

/** The control a schema calls for. `x-widget` wins; then the JSON type. */
export function fieldKind(s: JsonSchema): FieldKind {
  const widget = s["x-widget"];
  if (widget === "key-template-map" || widget === "path-template-map") return { kind: "map", widget };
  if (widget && widget !== "rule") return { kind: "widget", widget };
  if (Array.isArray(s.enum)) return { kind: "enum", options: s.enum.map(String) };
  const t = typeOf(s);
  if (t === "boolean") return { kind: "boolean" };
  if (t === "number" || t === "integer") return { kind: "number", integer: t === "integer" };
  if (t === "string") return { kind: "string" };
  if (t === "array" && s.items) {
    if (s.items["x-widget"] === "rule") return { kind: "rules" };
    const it = typeOf(s.items);
    if (it === "string") return { kind: "string-list", itemWidget: s.items["x-widget"] };
    if (it === "object") return { kind: "object-list" };
  }
  if (t === "object") {
    if (s.properties) return { kind: "object" };
    if (s.additionalProperties && typeof s.additionalProperties === "object") return { kind: "map" };
  }
  return { kind: "json" };
}

const WORDS: Record<string, string> = {
  id: "Id",
  op: "Operator",
  help: "Help text",
  cases: "Cases",
  rules: "Rules",
  fields: "Fields",
  labels: "Labels",
  options: "Options",
  editableFields: "Editable fields",
};

/** `stickyByDomain` → "Sticky by domain", unless the schema has a title. */
export function fieldLabel(key: string, s: JsonSchema): string {
  if (typeof s.title === "string" && s.title) return s.title;
  if (WORDS[key]) return WORDS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Singular noun for items of a list property (`cases` → "Case"). */
export function itemNoun(listKey: string): string {
  const map: Record<string, string> = { cases: "Case", fields: "Field", labels: "Label", rules: "Rule", editableFields: "Field" };
  return map[listKey] ?? "Item";
}

/** Long free text gets a text area: instructions, bodies, prompts, inputs. */
export function isMultiline(key: string, s: JsonSchema): boolean {
  return s["x-widget"] === "textarea" || s["x-widget"] === "markdown-template" || (typeof s.maxLength === "number" && s.maxLength > 1000 && key !== "to" && key !== "cc");
}

export const EMPTY_RULE = { field: "", op: "eq", value: "" };

/**
 * A new item for a list of objects: required enums take their first value, rule lists one empty
 * rule, ids and keys a unique `case_2`-style value, labels a readable one.
 */
export function newListItem(listKey: string, items: JsonSchema, existing: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const noun = itemNoun(listKey);
  const taken = new Set(existing.map((x) => (x && typeof x === "object" ? String((x as Record<string, unknown>).id ?? (x as Record<string, unknown>).key ?? "") : "")));
  const unique = (base: string) => {
    for (let i = existing.length + 1; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
  };
  for (const key of items.required ?? []) {
    const prop = items.properties?.[key];
    if (!prop) continue;
    const k = fieldKind(prop);
    if (k.kind === "enum") out[key] = k.options[0];
    else if (k.kind === "rules") out[key] = [{ ...EMPTY_RULE }];
    else if (k.kind === "string-list" || k.kind === "object-list") out[key] = [];
    else if (key === "id" || key === "key") out[key] = unique(noun.toLowerCase());
    else if (key === "label") out[key] = `${noun} ${existing.length + 1}`;
    else if (k.kind === "string") out[key] = "";
  }
  return out;
}

/** A copy of `obj` with `key` set, or removed when `value` is undefined (optional fields left empty). */
export function withKey<T extends Record<string, unknown>>(obj: T, key: string, value: unknown): T {
  const next = { ...obj } as Record<string, unknown>;
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as T;
}

/** Rule operators in words. */
export const OPERATORS: readonly { value: string; label: string }[] = [
  { value: "eq", label: "equals" },
  { value: "neq", label: "does not equal" },
  { value: "gt", label: "is greater than" },
  { value: "gte", label: "is at least" },
  { value: "lt", label: "is less than" },
  { value: "lte", label: "is at most" },
  { value: "contains", label: "contains" },
  { value: "not_contains", label: "does not contain" },
  { value: "in", label: "is one of" },
  { value: "not_in", label: "is none of" },
  { value: "exists", label: "has a value" },
  { value: "not_exists", label: "is empty" },
];

/**
 * A rule value from what was typed: numbers for comparisons, lists for in/not_in, true/false as
 * booleans; other text stays text. Undefined for operators that take no value.
 */
export function parseRuleValue(op: string, raw: string): unknown {
  if (op === "exists" || op === "not_exists") return undefined;
  const scalar = (t: string): string | number | boolean => {
    const s = t.trim();
    if (s === "true" || s === "false") return s === "true";
    if (s !== "" && /^-?\d+(\.\d+)?$/.test(s)) return Number(s);
    return t;
  };
  if (op === "in" || op === "not_in") return raw.split(",").map((x) => x.trim()).filter(Boolean).map(scalar);
  if (["gt", "gte", "lt", "lte"].includes(op)) {
    const n = Number(raw.trim());
    return raw.trim() !== "" && Number.isFinite(n) ? n : raw;
  }
  return scalar(raw);
}

/** How a rule value is shown in its text box. */
export function formatRuleValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}
