import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/sqlite-core";
import { schema, type Database } from "../db/client";
import { AppError, conflict, forbidden, notFound } from "../errors";
import { createRouter, IdParam, jsonBody, jsonResponses, listOf } from "../lib/openapi";
import { decodeCursor, page, pageQuery } from "../lib/pagination";
import { iso } from "../lib/time";
import { requireAdmin } from "../middleware/auth";
import { runStub } from "../lib/runs";
import { findVisible, queueListColumns, toQueueItem, visibility, visibleParts, visibleTo, type QueueListRow } from "../db/queries/queue";

const q = schema.queueItems;
const Kind = z.enum(["approval", "review", "form", "handoff", "assignment"]);
const Status = z.enum(["open", "claimed", "completed", "expired", "cancelled"]);
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

const ListQuery = pageQuery.extend({
  status: z.union([Status, z.literal("active"), z.literal("done")]).default("active"),
  assignee: z.string().max(200).optional().openapi({ description: "me | unassigned | <userId>" }),
  pool: z.string().max(200).optional().openapi({ description: "mine | <poolId>" }),
  kind: Kind.optional(),
  workflowId: z.string().max(200).optional(),
  runId: z.string().max(200).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  mode: z.enum(["live", "test"]).default("live"),
});
const CompleteBody = z
  .object({ decision: z.enum(["approve", "reject"]).optional(), comment: z.string().max(5000).optional(), data: z.record(z.string(), z.unknown()).optional() })
  .strict();

/**
 * Open and finished work, written as literals (not bound parameters): the partial indexes
 * idx_queue_items_active_due and idx_queue_items_done_created carry exactly these conditions, and
 * SQLite only uses a partial index when the query repeats its condition. The active sort key is
 * that index's expression too, so a page is read in order and the scan stops after it.
 */
const ACTIVE = sql`${q.status} IN ('open', 'claimed')`;
const DONE = sql`${q.status} IN ('completed', 'expired', 'cancelled')`;
const activeSortKey = sql<string>`(CASE WHEN ${q.dueAt} IS NULL THEN '9999' ELSE ${q.dueAt} END)`;

const statusFilter = (s: z.infer<typeof ListQuery>["status"]) => (s === "active" ? ACTIVE : s === "done" ? DONE : eq(q.status, s));

type Mode = "live" | "test";
const count = (where: SQL | undefined) => sql<number>`(select count(*) from ${q} where ${where})`;

/**
 * An admin's counts, one index range each: open and overdue from (status, mode, due_at), theirs
 * from the assignee and claimer indexes. One sum over every open item took ~10 ms at 45,000.
 */
function adminCounts(db: Database, userId: string, mode: Mode, now: string) {
  const live = eq(q.mode, mode);
  return db
    .select({
      open: count(and(eq(q.status, sql`'open'`), live)),
      claimedByMe: count(and(eq(q.claimedBy, userId), eq(q.status, sql`'claimed'`), live)),
      overdue: count(and(ACTIVE, live, lt(q.dueAt, now))),
      assignedToMe: count(and(eq(q.assigneeId, userId), eq(q.status, sql`'open'`), live)),
    })
    .from(sql`(select 1)`)
    .get();
}

/** A CSM's counts over what they see, read part by part (visibleParts) from covering indexes. */
function csmCounts(db: Database, userId: string, pools: string[], mode: Mode, now: string) {
  const part = (where: SQL) => db.select({ status: q.status, dueAt: q.dueAt, assigneeId: q.assigneeId, claimedBy: q.claimedBy }).from(q).where(and(where, eq(q.mode, mode), ACTIVE));
  const [first, second, ...rest] = visibleParts(userId, pools).map(part);
  const v = unionAll(first, second, ...rest).as("visible");
  return db
    .select({
      open: sql<number>`sum(case when ${v.status} = 'open' then 1 else 0 end)`,
      claimedByMe: sql<number>`sum(case when ${v.status} = 'claimed' and ${v.claimedBy} = ${userId} then 1 else 0 end)`,
      overdue: sql<number>`sum(case when ${v.dueAt} < ${now} then 1 else 0 end)`,
      assignedToMe: sql<number>`sum(case when ${v.assigneeId} = ${userId} and ${v.status} = 'open' then 1 else 0 end)`,
    })
    .from(v)
    .get();
}

const router = createRouter();

