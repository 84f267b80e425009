import { createRoute, z } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import { schema } from "../db/client";
import { notFound, conflict } from "../errors";
import { createRouter, IdParam, jsonBody, jsonResponses, listOf, noContent } from "../lib/openapi";
import { newId } from "../lib/crypto";
import { iso } from "../lib/time";
import { requireAdmin } from "../middleware/auth";
import { liveWorkflowUsing } from "../db/queries/live-use";

const Task = z.object({ title: z.string().trim().min(1).max(200), owner: z.enum(["csm", "customer"]), offsetDays: z.number().int().min(0).max(3650) });
const Milestone = z.object({ name: z.string().trim().min(1).max(200), offsetDays: z.number().int().min(0).max(3650), tasks: z.array(Task).max(100) });
const TemplateBody = z.object({ name: z.string().trim().min(1).max(120), description: z.string().max(2000).default(""), milestones: z.array(Milestone).min(1, "Add at least one milestone: an empty plan gives the CSM nothing to do").max(50) });
export const TemplateSchema = TemplateBody.extend({ id: z.string(), createdAt: z.string(), updatedAt: z.string() }).openapi("Template");

const view = (t: typeof schema.templates.$inferSelect) => ({ id: t.id, name: t.name, description: t.description, milestones: t.milestones, createdAt: t.createdAt, updatedAt: t.updatedAt });

const router = createRouter();
// Every signed-in user may read templates (CSMs see what a plan is made of); only admins write.
router.use("*", (c, next) => (c.req.method === "GET" ? next() : requireAdmin(c, next)));

/** Onboarding templates. */
export const templateRoutes = router
  .openapi(createRoute({ method: "get", path: "/", responses: jsonResponses(200, listOf(TemplateSchema)) }), async (c) => {
    const rows = await c.get("db").select().from(schema.templates).orderBy(asc(schema.templates.name));
    return c.json({ items: rows.map(view), nextCursor: null }, 200);
  })
  .openapi(createRoute({ method: "post", path: "/", request: { body: jsonBody(TemplateBody) }, responses: jsonResponses(201, TemplateSchema) }), async (c) => {
    const body = c.req.valid("json");
    const now = iso();
    const [row] = await c.get("db").insert(schema.templates).values({ id: newId("tpl_"), ...body, createdAt: now, updatedAt: now }).returning();
    return c.json(view(row), 201);
  })
  .openapi(createRoute({ method: "get", path: "/{id}", request: { params: IdParam }, responses: jsonResponses(200, TemplateSchema) }), async (c) => {
    const row = await c.get("db").select().from(schema.templates).where(eq(schema.templates.id, c.req.valid("param").id)).get();
    if (!row) throw notFound("Template");
    return c.json(view(row), 200);
  })
  .openapi(
    createRoute({ method: "put", path: "/{id}", request: { params: IdParam, body: jsonBody(TemplateBody) }, responses: jsonResponses(200, TemplateSchema) }),
    async (c) => {
      // Accounts keep the snapshot they were given, so editing a template never rewrites a plan in flight.
      const [row] = await c
        .get("db")
        .update(schema.templates)
        .set({ ...c.req.valid("json"), updatedAt: iso() })
        .where(eq(schema.templates.id, c.req.valid("param").id))
        .returning();
      if (!row) throw notFound("Template");
      return c.json(view(row), 200);
    },
  )
  .openapi(createRoute({ method: "delete", path: "/{id}", request: { params: IdParam }, responses: noContent }), async (c) => {
    const db = c.get("db");
    const id = c.req.valid("param").id;
    const user = await liveWorkflowUsing(db, id);
    if (user) {
      throw conflict(
        "template_in_use",
        `The ${user.status} workflow “${user.name}” applies this template, so it was not deleted. Point its Apply template step at another template and publish, or archive the workflow, then delete the template.`,
      );
    }
    const deleted = await db.delete(schema.templates).where(eq(schema.templates.id, id)).returning();
    if (deleted.length === 0) throw notFound("Template");
    return c.body(null, 204);
  });
