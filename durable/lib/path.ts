/**
 * Dotted paths into run data (`deal.company.name`, `steps.n3.items.0.id`).
 *
 * Paths come from workflow authors and CRM payloads, so they are treated as untrusted: only own
 * properties are followed (never the prototype chain) and the segments that could reach or replace a
 * prototype are refused outright.
 */

/** Segments that would let a path read or write an object's prototype. */
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Split a dotted path into segments, or `null` when the path is unusable: empty, an empty segment
 * (`a..b`, `.a`, `a.`) or a forbidden segment.
 */
export function parsePath(path: string): string[] | null {
  if (typeof path !== "string" || path.length === 0) return null;
  const segments = path.split(".");
  for (const segment of segments) {
    if (segment.length === 0 || FORBIDDEN.has(segment)) return null;
  }
  return segments;
}

/** True when `path` is a dotted path that getPath/setPath accept. */
export function isSafePath(path: string): boolean {
  return parsePath(path) !== null;
}

function isObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * Read `path` from `obj`; `undefined` when any segment is absent or the path is unsafe.
 * Array elements are addressed by index (`items.0`).
 */
export function getPath(obj: unknown, path: string): unknown {
  const segments = parsePath(path);
  if (!segments) return undefined;
  let current: unknown = obj;
  for (const segment of segments) {
    if (!isObjectLike(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

/** True when every segment of `path` exists as an own property (the value may be null). */
export function hasPath(obj: unknown, path: string): boolean {
  const segments = parsePath(path);
  if (!segments) return false;
  let current: unknown = obj;
  for (const segment of segments) {
    if (!isObjectLike(current) || !Object.hasOwn(current, segment)) return false;
    current = current[segment];
  }
  return true;
}

const INDEX = /^(0|[1-9]\d*)$/;

function setIn(current: unknown, segments: string[], depth: number, value: unknown): unknown {
  if (depth === segments.length) return value;
  const segment = segments[depth];
  if (Array.isArray(current) && INDEX.test(segment)) {
    const copy = current.slice();
    copy[Number(segment)] = setIn(current[Number(segment)], segments, depth + 1, value);
    return copy;
  }
  // Anything that is not a plain container is replaced: writing `a.b` over `a: 3` makes `a` an object.
  const base: Record<string, unknown> = isObjectLike(current) && !Array.isArray(current) ? { ...current } : {};
  const child = Object.hasOwn(base, segment) ? base[segment] : undefined;
  // defineProperty rather than assignment keeps odd keys plain data even on exotic inputs.
  Object.defineProperty(base, segment, {
    value: setIn(child, segments, depth + 1, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return base;
}

/**
 * Return a copy of `obj` with `value` at `path`; the input is never mutated, and only the objects
 * along the path are copied. Missing intermediate objects are created.
 * @throws TypeError when the path is empty or contains a forbidden segment — callers validate first.
 */
export function setPath<T>(obj: T, path: string, value: unknown): T {
  const segments = parsePath(path);
  if (!segments) throw new TypeError(`Unsafe or empty path: "${String(path)}"`);
  return setIn(obj, segments, 0, value) as T;
}

/** Bounds for listPaths. */
export interface ListPathsOptions {
  /** How deep to descend (1 = top-level keys only). Default 6. */
  maxDepth?: number;
  /** How many elements of each array to list. Default 3. */
  maxArrayItems?: number;
  /** Stop after this many paths, so a huge payload cannot flood a picker. Default 500. */
  limit?: number;
}

/**
 * Every path in `obj` (containers and leaves), depth first, for path pickers and the test panel.
 * Keys that are not safe path segments (contain a dot, are empty or forbidden) are skipped.
 */
export function listPaths(obj: unknown, options: ListPathsOptions = {}): string[] {
  const maxDepth = options.maxDepth ?? 6;
  const maxArrayItems = options.maxArrayItems ?? 3;
  const limit = options.limit ?? 500;
  const out: string[] = [];

  const walk = (value: unknown, prefix: string, depth: number): void => {
    if (depth >= maxDepth || !isObjectLike(value)) return;
    const keys = Array.isArray(value)
      ? value.slice(0, maxArrayItems).map((_, i) => String(i))
      : Object.keys(value);
    for (const key of keys) {
      if (out.length >= limit) return;
      if (key.length === 0 || key.includes(".") || FORBIDDEN.has(key)) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      out.push(path);
      walk((value as Record<string, unknown>)[key], path, depth + 1);
    }
  };
  walk(obj, "", 0);
  return out;
}

/** The first of `paths` that holds a value (not undefined/null) in `obj`, or null. */
export function getFirst(obj: unknown, paths: readonly string[]): unknown {
  for (const path of paths) {
    const value = getPath(obj, path);
    if (value !== undefined && value !== null) return value;
  }
  return null;
}
