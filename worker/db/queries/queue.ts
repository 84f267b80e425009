import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { schema } from "../client";
import type { SessionUser } from "../../env";

const q = schema.queueItems;

/** Pools the user belongs to. */
export async function poolIdsOf(db: Database, userId: string): Promise<string[]> {
  const rows = await db.select({ poolId: schema.poolMembers.poolId }).from(schema.poolMembers).where(eq(schema.poolMembers.userId, userId));
  return rows.map((r) => r.poolId);
}

/** Admins see every item; a CSM sees items assigned to them, claimed by them, or in their pools. */
export async function visibility(db: Database, user: SessionUser): Promise<SQL | undefined> {
  if (user.role === "admin") return undefined;
  const pools = await poolIdsOf(db, user.id);
  return or(eq(q.assigneeId, user.id), eq(q.claimedBy, user.id), pools.length ? inArray(q.poolId, pools) : sql`0`);
}

export type QueueRow = typeof schema.queueItems.$inferSelect;

/** The list item shape of API.md. */
export function toQueueItem(r: QueueRow) {
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
  const vis = await visibility(db, user);
  return db.select().from(q).where(and(eq(q.id, id), vis)).get();
}
