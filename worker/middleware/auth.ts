import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { AppError, forbidden } from "../errors";
import { readSessionCookie, resolveSession } from "../auth/sessions";
import { rememberSessionUser } from "./preload";

/** Loads the signed-in user from the session cookie; anonymous calls get 401. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = readSessionCookie(c);
  const found = token ? await resolveSession(c, token) : null;
  if (!found) throw new AppError(401, "unauthenticated", "Sign in to continue.");
  c.set("user", found.user);
  c.set("sessionId", found.sessionId);
  rememberSessionUser(found.sessionId, found.user);
  if (found.preloaded) c.set("preloaded", found.preloaded);
  await next();
};

/** Allows only the given roles (run after requireUser). */
export function requireRole(...roles: ("admin" | "csm")[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get("user").role)) throw forbidden("Only an admin can do this.");
    await next();
  };
}

export const requireAdmin = requireRole("admin");
