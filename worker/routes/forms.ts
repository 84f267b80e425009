import { createRoute, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { and, eq, isNull } from "drizzle-orm";
import type { AppEnv } from "../env";
import type { Database } from "../db/client";
import { schema } from "../db/client";
import { AppError } from "../errors";
import { createRouter, jsonBody, jsonResponses } from "../lib/openapi";
import { sha256Hex } from "../lib/crypto";
import { iso } from "../lib/time";
import { runStub } from "../lib/runs";

// Any string is a link that may exist: a mangled one (cut short in an e-mail client) is answered 404
// by openLink like any unknown link, not 422, so the form page says "not found", not "invalid request".
const TokenParam = z.object({ token: z.string().max(1000) });

/** Looks a form link up by the hash of its token: unknown → 404, used or expired → 410. */
async function openLink(db: Database, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError(404, "not_found", "This form link does not exist.");
  const link = await db.select().from(schema.formTokens).where(eq(schema.formTokens.tokenHash, await sha256Hex(token))).get();
  if (!link) throw new AppError(404, "not_found", "This form link does not exist.");
  if (link.usedAt) throw new AppError(410, "link_used", "This form has already been submitted. Thank you!");
  if (Date.parse(link.expiresAt) <= Date.now()) throw new AppError(410, "link_expired", "This form link has expired. Ask the sender for a new one.");
  const item = await db.select().from(schema.queueItems).where(eq(schema.queueItems.id, link.queueItemId)).get();
  if (!item || (item.status !== "open" && item.status !== "claimed")) throw new AppError(410, "link_closed", "This form is no longer needed.");
  return { link, item };
}

/** What the outside person may see: the title, the fields and a little context, nothing else. */
function publicContext(item: typeof schema.queueItems.$inferSelect) {
  const ctx = (item.context ?? {}) as { deal?: { name?: string; company?: { name?: string }; closeDate?: string }; instructions?: string | null };
  return { company: ctx.deal?.company?.name ?? null, deal: ctx.deal?.name ?? null, closeDate: ctx.deal?.closeDate ?? null, instructions: ctx.instructions ?? null };
}

const FormView = z.object({ title: z.string(), fields: z.array(z.any()), context: z.record(z.string(), z.unknown()), expiresAt: z.string() });

/** The external handoff form's API (no sign-in: the unguessable link is the credential). */
export const formApiRoutes = createRouter()
  .openapi(createRoute({ method: "get", path: "/{token}", request: { params: TokenParam }, responses: jsonResponses(200, FormView) }), async (c) => {
    // A GET (e.g. a link-preview bot) only reads: it never submits or marks anything.
    const { link, item } = await openLink(c.get("db"), c.req.valid("param").token);
    c.header("cache-control", "no-store");
    c.header("referrer-policy", "no-referrer");
    return c.json({ title: item.title, fields: item.form ?? [], context: publicContext(item), expiresAt: link.expiresAt }, 200);
  })
  .openapi(
    createRoute({ method: "post", path: "/{token}", request: { params: TokenParam, body: jsonBody(z.object({ data: z.record(z.string(), z.unknown()) }).strict()) }, responses: jsonResponses(200, z.object({ ok: z.boolean() })) }),
    async (c) => {
      const db = c.get("db");
      const { link, item } = await openLink(db, c.req.valid("param").token);
      // Take the link first (single use even under concurrent submits), give it back if the answers are refused.
      const taken = await db
        .update(schema.formTokens)
        .set({ usedAt: iso() })
        .where(and(eq(schema.formTokens.tokenHash, link.tokenHash), isNull(schema.formTokens.usedAt)))
        .returning();
      if (!taken.length) throw new AppError(410, "link_used", "This form has already been submitted. Thank you!");
      const r = await runStub(c.env, item.runId).submitTask(item.nodeId, { data: c.req.valid("json").data, by: { email: item.assigneeEmail } });
      if (!r.ok) {
        await db.update(schema.formTokens).set({ usedAt: null }).where(eq(schema.formTokens.tokenHash, link.tokenHash));
        if (r.errors) throw new AppError(422, "validation_failed", "Some answers need fixing.", r.errors);
        throw new AppError(410, "link_closed", "This form is no longer needed.");
      }
      // Any other link of the same item (a resend) dies with this submission.
      await db.update(schema.formTokens).set({ usedAt: iso() }).where(and(eq(schema.formTokens.queueItemId, item.id), isNull(schema.formTokens.usedAt)));
      return c.json({ ok: true }, 200);
    },
  );

/**
 * `GET /forms/:token`: the SPA's form page, with the status telling whether the link still works
 * (410 for a used or expired link, 404 for an unknown one), so even a plain fetch learns the truth.
 */
export const formPageRoutes = new Hono<AppEnv>().get("/:token", async (c) => {
  let status: 200 | 404 | 410 = 200;
  try {
    await openLink(c.get("db"), c.req.param("token"));
  } catch (e) {
    status = e instanceof AppError && e.status === 410 ? 410 : 404;
  }
  const page = await c.env.ASSETS.fetch(new Request(new URL("/index.html", c.req.url), { headers: { "Sec-Fetch-Mode": "navigate" } }));
  const html = await page.text();
  return c.html(html, status, { "cache-control": "no-store", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" });
});
