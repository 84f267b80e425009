import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, sql } from "drizzle-orm";
import { schema } from "../db/client";
import { AppError, conflict, forbidden, notFound } from "../errors";
import { createRouter, IdParam, jsonBody, jsonResponses, listOf } from "../lib/openapi";
import { page } from "../lib/pagination";
import { iso } from "../lib/time";
import { requireAdmin } from "../middleware/auth";
import { runStub } from "../lib/runs";
import { findVisible, toQueueItem, visibility, type QueueListRow } from "../db/queries/queue";
import { CountsQuery, Kind, ListQuery, Status, countsQuery, listKeyOf, listQuery } from "../db/queries/queue-list";

/** The filters a listing read with the session was for (middleware/preload.ts), against the route's own parse. */
const sameFilters = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

const q = schema.queueItems;
const QueueItem = z
  .object({
    id: z.string(),
    runId: z.string(),
    workflowId: z.string(),
    workflowName: z.string(),
    nodeId: z.string(),
    kind: Kind,
    title: z.string(),
    status: Status,
    assigneeId: z.string().nullable(),
    assigneeEmail: z.string().nullable(),
    poolId: z.string().nullable(),
    claimedBy: z.string().nullable(),
    claimedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    completedBy: z.string().nullable(),
    mode: z.enum(["live", "test"]),
    subject: z.object({ connector: z.string().nullable(), objectId: z.string().nullable(), name: z.string().nullable() }),
  })
  .openapi("QueueItem");

/** One item with its form and context, as `GET /:id` and a completion answer it. */
const QueueItemDetail = QueueItem.extend({ form: z.array(z.any()), context: z.record(z.string(), z.unknown()) });
const withDetail = (row: NonNullable<Awaited<ReturnType<typeof findVisible>>>) => ({ ...toQueueItem(row), form: row.form ?? [], context: row.context ?? {} });

const CompleteBody = z
  .object({ decision: z.enum(["approve", "reject"]).optional(), comment: z.string().max(5000).optional(), data: z.record(z.string(), z.unknown()).optional() })
  .strict();

const router = createRouter();

