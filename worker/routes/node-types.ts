import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, jsonResponses } from "../lib/openapi";
import { requireAdmin } from "../middleware/auth";
import { nodeCatalog } from "../../durable/registry";

const router = createRouter();
router.use("*", requireAdmin);

/** The node catalog with each type's JSON Schema and ports, for the builder's forms. */
export const nodeTypeRoutes = router.openapi(
  createRoute({ method: "get", path: "/", responses: jsonResponses(200, z.object({ items: z.array(z.record(z.string(), z.unknown())) })) }),
  (c) => c.json({ items: nodeCatalog() as unknown as Record<string, unknown>[] }, 200),
);
