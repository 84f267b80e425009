import type { Context } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { eq, sql } from "drizzle-orm";
import type { AppEnv, SessionUser } from "../env";
import { hot, schema, type Database } from "../db/client";
import { randomToken, sha256Hex } from "../lib/crypto";
import { preloadFor } from "../middleware/preload";
import { DAY, iso, MINUTE } from "../lib/time";

export const SESSION_COOKIE = "ow_session";
/** Idle timeout: a session unused this long expires; each use slides it forward. */
export const SESSION_IDLE_MS = 7 * DAY;
/** However active, a session ends after this long and the user signs in again. */
export const SESSION_ABSOLUTE_MS = 30 * DAY;
/** Slide at most this often so that reads don't each cost a D1 write. */
const TOUCH_EVERY_MS = 5 * MINUTE;

const ownerOf = (db: Database) => db.select({ userId: schema.sessions.userId }).from(schema.sessions).where(eq(schema.sessions.id, sql.placeholder("id")));
const SESSION = hot((db) => db.select().from(schema.sessions).where(eq(schema.sessions.id, sql.placeholder("id"))));
const USER = hot((db) => db.select().from(schema.users).where(eq(schema.users.id, ownerOf(db))));
const POOLS = hot((db) => db.select({ poolId: schema.poolMembers.poolId }).from(schema.poolMembers).where(eq(schema.poolMembers.userId, ownerOf(db))));

const secure = (c: Context) => new URL(c.req.url).protocol === "https:";

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Creates a session for the user and sets the cookie (HttpOnly, SameSite=Lax, Secure on https). */
export async function startSession(c: Context<AppEnv>, userId: string, now = Date.now()) {
  const token = randomToken();
  const id = await sha256Hex(token);
  await c.get("db").insert(schema.sessions).values({
    id,
    userId,
    createdAt: iso(now),
    lastSeenAt: iso(now),
    expiresAt: iso(now + SESSION_IDLE_MS),
    absoluteExpiresAt: iso(now + SESSION_ABSOLUTE_MS),
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(c),
    path: "/",
    maxAge: Math.floor(SESSION_IDLE_MS / 1000),
  });
}

/** Returns the session's user, sliding its expiry; expired or deactivated sessions are removed. */
export async function resolveSession(c: Context<AppEnv>, token: string, now = Date.now()) {
  if (token.length > 200) return null;
  const db = c.get("db");
  const id = await sha256Hex(token);
  // One D1 batch: the session, its user, and the user's pools (what a CSM may see in the queue
  // depends on them; read here, those routes need no round trip of their own). No joins: D1's batch
  // answers rows as objects, where a join's same-named columns (id, created_at) would collide.
  // The rows the route is about to read ride along too (middleware/preload.ts).
  const d1 = c.env.DB;
  const preload = preloadFor(c, id);
  const results = await d1.batch([SESSION.statement(d1, { id }), USER.statement(d1, { id }), POOLS.statement(d1, { id }), ...(preload?.statements ?? [])]);
  const [session] = SESSION.rows(results[0]!);
  const [user] = USER.rows(results[1]!);
  const pools = POOLS.rows(results[2]!);
  if (!session || !user) return null;
  if (Date.parse(session.expiresAt) <= now || Date.parse(session.absoluteExpiresAt) <= now || !user.active) {
    await db.delete(schema.sessions).where(eq(schema.sessions.id, id));
    return null;
  }
  if (now - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
    const expiresAt = Math.min(now + SESSION_IDLE_MS, Date.parse(session.absoluteExpiresAt));
    await db
      .update(schema.sessions)
      .set({ lastSeenAt: iso(now), expiresAt: iso(expiresAt) })
      .where(eq(schema.sessions.id, id));
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Lax",
      secure: secure(c),
      path: "/",
      maxAge: Math.floor((expiresAt - now) / 1000),
    });
  }
  const sessionUser: SessionUser = { id: user.id, email: user.email, name: user.name, role: user.role, poolIds: pools.map((r) => r.poolId) };
  return { user: sessionUser, sessionId: id, preloaded: preload?.read(results.slice(3), sessionUser) };
}

export async function endSession(c: Context<AppEnv>) {
  const sessionId = c.get("sessionId");
  if (sessionId) await c.get("db").delete(schema.sessions).where(eq(schema.sessions.id, sessionId));
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: secure(c) });
}