/** The Queue Dashboard's API: every signed-in user, limited to what they may see. */
export const queueRoutes = router
  .openapi(createRoute({ method: "get", path: "/", request: { query: ListQuery }, responses: jsonResponses(200, listOf(QueueItem)) }), async (c) => {
    const f = c.req.valid("query");
    // Read with the session when the isolate could tell which listing to read (middleware/preload.ts).
    const pre = c.get("preloaded")?.queueList;
    const rows: QueueListRow[] = pre && sameFilters(pre.filters, f) ? pre.rows : await listQuery(c.get("db"), f, c.get("user"), iso());
    const keyOf = listKeyOf(f);
    const p = page(rows, f.limit, keyOf);
    return c.json({ items: p.items.map(toQueueItem), nextCursor: p.nextCursor }, 200);
  })
  .openapi(
    createRoute({
      method: "get",
      path: "/counts",
      request: { query: CountsQuery },
      responses: jsonResponses(200, z.object({ open: z.number(), claimedByMe: z.number(), overdue: z.number(), assignedToMe: z.number() })),
    }),
    async (c) => {
      const f = c.req.valid("query");
      const pre = c.get("preloaded")?.queueCounts;
      const [row] = pre && sameFilters(pre.filters, f) ? pre.rows : await countsQuery(c.get("db"), c.get("user"), f.mode, iso());
      return c.json({ open: Number(row?.open ?? 0), claimedByMe: Number(row?.claimedByMe ?? 0), overdue: Number(row?.overdue ?? 0), assignedToMe: Number(row?.assignedToMe ?? 0) }, 200);
    },
  )
  .openapi(
    createRoute({ method: "get", path: "/{id}", request: { params: IdParam }, responses: jsonResponses(200, QueueItemDetail) }),
    async (c) => {
      const row = await findVisible(c.get("db"), c.get("user"), c.req.valid("param").id);
      if (!row) throw notFound("Queue item");
      return c.json(withDetail(row), 200);
    },
  )
  .openapi(createRoute({ method: "post", path: "/{id}/claim", request: { params: IdParam }, responses: jsonResponses(200, QueueItem) }), async (c) => {
    const db = c.get("db");
    const me = c.get("user");
    const { id } = c.req.valid("param");
    const vis = visibility(me);
    // Exactly one of any number of concurrent claims wins: the UPDATE only matches an open item.
    const won = await db
      .update(q)
      .set({ status: "claimed", claimedBy: me.id, claimedAt: iso() })
      .where(and(eq(q.id, id), eq(q.status, "open"), vis))
      .returning();
    if (won.length) return c.json(toQueueItem(won[0]), 200);
    const row = await db.select().from(q).where(and(eq(q.id, id), vis)).get();
    if (!row) throw notFound("Queue item");
    if (row.status === "claimed" && row.claimedBy === me.id) return c.json(toQueueItem(row), 200);
    throw conflict(row.status === "claimed" ? "already_claimed" : "not_open", row.status === "claimed" ? "Someone else has already claimed this item." : `This item is ${row.status}.`);
  })
  .openapi(createRoute({ method: "post", path: "/{id}/release", request: { params: IdParam }, responses: jsonResponses(200, QueueItem) }), async (c) => {
    const db = c.get("db");
    const me = c.get("user");
    const { id } = c.req.valid("param");
    const row = await findVisible(db, me, id);
    if (!row) throw notFound("Queue item");
    if (row.status !== "claimed") throw conflict("not_claimed", "This item is not claimed.");
    if (row.claimedBy !== me.id && me.role !== "admin") throw forbidden("Only the person who claimed it, or an admin, can release it.");
    const released = await db
      .update(q)
      .set({ status: "open", claimedBy: null, claimedAt: null })
      .where(and(eq(q.id, id), eq(q.status, "claimed"), eq(q.claimedBy, row.claimedBy!)))
      .returning();
    if (!released.length) throw conflict("not_claimed", "This item changed meanwhile; reload it.");
    return c.json(toQueueItem(released[0]), 200);
  })
  .openapi(
    createRoute({ method: "post", path: "/{id}/assign", middleware: [requireAdmin] as const, request: { params: IdParam, body: jsonBody(z.object({ userId: z.string().min(1).max(200) })) }, responses: jsonResponses(200, QueueItem) }),
    async (c) => {
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const row = await db.select().from(q).where(eq(q.id, id)).get();
      if (!row) throw notFound("Queue item");
      const r = await runStub(c.env, row.runId).reassignTask(row.nodeId, c.req.valid("json").userId);
      if (!r.ok) throw conflict("cannot_assign", r.conflict ?? "This item cannot be reassigned.");
      return c.json(toQueueItem((await db.select().from(q).where(eq(q.id, id)).get())!), 200);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/{id}/complete", request: { params: IdParam, body: jsonBody(CompleteBody) }, responses: jsonResponses(200, QueueItemDetail) }),
    async (c) => {
      const db = c.get("db");
      const me = c.get("user");
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const row = await findVisible(db, me, id);
      if (!row) throw notFound("Queue item");
      if (row.status !== "open" && row.status !== "claimed") throw conflict("not_open", `This item is already ${row.status}.`);
      if (row.kind === "approval") {
        // Approvals: the assignee or an admin decides; a CSM who merely sees it in a pool may not.
        if (me.role !== "admin" && row.assigneeId !== me.id) throw forbidden("Only the assignee or an admin can decide this approval.");
        if (row.status === "claimed" && row.claimedBy !== me.id) throw conflict("claimed_by_other", "Someone else has claimed this item.");
        if (!body.decision) throw new AppError(422, "validation_failed", "Approve or reject.", [{ path: "decision", message: "Choose approve or reject." }]);
      } else if (row.status !== "claimed" || row.claimedBy !== me.id) {
        throw conflict("not_claimed_by_you", "Claim this item before completing it.");
      }
      const r = await runStub(c.env, row.runId).submitTask(row.nodeId, { ...body, by: { id: me.id, name: me.name, email: me.email } });
      if (r.errors) throw new AppError(422, "validation_failed", "Some answers need fixing.", r.errors);
      if (!r.ok) throw conflict("not_open", r.conflict ?? "This item is no longer open.");
      // With its context: the page shows what was decided (the outcome the run just mirrored).
      return c.json(withDetail((await db.select().from(q).where(eq(q.id, id)).get())!), 200);
    },
  );
