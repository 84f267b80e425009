import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { schema } from "../db/client";
import { notFound, unprocessable } from "../errors";
import { createRouter, IdParam, jsonBody, jsonResponses } from "../lib/openapi";
import { iso } from "../lib/time";
import { requireAdmin } from "../middleware/auth";

/**
 * An admin hands an account to another CSM from the account page. The account's `csmReason` says
 * who did it ("Changed by Ada Admin"), as a routing step's reason says which rule chose the CSM,
 * and automatic routing in later runs keeps this CSM (`csmByHand`).
 */

const CsmBody = z.object({ csmId: z.string().min(1).max(200) }).strict().openapi("AccountCsmChange");
const CsmView = z.object({ csm: z.object({ id: z.string(), name: z.string(), email: z.string() }), csmReason: z.string(), csmByHand: z.boolean() }).openapi("AccountCsm");

const a = schema.accounts;

export const accountCsmRoutes = createRouter().openapi(
  createRoute({
    method: "put",
    path: "/{id}/csm",
    summary: "Hand the account to another active user as its CSM (admins)",
    middleware: [requireAdmin] as const,
    request: { params: IdParam, body: jsonBody(CsmBody) },
    responses: jsonResponses(200, CsmView),
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { csmId } = c.req.valid("json");
    const me = c.get("user");
    const db = c.get("db");
    const u = schema.users;
    const [account, user] = await db.batch([
      db.select({ id: a.id }).from(a).where(eq(a.id, id)),
      db.select({ id: u.id, name: u.name, email: u.email, active: u.active }).from(u).where(eq(u.id, csmId)),
    ]);
    if (!account[0]) throw notFound("Account");
    const csm = user[0];
    if (!csm?.active) throw unprocessable("Pick an active user as the CSM.", [{ path: "csmId", message: csm ? "This user is deactivated" : "No such user" }]);
    const csmReason = `Changed by ${me.name}`;
    await db.update(a).set({ csmId: csm.id, csmReason, csmByHand: true, updatedAt: iso() }).where(eq(a.id, id));
    return c.json({ csm: { id: csm.id, name: csm.name, email: csm.email }, csmReason, csmByHand: true }, 200);
  },
);
