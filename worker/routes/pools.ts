import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { schema } from "../db/client";
import type { Database } from "../db/client";
import { AppError, conflict, notFound } from "../errors";
import { liveWorkflowUsing } from "../db/queries/live-use";
import { createRouter, IdParam, jsonBody, jsonResponses, listOf, noContent } from "../lib/openapi";
import { newId } from "../lib/crypto";
import { iso } from "../lib/time";
import { isOutOfOffice } from "../lib/out-of-office";
import { whenTaken } from "../db/unique";
import { requireAdmin } from "../middleware/auth";

const Member = z.object({
  userId: z.string().min(1).max(200),
  weight: z.number().int().min(1).max(1000).default(1),
  capacity: z.number().int().min(0).max(100000).nullable().default(null),
});

const PoolBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .openapi({ description: "Unique among pools, ignoring case and surrounding spaces: a name another pool has is 409 pool_name_taken." }),
    members: z.array(Member).max(500).default([]),
  })
  .refine((p) => new Set(p.members.map((m) => m.userId)).size === p.members.length, {
    message: "A user can be in a pool only once.",
    path: ["members"],
  });

export const PoolSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    members: z.array(
      z.object({ userId: z.string(), name: z.string(), email: z.string(), weight: z.number(), capacity: z.number().nullable(), outOfOffice: z.boolean(), active: z.boolean() }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Pool");

/** Loads pools with their members (one query for all members). */
export async function loadPools(db: Database, ids?: string[], now = Date.now()) {
  const pools = await db
    .select()
    .from(schema.pools)
    .where(ids ? inArray(schema.pools.id, ids) : undefined)
    .orderBy(asc(schema.pools.name));
  if (pools.length === 0) return [];
  const members = await db
    .select({ m: schema.poolMembers, u: schema.users })
    .from(schema.poolMembers)
    .innerJoin(schema.users, eq(schema.users.id, schema.poolMembers.userId))
    .where(inArray(schema.poolMembers.poolId, pools.map((p) => p.id)))
    .orderBy(asc(schema.users.name));
  return pools.map((p) => ({
    id: p.id,
    name: p.name,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    members: members
      .filter((r) => r.m.poolId === p.id)
      .map((r) => ({ userId: r.u.id, name: r.u.name, email: r.u.email, weight: r.m.weight, capacity: r.m.capacity, outOfOffice: isOutOfOffice(r.u, now), active: r.u.active })),
  }));
}

/** A pool name as compared for uniqueness: surrounding spaces, Unicode forms and letter case ignored. */
const nameKey = (name: string) => name.trim().normalize("NFC").toLowerCase();

/**
 * Before anything is written, in one D1 round trip: 422 with a detail per member that is not a
 * user, then 409 for a name another pool has in any letter case. The unique index on
 * lower(trim(name)) folds ASCII letters only ("Équipe" and "équipe" pass it), so the names are also
 * compared here; the index still settles two admins saving the same ASCII name at once.
 */
async function checkPool(db: Database, body: z.infer<typeof PoolBody>, poolId?: string) {
  const userIds = body.members.map((m) => m.userId);
  const [pools, known] = await db.batch([
    db.select({ id: schema.pools.id, name: schema.pools.name }).from(schema.pools),
    db.select({ id: schema.users.id }).from(schema.users).where(userIds.length ? inArray(schema.users.id, userIds) : sql`0`),
  ]);
  if (poolId && !pools.some((p) => p.id === poolId)) throw notFound("Pool");
  const knownIds = new Set(known.map((k) => k.id));
  const details = body.members.flatMap((m, i) => (knownIds.has(m.userId) ? [] : [{ path: `members.${i}.userId`, message: "No such user." }]));
  if (details.length) throw new AppError(422, "validation_failed", "Some members are not users.", details);
  const key = nameKey(body.name);
  if (pools.some((p) => p.id !== poolId && nameKey(p.name) === key)) throw poolNameTaken(body.name);
}

const poolNameTaken = (name: string) =>
  conflict("pool_name_taken", `Another pool is already called “${name}”. Pick a name no other pool has, so pool pickers can tell them apart.`);

/** A name another pool has (case and surrounding spaces ignored, by the unique index): 409. */
const nameTaken = (name: string) => whenTaken(/UNIQUE constraint failed: index 'idx_pools_name_key'/, () => poolNameTaken(name));

async function writeMembers(db: Database, poolId: string, members: z.infer<typeof Member>[]) {
  await db.batch([
    db.delete(schema.poolMembers).where(eq(schema.poolMembers.poolId, poolId)),
    ...members.map((m) => db.insert(schema.poolMembers).values({ poolId, userId: m.userId, weight: m.weight, capacity: m.capacity })),
  ] as [any, ...any[]]);
}

/** CSM pools: admins only. */
const router = createRouter();
router.use("*", requireAdmin);

export const poolRoutes = router
  .openapi(createRoute({ method: "get", path: "/", responses: jsonResponses(200, listOf(PoolSchema)) }), async (c) => {
    return c.json({ items: await loadPools(c.get("db")), nextCursor: null }, 200);
  })
  .openapi(
    createRoute({ method: "post", path: "/", request: { body: jsonBody(PoolBody) }, responses: jsonResponses(201, PoolSchema) }),
    async (c) => {
      const body = c.req.valid("json");
      const db = c.get("db");
      const now = iso();
      const id = newId("pool_");
      await checkPool(db, body);
      await db.insert(schema.pools).values({ id, name: body.name, createdAt: now, updatedAt: now }).catch(nameTaken(body.name));
      await writeMembers(db, id, body.members);
      const [pool] = await loadPools(db, [id]);
      return c.json(pool, 201);
    },
  )
  .openapi(createRoute({ method: "get", path: "/{id}", request: { params: IdParam }, responses: jsonResponses(200, PoolSchema) }), async (c) => {
    const [pool] = await loadPools(c.get("db"), [c.req.valid("param").id]);
    if (!pool) throw notFound("Pool");
    return c.json(pool, 200);
  })
  .openapi(
    createRoute({ method: "put", path: "/{id}", request: { params: IdParam, body: jsonBody(PoolBody) }, responses: jsonResponses(200, PoolSchema) }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const db = c.get("db");
      await checkPool(db, body, id);
      const updated = await db.update(schema.pools).set({ name: body.name, updatedAt: iso() }).where(eq(schema.pools.id, id)).returning().catch(nameTaken(body.name));
      if (updated.length === 0) throw notFound("Pool");
      await writeMembers(db, id, body.members);
      const [pool] = await loadPools(db, [id]);
      return c.json(pool, 200);
    },
  )
  .openapi(createRoute({ method: "delete", path: "/{id}", request: { params: IdParam }, responses: noContent }), async (c) => {
    const db = c.get("db");
    const id = c.req.valid("param").id;
    // Refused while runs would still route to it, or while items wait in it: nobody could see those.
    const user = await liveWorkflowUsing(db, id);
    if (user) {
      throw conflict(
        "pool_in_use",
        `The ${user.status} workflow “${user.name}” assigns from this pool, so it was not deleted. Point its steps at another pool and publish, or archive the workflow, then delete the pool.`,
      );
    }
    const q = schema.queueItems;
    const waiting = (await db.select({ n: count() }).from(q).where(and(eq(q.poolId, id), inArray(q.status, ["open", "claimed"]))).get())?.n ?? 0;
    if (waiting > 0) {
      throw conflict("pool_in_use", `${waiting === 1 ? "1 open queue item waits" : `${waiting} open queue items wait`} in this pool, so it was not deleted. Assign ${waiting === 1 ? "it" : "them"} to someone (Queue, as an admin) or complete ${waiting === 1 ? "it" : "them"} first.`);
    }
    const deleted = await db.delete(schema.pools).where(eq(schema.pools.id, id)).returning();
    if (deleted.length === 0) throw notFound("Pool");
    return c.body(null, 204);
  });
