/**
 * What a person holds, for deactivating them: the open queue items assigned to them or claimed by
 * them, and the accounts they own. Deactivation hands the items back (through their runs); the
 * accounts stay theirs, shown as "CSM inactive", until an admin hands them over.
 */
import { and, count, eq, inArray, or } from "drizzle-orm";
import { schema, type Database } from "../client";

const ACTIVE = ["open", "claimed"] as const;

/**
 * Counts for the deactivation dialog: items in any mode (all of them move), live accounts (what
 * Accounts lists by default); null when there is no such user. One D1 round trip.
 */
export async function openWorkOf(db: Database, userId: string): Promise<{ queueItems: number; accounts: number } | null> {
  const q = schema.queueItems;
  const a = schema.accounts;
  const [user, items, accounts] = await db.batch([
    db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.id, userId)),
    db.select({ n: count() }).from(q).where(and(inArray(q.status, ACTIVE), or(eq(q.assigneeId, userId), eq(q.claimedBy, userId)))),
    db.select({ n: count() }).from(a).where(and(eq(a.csmId, userId), eq(a.mode, "live"))),
  ]);
  return user.length ? { queueItems: items[0]?.n ?? 0, accounts: accounts[0]?.n ?? 0 } : null;
}

/** The open items assigned to a person, to hand back through the runs that own them. */
export function itemsAssignedTo(db: Database, userId: string) {
  const q = schema.queueItems;
  return db.select({ runId: q.runId, nodeId: q.nodeId }).from(q).where(and(eq(q.assigneeId, userId), inArray(q.status, ACTIVE)));
}
