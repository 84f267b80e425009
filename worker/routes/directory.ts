import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq, inArray } from "drizzle-orm";
import { schema } from "../db/client";
import { createRouter, jsonResponses } from "../lib/openapi";
import { isOutOfOffice } from "../lib/out-of-office";

const PoolName = z.object({ id: z.string(), name: z.string() }).openapi("PoolName");
const Person = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(["admin", "csm"]), outOfOffice: z.boolean() }).openapi("Person");

/**
 * `GET /api/directory?poolId=`: the active people of the workspace (optionally one pool's members),
 * for any signed-in user — a CSM completing an assignment task must be able to pick a colleague.
 * Only names and e-mails: nothing an admin-only endpoint protects.
 */
export const directoryRoutes = createRouter().openapi(
  createRoute({ method: "get", path: "/", request: { query: z.object({ poolId: z.string().max(200).optional() }) }, responses: jsonResponses(200, z.object({ items: z.array(Person) })) }),
  async (c) => {
    const db = c.get("db");
    const { poolId } = c.req.valid("query");
    const u = schema.users;
    let ids: string[] | null = null;
    if (poolId) ids = (await db.select({ id: schema.poolMembers.userId }).from(schema.poolMembers).where(eq(schema.poolMembers.poolId, poolId))).map((r) => r.id);
    const rows =
      ids && ids.length === 0
        ? []
        : await db
            .select({ id: u.id, name: u.name, email: u.email, role: u.role, outOfOffice: u.outOfOffice, outOfOfficeUntil: u.outOfOfficeUntil })
            .from(u)
            .where(and(eq(u.active, true), ids ? inArray(u.id, ids) : undefined))
            .orderBy(asc(u.name));
    const now = Date.now();
    // A passed last day counts as back: the Person shape keeps its one availability flag.
    return c.json({ items: rows.map(({ outOfOfficeUntil, ...p }) => ({ ...p, outOfOffice: isOutOfOffice({ outOfOffice: p.outOfOffice, outOfOfficeUntil }, now) })) }, 200);
  },
).openapi(
  createRoute({ method: "get", path: "/pools", summary: "Names of the pools the caller can see work from: every pool for an admin, a CSM's own pools", responses: jsonResponses(200, z.object({ items: z.array(PoolName) })) }),
  async (c) => {
    // The queue shows "In <pool>": a CSM needs the names of their pools, not the admin-only pool settings.
    const db = c.get("db");
    const me = c.get("user");
    const p = schema.pools;
    const rows =
      me.role === "admin"
        ? await db.select({ id: p.id, name: p.name }).from(p).orderBy(asc(p.name))
        : await db
            .select({ id: p.id, name: p.name })
            .from(p)
            .innerJoin(schema.poolMembers, eq(schema.poolMembers.poolId, p.id))
            .where(eq(schema.poolMembers.userId, me.id))
            .orderBy(asc(p.name));
    return c.json({ items: rows }, 200);
  },
);
