import { createRoute, z } from "@hono/zod-openapi";
import { asc, eq, and, gt, or } from "drizzle-orm";
import { schema, type Database } from "../db/client";
import { openWorkOf } from "../db/queries/open-work";
import { handBackItems, releaseClaimsOf } from "../lib/hand-back";
import { whenTaken } from "../db/unique";
import { conflict, notFound } from "../errors";
import { createRouter, IdParam, jsonBody, jsonResponses, listOf } from "../lib/openapi";
import { hashPassword, newId } from "../lib/crypto";
import { decodeCursor, page, pageQuery } from "../lib/pagination";
import { iso } from "../lib/time";
import { outOfOfficeRange } from "../lib/out-of-office";
import { requireAdmin } from "../middleware/auth";

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["admin", "csm"]),
    active: z.boolean(),
    outOfOffice: z.boolean(),
    /** The last day away (`YYYY-MM-DD`) when the out-of-office has an end; null when open-ended or in the office. */
    outOfOfficeUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("User");

/** Never exposes the password hash. */
export function toUserView(u: typeof schema.users.$inferSelect): z.infer<typeof UserSchema> {
  return { id: u.id, email: u.email, name: u.name, role: u.role, active: u.active, outOfOffice: u.outOfOffice, outOfOfficeUntil: u.outOfOfficeUntil ?? null, createdAt: u.createdAt };
}

const OutOfOfficeUntil = z
  .iso.date("Use a calendar date, YYYY-MM-DD.")
  .superRefine((day, ctx) => {
    const { earliest, latest } = outOfOfficeRange(Date.now());
    if (day < earliest) ctx.addIssue({ code: "custom", message: "The return date is in the past." });
    else if (day > latest) ctx.addIssue({ code: "custom", message: "The return date can be at most a year ahead." });
  })
  .nullable()
  .openapi({ description: "The last day away, YYYY-MM-DD (from today to a year ahead); null for no end. Setting a date also sets outOfOffice; outOfOffice: false clears it." });

const CreateUser = z.object({
  email: z.string().trim().max(320).pipe(z.email()),
  name: z.string().trim().min(1).max(120),
  role: z.enum(["admin", "csm"]),
  password: z.string().min(8, "Use at least 8 characters.").max(200),
});

const PatchUser = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    /** The e-mail they sign in with; their sessions, tasks and accounts stay theirs. */
    email: z.string().trim().max(320).pipe(z.email()).optional(),
    role: z.enum(["admin", "csm"]).optional(),
    active: z.boolean().optional(),
    outOfOffice: z.boolean().optional(),
    outOfOfficeUntil: OutOfOfficeUntil.optional(),
  })
  .strict();

const OpenWork = z
  .object({
    queueItems: z.number().openapi({ description: "Open or claimed queue items (any mode) assigned to or claimed by them." }),
    accounts: z.number().openapi({ description: "Live accounts they are the CSM of." }),
  })
  .openapi("OpenWork");

const HandedBack = z
  .object({
    toPool: z.number().openapi({ description: "Items assigned to them that went back to the pool they came from." }),
    unassigned: z.number().openapi({ description: "Items with no pool to go back to: unassigned, for an admin to assign (Queue → Unassigned)." }),
    failed: z.number().openapi({ description: "Items whose run could not be reached: the 5-minute cron (or deactivating again) retries them." }),
  })
  .openapi({ description: "Only when the request deactivated the user: what happened to the open items assigned to them." });

/** Users: admins only. */
const router = createRouter();
router.use("*", requireAdmin);

export const userRoutes = router
  .openapi(
    createRoute({ method: "get", path: "/", request: { query: pageQuery }, responses: jsonResponses(200, listOf(UserSchema)) }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      const after = decodeCursor(cursor);
      const u = schema.users;
      const rows = await c
        .get("db")
        .select()
        .from(u)
        .where(after ? or(gt(u.name, String(after.k)), and(eq(u.name, String(after.k)), gt(u.id, after.id))) : undefined)
        .orderBy(asc(u.name), asc(u.id))
        .limit(limit + 1);
      const p = page(rows, limit, (r) => r.name);
      return c.json({ items: p.items.map(toUserView), nextCursor: p.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/", request: { body: jsonBody(CreateUser) }, responses: jsonResponses(201, z.object({ user: UserSchema })) }),
    async (c) => {
      const body = c.req.valid("json");
      const db = c.get("db");
      const email = body.email.toLowerCase();
      const now = iso();
      const row = {
        id: newId("u_"),
        email,
        name: body.name,
        role: body.role,
        passwordHash: await hashPassword(body.password),
        active: true,
        outOfOffice: false,
        outOfOfficeUntil: null,
        createdAt: now,
        updatedAt: now,
      };
      const inserted = await db.insert(schema.users).values(row).onConflictDoNothing().returning();
      if (inserted.length === 0) throw conflict("email_taken", "That e-mail is already in use.");
      return c.json({ user: toUserView(inserted[0]) }, 201);
    },
  )
  .openapi(
    createRoute({ method: "get", path: "/{id}", request: { params: IdParam }, responses: jsonResponses(200, UserSchema) }),
    async (c) => {
      const row = await c.get("db").select().from(schema.users).where(eq(schema.users.id, c.req.valid("param").id)).get();
      if (!row) throw notFound("User");
      return c.json(toUserView(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/open-work",
      summary: "What deactivating this user would hand back or leave: their open queue items and the accounts they own",
      request: { params: IdParam },
      responses: jsonResponses(200, OpenWork),
    }),
    async (c) => {
      const work = await openWorkOf(c.get("db"), c.req.valid("param").id);
      if (!work) throw notFound("User");
      return c.json(work, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      request: { params: IdParam, body: jsonBody(PatchUser) },
      responses: jsonResponses(200, z.object({ user: UserSchema, handedBack: HandedBack.optional() })),
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      const db = c.get("db");
      const me = c.get("user");
      if (id === me.id && (patch.active === false || patch.role === "csm")) {
        throw conflict("cannot_demote_self", "You cannot deactivate or demote yourself; ask another admin.");
      }
      // An end date only makes sense while away: giving one sets out-of-office, coming back clears it.
      const away = patch.outOfOffice ?? (patch.outOfOfficeUntil ? true : undefined);
      const until = away === false ? null : patch.outOfOfficeUntil;
      const email = patch.email?.toLowerCase();
      // The unique index on e-mails decides, also between two admins giving one away at the same moment.
      const updated = await db
        .update(schema.users)
        .set({ ...patch, email, outOfOffice: away, outOfOfficeUntil: until, updatedAt: iso() })
        .where(eq(schema.users.id, id))
        .returning()
        .catch(whenTaken(/UNIQUE constraint failed: users\.email/, () => conflict("email_taken", "That e-mail is already in use.")));
      if (updated.length === 0) throw notFound("User");
      // A deactivated user is signed out everywhere at once and lets go of what they had claimed.
      // The items assigned to them go back to their pool, or to nobody for an admin to assign (the
      // cron sweeps for any that race this). Their accounts stay theirs ("CSM inactive" on
      // Accounts) until an admin hands them over.
      if (patch.active === false) {
        await db.batch([db.delete(schema.sessions).where(eq(schema.sessions.userId, id)), releaseClaimsOf(db, id)]);
        return c.json({ user: toUserView(updated[0]), handedBack: await handBackItems(c.env, db, updated[0]) }, 200);
      }
      return c.json({ user: toUserView(updated[0]) }, 200);
    },
  );
