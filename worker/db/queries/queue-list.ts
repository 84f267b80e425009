import { z } from "@hono/zod-openapi";
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/sqlite-core";
import { schema, type Database } from "../client";
import { pageQuery, decodeCursor } from "../../lib/pagination";
import { searchFilter, searchParam } from "../../lib/search";
import type { SessionUser } from "../../env";
import { queueListColumns, visibleParts, visibleTo, type QueueListRow } from "./queue";

/** The Queue Dashboard's listings and counts, as queries (run by the route, or with the session: middleware/preload.ts). */

const q = schema.queueItems;
export const Kind = z.enum(["approval", "review", "form", "handoff", "assignment"]);
export const Status = z.enum(["open", "claimed", "completed", "expired", "cancelled"]);

export const ListQuery = pageQuery.extend({
  status: z.union([Status, z.literal("active"), z.literal("done")]).default("active"),
  assignee: z.string().max(200).optional().openapi({ description: "me | unassigned | <userId>" }),
  pool: z.string().max(200).optional().openapi({ description: "mine | <poolId>" }),
  kind: Kind.optional(),
  workflowId: z.string().max(200).optional(),
  runId: z.string().max(200).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  mode: z.enum(["live", "test"]).default("live"),
  q: searchParam("Finds items whose title, account (the CRM record's name) or workflow name contains this text, within the view the other filters choose"),
});
export type ListFilters = z.infer<typeof ListQuery>;
export const CountsQuery = z.object({ mode: z.enum(["live", "test"]).default("live") });
export type CountsFilters = z.infer<typeof CountsQuery>;

const isDone = (f: ListFilters) => f.status === "done" || f.status === "completed" || f.status === "expired" || f.status === "cancelled";

/** A listed row's sort key, for the next page's cursor: due time for open work, creation for finished. */
export const listKeyOf = (f: ListFilters) => (r: QueueListRow) => (isDone(f) ? r.createdAt : (r.dueAt ?? "9999"));

/**
 * Open and finished work, written as literals (not bound parameters): the partial indexes
 * idx_queue_items_active_due and idx_queue_items_done_created carry exactly these conditions, and
 * SQLite only uses a partial index when the query repeats its condition. The active sort key is
 * that index's expression too, so a page is read in order and the scan stops after it.
 */
export const ACTIVE = sql`${q.status} IN ('open', 'claimed')`;
const DONE = sql`${q.status} IN ('completed', 'expired', 'cancelled')`;
const activeSortKey = sql<string>`(CASE WHEN ${q.dueAt} IS NULL THEN '9999' ELSE ${q.dueAt} END)`;

const statusFilter = (s: ListFilters["status"]) => (s === "active" ? ACTIVE : s === "done" ? DONE : eq(q.status, s));

type Mode = "live" | "test";
const count = (where: SQL | undefined) => sql<number>`(select count(*) from ${q} where ${where})`;

/** One page of the listing `f` as `me` sees it (one more row than the page, to tell whether another follows). */
export function listQuery(db: Database, f: ListFilters, me: SessionUser, now: string) {
  const done = isDone(f);
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
  const filters = [
    eq(q.mode, f.mode),
    statusFilter(f.status),
    poolFilter,
    f.kind ? eq(q.kind, f.kind) : undefined,
    f.workflowId ? eq(q.workflowId, f.workflowId) : undefined,
    f.runId ? eq(q.runId, f.runId) : undefined,
    // A search reads the view's rows in the same index order and keeps those that match, so it
    // stops after one page of matches, or at the end of the view; without `q` the SQL is unchanged.
    searchFilter(f.q, [q.title, sql`json_extract(${q.subject}, '$.name')`, q.workflowName]),
    // `+due_at` likewise: overdue items come first in due order, so that index stops soonest.
    f.overdue === "true" ? and(lt(sql`+${q.dueAt}`, now), ACTIVE) : undefined,
    after
      ? done
        ? or(lt(q.createdAt, String(after.k)), and(eq(q.createdAt, String(after.k)), lt(q.id, after.id)))
        : or(gt(sortKey, String(after.k)), and(eq(sortKey, String(after.k)), gt(q.id, after.id)))
      : undefined,
  ];
  if (mine) {
    // Mine = assigned to me, or else claimed by me (which also makes it visible to me). Two
    // index reads in sort order, merged: an OR here walked every open item looking for mine.
    const part = (whose: SQL | undefined) => db.select({ ...queueListColumns, sortKey: sortKey.as("sort_key") }).from(q).where(and(whose, ...filters));
    return unionAll(part(eq(q.assigneeId, me.id)), part(and(eq(q.claimedBy, me.id), sql`${q.assigneeId} IS NOT ${me.id}`)))
      .orderBy((r) => (done ? [desc(r.sortKey), desc(r.id)] : [asc(r.sortKey), asc(r.id)]))
      .limit(f.limit + 1);
  }
  return db
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

/** The dashboard's counts as `me` sees them (one row). */
export function countsQuery(db: Database, me: SessionUser, mode: Mode, now: string) {
  return me.role === "admin" ? adminCounts(db, me.id, mode, now) : csmCounts(db, me.id, me.poolIds, mode, now);
}

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
    .from(sql`(select 1)`);
}

/** A CSM's counts over what they see, read part by part (visibleParts) from covering indexes. */
function csmCounts(db: Database, userId: string, pools: string[], mode: Mode, now: string) {
  const part = (where: SQL) => db.select({ status: q.status, dueAt: q.dueAt, assigneeId: q.assigneeId, claimedBy: q.claimedBy }).from(q).where(and(where, eq(q.mode, mode), ACTIVE));
  const [first, second, ...rest] = visibleParts(userId, pools).map(part);
  const v = unionAll(first!, second!, ...rest).as("visible");
  return db
    .select({
      open: sql<number>`sum(case when ${v.status} = 'open' then 1 else 0 end)`,
      claimedByMe: sql<number>`sum(case when ${v.status} = 'claimed' and ${v.claimedBy} = ${userId} then 1 else 0 end)`,
      overdue: sql<number>`sum(case when ${v.dueAt} < ${now} then 1 else 0 end)`,
      assignedToMe: sql<number>`sum(case when ${v.assigneeId} = ${userId} and ${v.status} = 'open' then 1 else 0 end)`,
    })
    .from(v);
}
