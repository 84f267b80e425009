import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing API calls made by a browser from another origin (CSRF). JSON bodies are
 * not covered by SameSite=Lax alone when a site is served over several origins, and hono/csrf
 * only checks form content types, hence this check on every method that writes.
 */
export const originCheck: MiddlewareHandler = async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const origin = c.req.header("origin");
    const own = new URL(c.req.url).origin;
    if (origin && origin !== "null" && origin !== own) {
      throw new AppError(403, "cross_origin", "Requests from another site are not allowed.");
    }
    if (origin === "null" || (!origin && c.req.header("sec-fetch-site") === "cross-site")) {
      throw new AppError(403, "cross_origin", "Requests from another site are not allowed.");
    }
  }
  await next();
};
