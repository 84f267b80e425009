import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, desc, eq, gt, gte, lt, or, type SQL } from "drizzle-orm";
import { schema } from "../db/client";
import { AppError, conflict, notFound } from "../errors";
import { createRouter, IdParam, jsonResponses } from "../lib/openapi";
import { decodeCursor, encodeCursor, page, pageQuery } from "../lib/pagination";
import { requireAdmin } from "../middleware/auth";
import { runStub } from "../lib/runs";
import { searchFilter, searchParam } from "../lib/search";

const RunStatus = z.enum(["running", "paused", "completed", "failed", "cancelled"]);
export const RunListItem = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    workflowName: z.string(),
    version: z.number().nullable(),
    mode: z.enum(["live", "test"]),
    status: RunStatus,
    currentNodeIds: z.array(z.string()),
    currentStep: z.string().nullable().openapi({ description: "The current step's name, as the builder shows it" }),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    subject: z.object({ connector: z.string().nullable(), objectId: z.string().nullable(), name: z.string().nullable() }),
    error: z
      .object({ message: z.string(), code: z.string() })
      .nullable()
      .openapi({ description: "Why a failed run failed: its failed step's error, or the reason its End step gave (code `end_failed`)" }),
  })
  .openapi("RunListItem");

const RunPage = z.object({
  items: z.array(RunListItem),
  nextCursor: z.string().nullable(),
  prevCursor: z.string().nullable().openapi({
    description: "When the request had a cursor: the cursor of the page before this one, or null when that page is the first (ask without a cursor)",
  }),
});

const ListQuery = pageQuery.extend({
  workflowId: z.string().max(200).optional(),
  status: RunStatus.optional(),
  mode: z.enum(["live", "test", "all"]).default("live"),
  since: z.iso.datetime({ offset: true }).optional(),
  q: searchParam("Finds runs whose record name, CRM record id or run id contains this text"),
});

export function toRunItem(r: typeof schema.runs.$inferSelect): z.infer<typeof RunListItem> {
  return {
    id: r.id,
    workflowId: r.workflowId,
    workflowName: r.workflowName,
    version: r.version,
    mode: r.mode,
    status: r.status,
    currentNodeIds: r.currentNodeIds,
    currentStep: r.currentStep,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    durationMs: r.durationMs,
    subject: { connector: r.subjectConnector, objectId: r.subjectObjectId, name: r.subjectName },
    error: r.error ? { message: r.error.message, code: r.error.code } : null,
  };
}

const router = createRouter();
router.use("*", requireAdmin);

/** Runs: the D1 index for lists, the run's own object for detail and control. */
export const runRoutes = router
  .openapi(createRoute({ method: "get", path: "/", request: { query: ListQuery }, responses: jsonResponses(200, RunPage) }), async (c) => {
    const q = c.req.valid("query");
    const r = schema.runs;
    const db = c.get("db");
    const after = decodeCursor(q.cursor);
    const filters: (SQL | undefined)[] = [
      q.workflowId ? eq(r.workflowId, q.workflowId) : undefined,
      q.status ? eq(r.status, q.status) : undefined,
      q.mode === "all" ? undefined : eq(r.mode, q.mode),
      q.since ? gte(r.startedAt, new Date(q.since).toISOString()) : undefined,
      searchFilter(q.q, [r.subjectName, r.subjectObjectId, r.id]),
    ];
    const [rows, newer] = await Promise.all([
      db
        .select()
        .from(r)
        .where(and(...filters, after ? or(lt(r.startedAt, String(after.k)), and(eq(r.startedAt, String(after.k)), lt(r.id, after.id))) : undefined))
        .orderBy(desc(r.startedAt), desc(r.id))
        .limit(q.limit + 1),
      // The page before this one is the `limit` runs from the cursor's own row up; the run just above
      // them is where that page starts, so its cursor. A link to page 3 can then step back to page 2.
      after
        ? db
            .select({ id: r.id, startedAt: r.startedAt })
            .from(r)
            .where(and(...filters, or(gt(r.startedAt, String(after.k)), and(eq(r.startedAt, String(after.k)), gte(r.id, after.id)))))
            .orderBy(asc(r.startedAt), asc(r.id))
            .limit(q.limit + 1)
        : Promise.resolve([]),
    ]);
    const p = page(rows, q.limit, (x) => x.startedAt);
    const top = newer[q.limit];
    const prevCursor = top ? encodeCursor({ k: top.startedAt, id: top.id }) : null;
    return c.json({ items: p.items.map(toRunItem), nextCursor: p.nextCursor, prevCursor }, 200);
  })
  .openapi(createRoute({ method: "get", path: "/{id}", request: { params: IdParam }, responses: jsonResponses(200, z.any()) }), async (c) => {
    const { id } = c.req.valid("param");
    if (!/^run_[0-9a-f]{32}$/.test(id)) throw notFound("Run");
    const snap = await runStub(c.env, id).snapshot();
    if (!snap) throw notFound("Run");
    return c.json(snap, 200);
  })
  .openapi(createRoute({ method: "post", path: "/{id}/cancel", request: { params: IdParam }, responses: jsonResponses(200, z.object({ status: z.string() })) }), async (c) => {
    const { id } = c.req.valid("param");
    const stub = await existingRun(c.get("db"), id, c.env);
    const r = await stub.cancel();
    if (r.ignored) throw conflict("illegal_run_action", `This run cannot be cancelled: ${r.ignored}`);
    return c.json({ status: r.status }, 200);
  })
  .openapi(createRoute({ method: "post", path: "/{id}/retry", request: { params: IdParam }, responses: jsonResponses(200, z.object({ status: z.string() })) }), async (c) => {
    const { id } = c.req.valid("param");
    const stub = await existingRun(c.get("db"), id, c.env);
    const r = await stub.retry();
    if (r.ignored) throw conflict("illegal_run_action", `Only a failed run can be retried: ${r.ignored}`);
    return c.json({ status: r.status }, 200);
  });

/**
 * `GET /api/runs/:id/live`: a WebSocket that receives the run each time it changes (admins only,
 * checked here before the upgrade reaches the run's object).
 */
runRoutes.get("/:id/live", async (c) => {
  const id = c.req.param("id");
  if (!/^run_[0-9a-f]{32}$/.test(id)) throw notFound("Run");
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw new AppError(426, "upgrade_required", "Connect with a WebSocket.");
  const origin = c.req.header("origin");
  if (origin && origin !== new URL(c.req.url).origin) throw new AppError(403, "cross_origin", "Requests from another site are not allowed.");
  await existingRun(c.get("db"), id, c.env);
  return runStub(c.env, id).fetch(c.req.raw);
});

async function existingRun(db: any, id: string, env: { RUNS: DurableObjectNamespace }) {
  if (!/^run_[0-9a-f]{32}$/.test(id)) throw notFound("Run");
  const stub = runStub(env, id);
  const row = await db.select({ id: schema.runs.id }).from(schema.runs).where(eq(schema.runs.id, id)).get();
  // A run's index row reaches D1 after its first alarm settles: until then, ask the run itself.
  if (!row && !(await stub.snapshot())) throw notFound("Run");
  return stub;
}
