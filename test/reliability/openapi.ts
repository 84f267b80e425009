import type { Client } from "./helpers";

export interface Operation {
  method: string;
  /** The OpenAPI path with `{param}` placeholders. */
  path: string;
  params: string[];
  query: { name: string; schema?: Record<string, unknown> }[];
  body: Record<string, unknown> | null;
}

/** Every operation the product documents in `GET /api/openapi.json`. */
export async function operations(c: Client): Promise<Operation[]> {
  const doc = await c.must("GET", "/api/openapi.json");
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const query = ((op.parameters ?? []) as { in: string; name: string; schema?: Record<string, unknown> }[]).filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema }));
      const body = op.requestBody?.content?.["application/json"]?.schema ?? null;
      ops.push({ method: method.toUpperCase(), path, params, query, body });
    }
  }
  return ops;
}

/** Fills `{param}`s. */
export const fill = (path: string, values: Record<string, string> | ((name: string) => string)) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(wellFormed(typeof values === "function" ? values(name) : (values[name] ?? "x"))));

/** Lone surrogates replaced (they cannot be percent-encoded). */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
