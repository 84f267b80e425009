import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { requireUser } from "./auth";

/** API paths that answer without a session: sign-in, the external form and the API document. */
const PUBLIC = [/^\/api\/auth\/login$/, /^\/api\/forms\/[^/]+$/, /^\/api\/openapi\.json$/, /^\/api\/__seed$/];

/** Every other /api path needs a signed-in user; role checks sit on each router. */
export const authGate: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (PUBLIC.some((re) => re.test(c.req.path))) return next();
  return requireUser(c, next);
};
