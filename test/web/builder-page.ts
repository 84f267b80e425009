/** A fake server for the builder page of `wf_1`: what it loads, answered as a signed-in admin sees it. */
import type { WorkflowDetail } from "../../web/lib/api-types";
import { NODE_TYPES } from "./builder-fixtures";
import { ADMIN, json } from "./helpers";

const empty = () => json(200, { items: [], nextCursor: null });

/** The routes the builder page of `workflow` (id `wf_1`) calls on load; spread and add a test's own. */
export const builderPageRoutes = (workflow: () => WorkflowDetail) => ({
  "GET /api/me": () => json(200, ADMIN),
  "GET /api/workflows/wf_1": () => json(200, workflow()),
  "GET /api/node-types": () => json(200, { items: NODE_TYPES }),
  "GET /api/workflows/wf_1/validate": () => json(200, { valid: true, errors: [] }),
  "GET /api/pools": empty,
  "GET /api/users": empty,
  "GET /api/templates": empty,
  "GET /api/connectors": empty,
});
