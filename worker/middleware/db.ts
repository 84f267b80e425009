import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { createDb } from "../db/client";

/** One drizzle handle per request. */
export const withDb: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("db", createDb(c.env.DB));
  await next();
};
