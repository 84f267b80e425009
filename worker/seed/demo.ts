import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { schema } from "../db/client";
import { hashPassword, newId } from "../lib/crypto";
import { iso } from "../lib/time";

export const DEMO_USERS = [
  { key: "admin", email: "admin@example.com", name: "Alex Admin", role: "admin" as const },
  { key: "csm1", email: "csm1@example.com", name: "Casey Chen", role: "csm" as const },
  { key: "csm2", email: "csm2@example.com", name: "Sam Rivera", role: "csm" as const },
  { key: "csm3", email: "csm3@example.com", name: "Robin Patel", role: "csm" as const },
];

const SEED_MARKER = "demo_seeded";

export interface SeedResult {
  created: boolean;
  users: Record<string, string>;
  pools: Record<string, string>;
}

/**
 * Seeds the demo workspace of API.md ("Local demo") unless it already exists. Idempotent: a
 * marker row records that seeding ran, so restarts never duplicate or overwrite demo data.
 */
export async function seedDemo(db: Database, opts: { password: string }): Promise<SeedResult> {
  const marker = await db.select().from(schema.settings).where(eq(schema.settings.key, SEED_MARKER)).get();
  if (marker) return { ...(marker.value as Omit<SeedResult, "created">), created: false };

  const now = iso();
  const hash = await hashPassword(opts.password);
  const users: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const existing = await db.select().from(schema.users).where(eq(schema.users.email, u.email)).get();
    const id = existing?.id ?? newId("u_");
    if (!existing) {
      await db.insert(schema.users).values({ id, email: u.email, name: u.name, role: u.role, passwordHash: hash, active: true, outOfOffice: false, createdAt: now, updatedAt: now });
    }
    users[u.key] = id;
  }

  const pools: Record<string, string> = { senior: newId("pool_"), general: newId("pool_") };
  await db.insert(schema.pools).values([
    { id: pools.senior, name: "Senior CSMs", createdAt: now, updatedAt: now },
    { id: pools.general, name: "General pool", createdAt: now, updatedAt: now },
  ]);
  await db.insert(schema.poolMembers).values([
    { poolId: pools.senior, userId: users.csm1, weight: 2, capacity: 25 },
    { poolId: pools.senior, userId: users.csm2, weight: 1, capacity: 25 },
    { poolId: pools.general, userId: users.csm2, weight: 1, capacity: 40 },
    { poolId: pools.general, userId: users.csm3, weight: 1, capacity: 40 },
  ]);

  const result = { users, pools };
  await db.insert(schema.settings).values({ key: SEED_MARKER, value: result, updatedAt: now });
  return { ...result, created: true };
}
