import type { ApiClient } from "../api";
import type { NodeTypeInfo } from "../api-types";

let cached: Promise<NodeTypeInfo[]> | null = null;

/**
 * The node catalog (`GET /api/node-types`). It only changes with a deploy, so one request serves the
 * whole session; a failed request is forgotten so the next caller tries again.
 */
export function listNodeTypes(api: ApiClient): Promise<NodeTypeInfo[]> {
  cached ??= api.get<{ items: NodeTypeInfo[] }>("/api/node-types").then(
    (r) => r.items,
    (e) => {
      cached = null;
      throw e;
    },
  );
  return cached;
}
