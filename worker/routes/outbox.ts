import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, lt, or } from "drizzle-orm";
import { schema } from "../db/client";
import { createRouter, jsonResponses, listOf } from "../lib/openapi";
import { decodeCursor, page, pageQuery } from "../lib/pagination";
import { requireAdmin } from "../middleware/auth";
import { searchFilter, searchParam } from "../lib/search";

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
    /** The sender: EMAIL_FROM for e-mail meant for the HTTP provider; null when the outbox kept it and nothing was sent. */
    from: z.string().nullable(),
    /** The run that sent it, from the runs index (null without a run, or before its index row lands). */
    run: z
      .object({
        id: z.string(),
        workflowId: z.string(),
        workflowName: z.string(),
        subject: z.object({ connector: z.string().nullable(), objectId: z.string().nullable(), name: z.string().nullable() }),
      })
      .nullable(),
  })
  .openapi("OutboxEmail");

const ListQuery = pageQuery.extend({
  mode: z.enum(["live", "test", "all"]).default("all"),
  runId: z.string().max(200).optional(),
  q: searchParam("Finds e-mails whose recipient (To or Cc), subject or account (the sending run's CRM record name) contains this text"),
});

const router = createRouter();
router.use("*", requireAdmin);

/** E-mails kept by the outbox, newest first. */
export const outboxRoutes = router.openapi(
  createRoute({ method: "get", path: "/", request: { query: ListQuery }, responses: jsonResponses(200, listOf(Email)) }),
  async (c) => {
    const q = c.req.valid("query");
    const o = schema.outboxEmails;
    const r = schema.runs;
    const after = decodeCursor(q.cursor);
    // The run's label comes from the runs index in the same query: one round trip for the page.
    const rows = await c
      .get("db")
      .select({
        email: o,
        run: { id: r.id, workflowId: r.workflowId, workflowName: r.workflowName, subjectConnector: r.subjectConnector, subjectObjectId: r.subjectObjectId, subjectName: r.subjectName },
      })
      .from(o)
      .leftJoin(r, eq(r.id, o.runId))
      .where(
        and(
          q.mode === "all" ? undefined : eq(o.mode, q.mode),
          q.runId ? eq(o.runId, q.runId) : undefined,
          searchFilter(q.q, [o.to, o.cc, o.subject, r.subjectName]),
          after ? or(lt(o.createdAt, String(after.k)), and(eq(o.createdAt, String(after.k)), lt(o.id, after.id))) : undefined,
        ),
      )
      .orderBy(desc(o.createdAt), desc(o.id))
      .limit(q.limit + 1);
    const from = c.env.EMAIL_FROM ?? null;
    const emails = rows.map(({ email: { idempotencyKey: _k, ...email }, run }) => ({
      ...email,
      from: email.provider === "http" ? from : null,
      run: run ? { id: run.id, workflowId: run.workflowId, workflowName: run.workflowName, subject: { connector: run.subjectConnector, objectId: run.subjectObjectId, name: run.subjectName } } : null,
    }));
    const { items, nextCursor } = page(emails, q.limit, (e) => e.createdAt);
    return c.json({ items, nextCursor }, 200);
  },
);
