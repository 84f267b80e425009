import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, lt, or } from "drizzle-orm";
import { schema } from "../db/client";
import { createRouter, jsonResponses, listOf } from "../lib/openapi";
import { decodeCursor, page, pageQuery } from "../lib/pagination";
import { requireAdmin } from "../middleware/auth";

const Email = z
  .object({
    id: z.string(),
    to: z.string(),
    cc: z.string().nullable(),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    runId: z.string().nullable(),
    nodeId: z.string().nullable(),
    mode: z.enum(["live", "test"]),
    provider: z.string(),
    providerMessageId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("OutboxEmail");

const router = createRouter();
router.use("*", requireAdmin);

/** E-mails kept by the outbox, newest first. */
export const outboxRoutes = router.openapi(
  createRoute({ method: "get", path: "/", request: { query: pageQuery.extend({ mode: z.enum(["live", "test", "all"]).default("all"), runId: z.string().max(200).optional() }) }, responses: jsonResponses(200, listOf(Email)) }),
  async (c) => {
    const q = c.req.valid("query");
    const o = schema.outboxEmails;
    const after = decodeCursor(q.cursor);
    const rows = await c
      .get("db")
      .select()
      .from(o)
      .where(
        and(
          q.mode === "all" ? undefined : eq(o.mode, q.mode),
          q.runId ? eq(o.runId, q.runId) : undefined,
          after ? or(lt(o.createdAt, String(after.k)), and(eq(o.createdAt, String(after.k)), lt(o.id, after.id))) : undefined,
        ),
      )
      .orderBy(desc(o.createdAt), desc(o.id))
      .limit(q.limit + 1);
    const p = page(rows, q.limit, (r) => r.createdAt);
    return c.json({ items: p.items.map(({ idempotencyKey: _k, ...rest }) => rest), nextCursor: p.nextCursor }, 200);
  },
);
