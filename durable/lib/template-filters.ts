/**
 * Formatting filters for template tags: `{{deal.arr | currency: deal.currency}}`,
 * `{{deal.closeDate | date}}`, `{{deal.owner.name | default: "your team"}}`. Mustache has no
 * formatting of its own, and a welcome e-mail that says "ARR 126000 USD" reads like a database.
 *
 * A tag is a path followed by `| name` or `| name: argument` filters, applied left to right. An
 * argument is a quoted text, a number, or a run-data path (`deal.currency`). Filters are a fixed list
 * of pure functions — no expressions, nothing evaluated — and a filter given a value it cannot format
 * (text to `number`) passes it through unchanged, so a template never fails at run time.
 */
import { parseDate, readableUtc } from "./dates";
import { parsePath } from "./path";

/** An argument: text or a number as written, or a path read from run data when the tag renders. */
export type FilterArg = { literal: string | number } | { path: string };

export interface FilterCall {
  name: string;
  arg: FilterArg | null;
}

/** A parsed tag: the path it reads and the filters applied to it. */
export interface TagExpression {
  path: string;
  filters: FilterCall[];
}

interface Filter {
  /** Whether the filter takes an argument. */
  arg: "none" | "optional" | "required";
  /** What the builder's help and error messages say the filter does. */
  help: string;
  apply: (value: unknown, arg: unknown) => unknown;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A finite number from a number or a numeric text ("126000.0", Salesforce's way); else null. */
function numeric(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return null;
  return Number(value);
}

/** Fraction digits from an argument: a whole number 0–6, else the default. */
function digits(arg: unknown): number | null {
  const n = numeric(arg);
  return n !== null && Number.isInteger(n) && n >= 0 && n <= 6 ? n : null;
}

function formatNumber(n: number, decimals: number | null): string {
  const fraction = decimals ?? (Number.isInteger(n) ? 0 : 2);
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(n);
}

const CURRENCY = /^[A-Za-z]{3}$/;

function formatCurrency(n: number, code: unknown): string {
  // No currency on the record (Salesforce without multi-currency): the amount, grouped, without a symbol.
  if (typeof code !== "string" || !CURRENCY.test(code)) return formatNumber(n, null);
  const fraction = Number.isInteger(n) ? 0 : 2;
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: code.toUpperCase(), minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(n);
  } catch {
    return `${formatNumber(n, null)} ${code.toUpperCase()}`;
  }
}

/** "30 March 2026", in UTC; assembled by hand so every ICU writes it the same way. */
export function formatDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

const asText = (v: unknown) => (typeof v === "string" ? v : null);

export const FILTERS: Record<string, Filter> = {
  number: {
    arg: "optional",
    help: "126000 → 126,000; `number: 2` keeps two decimals",
    apply: (v, arg) => {
      const n = numeric(v);
      return n === null ? v : formatNumber(n, digits(arg));
    },
  },
  currency: {
    arg: "optional",
    help: "126000 → $126,000 with `currency: deal.currency` or `currency: \"EUR\"`",
    apply: (v, code) => {
      const n = numeric(v);
      return n === null ? v : formatCurrency(n, code);
    },
  },
  date: {
    arg: "none",
    help: "2026-03-30 → 30 March 2026",
    apply: (v) => {
      const ms = parseDate(v);
      return ms === null ? v : formatDay(ms);
    },
  },
  datetime: {
    arg: "none",
    help: "→ Mon 30 March 2026, 15:27 UTC",
    apply: (v) => {
      const ms = parseDate(v);
      return ms === null ? v : readableUtc(ms);
    },
  },
  upper: { arg: "none", help: "acme → ACME", apply: (v) => asText(v)?.toUpperCase() ?? v },
  lower: { arg: "none", help: "ACME → acme", apply: (v) => asText(v)?.toLowerCase() ?? v },
  default: {
    arg: "required",
    help: "`default: \"there\"` when the value is empty or missing",
    apply: (v, fallback) => (blank(v) ? fallback : v),
  },
};

export const FILTER_NAMES = Object.keys(FILTERS);

/** Splits on `|` outside quotes. */
function splitPipes(raw: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (const ch of raw) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === "|") {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

const QUOTED = /^(["'])(.*)\1$/s;
const NUMBER = /^-?\d+(\.\d+)?$/;
const CALL = /^([a-z]+)\s*(?::\s*(.*))?$/s;

function parseArg(filter: string, text: string): FilterArg | string {
  const quoted = QUOTED.exec(text);
  if (quoted) return { literal: quoted[2] };
  if (NUMBER.test(text)) return { literal: Number(text) };
  // A bare currency code (`currency: EUR`) is the code itself; no run-data root is three capitals.
  if (filter === "currency" && /^[A-Z]{3}$/.test(text)) return { literal: text };
  if (parsePath(text) && !/\s/.test(text)) return { path: text };
  return `the argument of "${filter}" must be a quoted text, a number or a field path (got ${text})`;
}

/** True when a tag's text has filters and needs `parseTag`. */
export const hasFilters = (raw: string) => raw.includes("|");

/** Parses `path | filter: arg | …`; a string is the error message for the builder. */
export function parseTag(raw: string): TagExpression | string {
  const [head, ...calls] = splitPipes(raw);
  const path = head.trim();
  if (path !== "." && !parsePath(path)) return `"${path}" is not an allowed path`;
  const filters: FilterCall[] = [];
  for (const call of calls) {
    const match = CALL.exec(call.trim());
    const filter = match && Object.hasOwn(FILTERS, match[1]) ? FILTERS[match[1]] : null;
    if (!match || !filter) return `Unknown filter "${call.trim()}" in {{${raw.trim()}}} (filters: ${FILTER_NAMES.join(", ")})`;
    const [, name, argText] = match;
    const text = argText?.trim() ?? "";
    if (!text) {
      if (filter.arg === "required") return `The filter "${name}" needs an argument, for example ${name}: "…"`;
      filters.push({ name, arg: null });
      continue;
    }
    if (filter.arg === "none") return `The filter "${name}" takes no argument`;
    const arg = parseArg(name, text);
    if (typeof arg === "string") return arg;
    filters.push({ name, arg });
  }
  return { path, filters };
}

/** Every path a tag reads: its own and its filters' path arguments. */
export function tagPaths(tag: TagExpression): string[] {
  return [tag.path, ...tag.filters.flatMap((f) => (f.arg && "path" in f.arg ? [f.arg.path] : []))].filter((p) => p !== ".");
}

/** The tag's value after its filters; `lookup` reads a path (own properties only). */
export function applyFilters(tag: TagExpression, lookup: (path: string) => unknown): unknown {
  let value = lookup(tag.path);
  for (const f of tag.filters) {
    const arg = f.arg === null ? undefined : "path" in f.arg ? lookup(f.arg.path) : f.arg.literal;
    value = FILTERS[f.name].apply(value, arg);
  }
  return value;
}