/** The Queue Dashboard's API: every signed-in user, limited to what they may see. */
export const queueRoutes = router
  .openapi(createRoute({ method: "get", path: "/", request: { query: ListQuery }, responses: jsonResponses(200, listOf(QueueItem)) }), async (c) => {
    const f = c.req.valid("query");
    const db = c.get("db");
    const me = c.get("user");
    const now = iso();
    const done = f.status === "done" || f.status === "completed" || f.status === "expired" || f.status === "cancelled";
    // The user's pools came with the session: what a CSM may see, and pool=mine.
    const mine = f.assignee === "me";
    const pools = me.poolIds;
    // `+pool_id`: the pool filter must not pick idx_queue_items_active_pool (kept for the counts),
    // which reads every matching item and sorts them (6 ms for two pools, 60 ms under the bench),
    // where the due-order index stops after one page.
    const listedPool = sql`+${q.poolId}`;
    const poolFilter = f.pool === "mine" ? (pools.length ? inArray(listedPool, pools) : sql`0`) : f.pool ? eq(listedPool, f.pool) : undefined;
    const after = decodeCursor(f.cursor);
    // Open work is listed by due time (soonest first, undated last); finished work newest first.
    const sortKey = done ? sql<string>`${q.createdAt}` : activeSortKey;
    const keyOf = (r: QueueListRow) => (done ? r.createdAt : (r.dueAt ?? "9999"));
    const filters = [
      eq(q.mode, f.mode),
      statusFilter(f.status),
      poolFilter,
      f.kind ? eq(q.kind, f.kind) : undefined,
      f.workflowId ? eq(q.workflowId, f.workflowId) : undefined,
      f.runId ? eq(q.runId, f.runId) : undefined,
      // `+due_at` likewise: overdue items come first in due order, so that index stops soonest.
      f.overdue === "true" ? and(lt(sql`+${q.dueAt}`, now), ACTIVE) : undefined,
      after
        ? done
          ? or(lt(q.createdAt, String(after.k)), and(eq(q.createdAt, String(after.k)), lt(q.id, after.id)))
          : or(gt(sortKey, String(after.k)), and(eq(sortKey, String(after.k)), gt(q.id, after.id)))
        : undefined,
    ];
    let rows: QueueListRow[];
    if (mine) {
      // Mine = assigned to me, or else claimed by me (which also makes it visible to me). Two
      // index reads in sort order, merged: an OR here walked every open item looking for mine.
      const part = (whose: SQL | undefined) => db.select({ ...queueListColumns, sortKey: sortKey.as("sort_key") }).from(q).where(and(whose, ...filters));
      rows = await unionAll(part(eq(q.assigneeId, me.id)), part(and(eq(q.claimedBy, me.id), sql`${q.assigneeId} IS NOT ${me.id}`)))
        .orderBy((r) => (done ? [desc(r.sortKey), desc(r.id)] : [asc(r.sortKey), asc(r.id)]))
        .limit(f.limit + 1);
    } else {
      rows = await db
        .select(queueListColumns)
        .from(q)
        .where(
          and(
            me.role === "admin" ? undefined : visibleTo(me.id, pools),
            f.assignee === "unassigned" ? and(isNull(q.assigneeId), isNull(q.claimedBy)) : f.assignee ? eq(q.assigneeId, f.assignee) : undefined,
            ...filters,
          ),
        )
        .orderBy(...(done ? [desc(q.createdAt), desc(q.id)] : [asc(sortKey), asc(q.id)]))
        .limit(f.limit + 1);
    }
    const p = page(rows, f.limit, keyOf);
    return c.json({ items: p.items.map(toQueueItem), nextCursor: p.nextCursor }, 200);
  })
  .openapi(
    createRoute({
      method: "get",
      path: "/counts",
      request: { query: z.object({ mode: z.enum(["live", "test"]).default("live") }) },
      responses: jsonResponses(200, z.object({ open: z.number(), claimedByMe: z.number(), overdue: z.number(), assignedToMe: z.number() })),
    }),
    async (c) => {
      const db = c.get("db");
      const me = c.get("user");
      const mode = c.req.valid("query").mode;
      const now = iso();
      const row = me.role === "admin" ? await adminCounts(db, me.id, mode, now) : await csmCounts(db, me.id, me.poolIds, mode, now);
      return c.json({ open: Number(row?.open ?? 0), claimedByMe: Number(row?.claimedByMe ?? 0), overdue: Number(row?.overdue ?? 0), assignedToMe: Number(row?.assignedToMe ?? 0) }, 200);
    },
  )
  .openapi(
    createRoute({ method: "get", path: "/{id}", request: { params: IdParam }, responses: jsonResponses(200, QueueItem.extend({ form: z.array(z.any()), context: z.record(z.string(), z.unknown()) })) }),
    async (c) => {
      const row = await findVisible(c.get("db"), c.get("user"), c.req.valid("param").id);
      if (!row) throw notFound("Queue item");
      return c.json({ ...toQueueItem(row), form: row.form ?? [], context: row.context ?? {} }, 200);
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
    createRoute({ method: "post", path: "/{id}/complete", request: { params: IdParam, body: jsonBody(CompleteBody) }, responses: jsonResponses(200, QueueItem) }),
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
      return c.json(toQueueItem((await db.select().from(q).where(eq(q.id, id)).get())!), 200);
    },
  );
