/**
 * `{{deal.company.name}}` templates over run data, rendered with the `mustache` package (logic-less,
 * no eval — Workers forbid code generation).
 *
 * Differences from plain Mustache, each on purpose:
 * - Names resolve through own properties only (see lib/path.ts), never the prototype chain, so
 *   `{{constructor}}` is refused instead of printing a function.
 * - `{{{x}}}` and `{{& x}}` behave like `{{x}}`: escaping is decided by the render function called,
 *   never by the template author, so an HTML render cannot be bypassed.
 * - Objects render as JSON and arrays of plain values as "a, b" instead of "[object Object]".
 * - Partials are not supported (a workflow has nowhere to keep them); they render empty with an error.
 * - A missing or null value renders empty and its name is reported in `missing`.
 * - A value tag may format its value: `{{deal.arr | currency: deal.currency}}` (template-filters.ts).
 * - Bad syntax never throws: the template comes back unchanged with the parser's message in `errors`.
 */
import Mustache from "mustache";
import { getPath, hasPath, parsePath } from "./path";
import { applyFilters, hasFilters, parseTag, tagPaths, type TagExpression } from "./template-filters";
import { remember } from "../../worker/lib/bounded-map";

/** The result of every render: text plus what the test panel and step log should show. */
export interface RenderResult {
  text: string;
  /** Names that resolved to nothing (undefined or null), in first-seen order. */
  missing: string[];
  /** Syntax errors and refused names; empty when the template is fine. */
  errors: string[];
}

/** Turns one interpolated value into text for the target format. */
export type EscapeFn = (value: unknown) => string;

type Token = [string, string, number, number, Token[]?, number?];

interface Parsed {
  tokens: Token[] | null;
  /** Every name the template refers to (values and sections), as written. */
  names: string[];
  errors: string[];
}

/** Render config threaded through mustache's section recursion; `missing` collects misses. */
interface RecordingConfig extends Mustache.RenderOptions {
  missing: Set<string>;
}

/** Own-property lookup with the same context-stack rule as mustache (inner sections first). */
class SafeContext extends Mustache.Context {
  override push(view: unknown): Mustache.Context {
    return new SafeContext(view, this);
  }

  override lookup(name: string): unknown {
    if (name === ".") return this.view;
    for (let ctx: Mustache.Context | undefined = this; ctx; ctx = ctx.parent) {
      if (hasPath(ctx.view, name)) return getPath(ctx.view, name);
    }
    return undefined;
  }
}

/** Records names whose value is missing; sections are not recorded (a missing section is just falsy). */
class RecordingWriter extends Mustache.Writer {
  override escapedValue(token: string[], context: Mustache.Context, config?: Mustache.RenderOptions): string {
    const tag = hasFilters(token[1]) ? filteredTag(token[1]) : null;
    const value: unknown = tag ? applyFilters(tag, (path) => context.lookup(path)) : context.lookup(token[1]);
    if (value === undefined || value === null) {
      (config as RecordingConfig | undefined)?.missing.add(tag?.path ?? token[1]);
      return "";
    }
    return (config?.escape ?? toText)(value);
  }
}

const writer = new RecordingWriter();
// We keep our own bounded cache of sanitised tokens; mustache's own cache would grow without limit.
(writer as unknown as { templateCache: unknown }).templateCache = undefined;

const CACHE_LIMIT = 500;
const cache = new Map<string, Parsed>();
const tags = new Map<string, TagExpression>();

/** A filtered tag that sanitize() accepted; parsed once per isolate, like the templates. */
function filteredTag(raw: string): TagExpression | null {
  let tag = tags.get(raw);
  if (!tag) {
    const parsed = parseTag(raw);
    if (typeof parsed === "string") return null;
    tag = parsed;
  }
  remember(tags, raw, tag, CACHE_LIMIT);
  return tag;
}

function isSafeName(name: string): boolean {
  return name === "." || parsePath(name) !== null;
}

