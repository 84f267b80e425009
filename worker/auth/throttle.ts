import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { schema } from "../db/client";
import { iso, MINUTE } from "../lib/time";

/** Failures allowed per key inside the window before the key is locked. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * MINUTE;
export const LOCK_MS = 15 * MINUTE;

/** Milliseconds until the key may try again, or 0 when it is not locked. */
export async function lockedFor(db: Database, key: string, now = Date.now()): Promise<number> {
  const row = await db.select().from(schema.loginAttempts).where(eq(schema.loginAttempts.key, key)).get();
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Date.parse(row.lockedUntil) - now);
}

/** Counts a failure; the `max`-th inside the window locks the key for LOCK_MS. */
export async function recordFailure(db: Database, key: string, max = MAX_FAILURES, now = Date.now()) {
  const windowFloor = iso(now - WINDOW_MS);
  // One upsert: a failure outside the window starts a new window, so old failures never add up.
  await db
    .insert(schema.loginAttempts)
    .values({ key, failures: 1, windowStart: iso(now), lockedUntil: null })
    .onConflictDoUpdate({
      target: schema.loginAttempts.key,
      set: {
        failures: sql`CASE WHEN ${schema.loginAttempts.windowStart} < ${windowFloor} THEN 1 ELSE ${schema.loginAttempts.failures} + 1 END`,
        windowStart: sql`CASE WHEN ${schema.loginAttempts.windowStart} < ${windowFloor} THEN ${iso(now)} ELSE ${schema.loginAttempts.windowStart} END`,
        lockedUntil: sql`CASE WHEN ${schema.loginAttempts.windowStart} >= ${windowFloor} AND ${schema.loginAttempts.failures} + 1 >= ${max} THEN ${iso(now + LOCK_MS)} ELSE NULL END`,
      },
    });
}

export async function clearFailures(db: Database, key: string) {
  await db.delete(schema.loginAttempts).where(eq(schema.loginAttempts.key, key));
}
