import { Hono } from "hono";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { timingSafeEqualString } from "../lib/crypto";
import { seedDemo } from "../seed/demo";
import { seedSteps } from "../seed/steps";

/**
 * `POST /api/__seed`: used by `npm start` to seed the demo workspace through the Worker's own
 * code. It exists only where a SEED_TOKEN var is set (local runs); in production it is a 404.
 */
export const seedRoutes = new Hono<AppEnv>().post("/", async (c) => {
  const token = (c.env as { SEED_TOKEN?: string }).SEED_TOKEN;
  if (!token) throw new AppError(404, "not_found", "No such endpoint.");
  if (!timingSafeEqualString(c.req.header("x-seed-token") ?? "", token)) throw new AppError(403, "forbidden", "Bad seed token.");
  const result = await seedDemo(c.get("db"), { password: c.env.SEED_PASSWORD || "demo-password", env: c.env, ...seedSteps });
  return c.json(result, 200);
});
