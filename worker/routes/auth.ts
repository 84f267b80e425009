import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { schema } from "../db/client";
import { AppError } from "../errors";
import { createRouter, jsonBody, jsonResponses, noContent } from "../lib/openapi";
import { verifyPassword } from "../lib/crypto";
import { endSession, startSession } from "../auth/sessions";
import { clearFailures, lockedFor, MAX_FAILURES, recordFailure } from "../auth/throttle";
import { UserSchema, toUserView } from "./users";

/** A hash of a random password: verifying against it costs what a real check costs. */
const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

const LoginBody = z.object({
  email: z.string().trim().max(320).pipe(z.email()),
  password: z.string().min(1).max(1000),
});

const MeSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(["admin", "csm"]) });

export const authRoutes = createRouter()
  .openapi(
    createRoute({ method: "post", path: "/auth/login", request: { body: jsonBody(LoginBody) }, responses: jsonResponses(200, z.object({ user: UserSchema })) }),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const db = c.get("db");
      const keys = [`email:${email.toLowerCase()}`, `ip:${c.req.header("cf-connecting-ip") ?? "local"}`];
      const wait = Math.max(...(await Promise.all(keys.map((k) => lockedFor(db, k)))));
      if (wait > 0) {
        const retryAfter = Math.ceil(wait / 1000);
        throw new AppError(429, "too_many_attempts", `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, [], {
          "Retry-After": String(retryAfter),
        });
      }
      const user = await db.select().from(schema.users).where(eq(schema.users.email, email.toLowerCase())).get();
      // Unknown e-mail, wrong password and deactivated user all cost one PBKDF2 and answer the same 401.
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok || !user.active) {
        // The address gets a 10x allowance so a shared office address is not locked out by one
        // person's typos, while a password spray across many e-mails still is.
        await recordFailure(db, keys[0]);
        await recordFailure(db, keys[1], MAX_FAILURES * 10);
        throw new AppError(401, "invalid_credentials", "Email or password is incorrect.");
      }
      await clearFailures(db, keys[0]);
      await startSession(c, user.id);
      return c.json({ user: toUserView(user) }, 200);
    },
  )
  .openapi(createRoute({ method: "post", path: "/auth/logout", responses: noContent }), async (c) => {
    await endSession(c);
    return c.body(null, 204);
  })
  .openapi(createRoute({ method: "get", path: "/me", responses: jsonResponses(200, MeSchema) }), (c) => {
    const u = c.get("user");
    return c.json({ id: u.id, email: u.email, name: u.name, role: u.role }, 200);
  });

