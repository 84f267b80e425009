import { and, eq, getTableColumns, inArray, isNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { schema } from "../client";
import type { SessionUser } from "../../env";

const q = schema.queueItems;

/** Admins see every item; a CSM sees items assigned to them, claimed by them, or in their pools. */
export function visibility(user: SessionUser): SQL | undefined {
  return user.role === "admin" ? undefined : visibleTo(user.id, user.poolIds);
}

/** {@link visibility} for a CSM whose pools are already known. */
export function visibleTo(userId: string, pools: string[]): SQL | undefined {
  return or(eq(q.assigneeId, userId), eq(q.claimedBy, userId), pools.length ? inArray(q.poolId, pools) : sql`0`);
}

/**
 * What a CSM sees, as disjoint parts: in their pools; else assigned to them; else claimed by them.
 * Each part reads its own index, and an item in several of them is counted once.
 */
export function visibleParts(userId: string, pools: string[]): SQL[] {
  const outsidePools = pools.length ? or(isNull(q.poolId), notInArray(q.poolId, pools)) : undefined;
  return [
    pools.length ? inArray(q.poolId, pools) : sql`0`,
    and(eq(q.assigneeId, userId), outsidePools)!,
    and(eq(q.claimedBy, userId), sql`${q.assigneeId} IS NOT ${userId}`, outsidePools)!,
  ];
}

export type QueueRow = typeof schema.queueItems.$inferSelect;

/** The columns a list needs: everything but the form definition and the context, which can be large. */
const { form: _form, context: _context, seq: _seq, ...listColumns } = getTableColumns(q);
export const queueListColumns = listColumns;
export type QueueListRow = Pick<QueueRow, keyof typeof listColumns>;

/** The list item shape of API.md. */
export function toQueueItem(r: QueueListRow) {
  return {
    id: r.id,
    runId: r.runId,
    workflowId: r.workflowId,
    workflowName: r.workflowName,
    nodeId: r.nodeId,
    kind: r.kind,
    title: r.title,
    status: r.status,
    assigneeId: r.assigneeId,
    assigneeEmail: r.assigneeEmail,
    poolId: r.poolId,
    claimedBy: r.claimedBy,
    claimedAt: r.claimedAt,
    dueAt: r.dueAt,
    createdAt: r.createdAt,
    completedAt: r.completedAt,
    completedBy: r.completedBy,
    mode: r.mode,
    subject: r.subject ?? { connector: null, objectId: null, name: null },
  };
}

export async function findVisible(db: Database, user: SessionUser, id: string) {
  const vis = visibility(user);
  return db.select().from(q).where(and(eq(q.id, id), vis)).get();
}
