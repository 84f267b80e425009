/**
 * Handing a deactivated person's open work on. Deactivation does it at once; the cron sweeps for
 * what it could not see or reach: an item a run wrote for them in the moment between its check that
 * they were active and their deactivation, a claim that landed as they were deactivated, or a run
 * object that did not answer. Either way an inactive person never holds open work for long.
 */
import { and, eq, exists, inArray, or } from "drizzle-orm";
import { schema, type Database } from "../db/client";
import { itemsAssignedTo } from "../db/queries/open-work";
import { runStub } from "./runs";

export interface HandedBackCounts {
  toPool: number;
  unassigned: number;
  failed: number;
}

const q = schema.queueItems;

/** Lets go of the items they had claimed: nobody else could take them (they would read "someone else is working on it" for good). */
export const releaseClaimsOf = (db: Database, userId: string) =>
  db.update(q).set({ status: "open", claimedBy: null, claimedAt: null }).where(and(eq(q.claimedBy, userId), eq(q.status, "claimed")));

/**
 * Their open items go back through the runs that own them (a run object is the source of truth for
 * its tasks, as for an admin's reassignment): to their pool, or to nobody for an admin to assign.
 */
export async function handBackItems(env: { RUNS: DurableObjectNamespace }, db: Database, user: { id: string; name: string }): Promise<HandedBackCounts> {
  const items = await itemsAssignedTo(db, user.id);
  const results = await Promise.allSettled(items.map((i) => runStub(env, i.runId).handBackTask(i.nodeId, user.id, user.name)));
  const moved = results.flatMap((r) => (r.status === "fulfilled" && r.value.ok ? [r.value.to] : []));
  return { toPool: moved.filter((to) => to === "pool").length, unassigned: moved.filter((to) => to === "unassigned").length, failed: results.filter((r) => r.status === "rejected").length };
}

/**
 * The cron's sweep: every inactive person still holding open work (assigned or claimed) lets go of
 * it. Reads only the inactive users, each checked through the queue's assignee and claimer indexes.
 */
export async function sweepInactiveHolders(env: { RUNS: DurableObjectNamespace }, db: Database): Promise<HandedBackCounts & { people: number }> {
  const u = schema.users;
  const holding = (column: typeof q.assigneeId | typeof q.claimedBy) =>
    exists(db.select({ one: q.id }).from(q).where(and(eq(column, u.id), inArray(q.status, ["open", "claimed"]))));
  const people = await db
    .select({ id: u.id, name: u.name })
    .from(u)
    .where(and(eq(u.active, false), or(holding(q.assigneeId), holding(q.claimedBy))));
  const total = { people: people.length, toPool: 0, unassigned: 0, failed: 0 };
  for (const person of people) {
    await releaseClaimsOf(db, person.id);
    const r = await handBackItems(env, db, person);
    total.toPool += r.toPool;
    total.unassigned += r.unassigned;
    total.failed += r.failed;
  }
  return total;
}