/** Copy tokens, turning unescaped tags into plain ones and dropping what we refuse. */
function sanitize(tokens: Token[], names: string[], errors: string[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const [kind, value] = token;
    if (kind === "text") {
      out.push(token);
    } else if ((kind === "name" || kind === "&") && hasFilters(value)) {
      const tag = parseTag(value);
      if (typeof tag === "string") {
        errors.push(tag);
        continue;
      }
      names.push(...tagPaths(tag));
      out.push(["name", value, token[2], token[3]]);
    } else if (kind === "name" || kind === "&" || kind === "#" || kind === "^") {
      if (hasFilters(value)) {
        errors.push(`Filters format a value ({{${value}}}); a section ({{#…}} or {{^…}}) cannot have them`);
        continue;
      }
      if (!isSafeName(value)) {
        errors.push(`"${value}" is not an allowed path`);
        continue;
      }
      if (value !== ".") names.push(value);
      if (kind === "#" || kind === "^") {
        const children = sanitize(token[4] ?? [], names, errors);
        out.push([kind, value, token[2], token[3], children, token[5]]);
      } else {
        out.push(["name", value, token[2], token[3]]);
      }
    } else if (kind === ">") {
      errors.push(`Partials are not supported ("{{> ${value}}}")`);
    }
    // "!" comments and "=" delimiter changes produce no output.
  }
  return out;
}

function parse(template: string): Parsed {
  const hit = cache.get(template);
  if (hit) {
    // Re-inserted so the Map's insertion order doubles as least-recently-used order.
    remember(cache, template, hit, CACHE_LIMIT);
    return hit;
  }
  let parsed: Parsed;
  try {
    const names: string[] = [];
    const errors: string[] = [];
    const tokens = sanitize(writer.parse(template) as Token[], names, errors);
    parsed = { tokens, names: [...new Set(names)], errors };
  } catch (error) {
    parsed = { tokens: null, names: [], errors: [error instanceof Error ? error.message : String(error)] };
  }
  remember(cache, template, parsed, CACHE_LIMIT);
  return parsed;
}

/** Plain-text form of a value: strings as is, lists of plain values comma-joined, objects as JSON. */
export function toText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) {
    return value.map((v) => (v === null ? "" : String(v))).join(", ");
  }
  if (typeof value === "object") {
    try {
      return JSON.stringify(value);
    } catch {
      return "";
    }
  }
  return String(value);
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escape the five characters that matter in HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Render with a chosen escape function. Never throws.
 * @param escape turns each interpolated value into output text (default: plain text, no escaping).
 */
export function renderWith(template: string, data: unknown, escape: EscapeFn = toText): RenderResult {
  if (typeof template !== "string") return { text: "", missing: [], errors: ["Template is not text"] };
  const parsed = parse(template);
  if (!parsed.tokens) return { text: template, missing: [], errors: [...parsed.errors] };
  const config: RecordingConfig = { escape, missing: new Set() };
  try {
    const text = writer.renderTokens(parsed.tokens as string[][], new SafeContext(data), undefined, template, config);
    return { text, missing: [...config.missing], errors: [...parsed.errors] };
  } catch (error) {
    return { text: template, missing: [], errors: [error instanceof Error ? error.message : String(error)] };
  }
}

/** Render for plain text (subjects, titles, CRM fields): values are inserted as they are. */
export function render(template: string, data: unknown): RenderResult {
  return renderWith(template, data, toText);
}

/** Render for HTML: every interpolated value is HTML-escaped; the template's own markup is kept. */
export function renderHtmlSafe(template: string, data: unknown): RenderResult {
  return renderWith(template, data, (value) => escapeHtml(toText(value)));
}

/** Syntax errors and refused names of a template, for config validation. Empty when fine. */
export function checkTemplate(template: string): string[] {
  return [...parse(template).errors];
}

/** Every name a template refers to (values and sections), as written; empty on bad syntax. */
export function templateNames(template: string): string[] {
  return [...parse(template).names];
}

const EXACT = /^\s*\{\{\s*([^{}#^/!>=&\s][^{}]*?)\s*\}\}\s*$/;

/**
 * The path when a template is exactly one tag (`{{deal.arr}}`), else null. Callers use it to keep
 * the raw typed value (a number stays a number) instead of its text.
 */
export function exactPath(template: string): string | null {
  if (typeof template !== "string") return null;
  const match = EXACT.exec(template);
  // A filtered tag is text by design (`{{deal.arr | number}}` is "126,000"), so it has no raw value.
  if (!match || hasFilters(match[1])) return null;
  return parsePath(match[1]) ? match[1] : null;
}
