import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, sql } from "drizzle-orm";
import { schema } from "../db/client";
import { conflict, forbidden, notFound } from "../errors";
import { createRouter, IdParam, jsonBody, jsonResponses } from "../lib/openapi";
import { iso } from "../lib/time";

/**
 * Ticking an account's onboarding plan tasks done or undone (the account's CSM or an admin). The
 * plan lives as JSON on the account row, so a task's state is kept inside it — no table of its own.
 */

/** A plan task as stored: the dated task plus, once ticked, who ticked it and when. */
const PlanTask = z
  .object({
    title: z.string(),
    owner: z.enum(["csm", "customer"]),
    dueAt: z.string(),
    day: z.number().optional(),
    done: z.boolean().optional(),
    doneAt: z.string().optional(),
    doneBy: z.object({ id: z.string(), name: z.string() }).optional(),
  })
  .openapi("PlanTask");

const PlanMilestone = z.object({ milestone: z.string(), dueAt: z.string(), day: z.number().optional(), tasks: z.array(PlanTask) }).openapi("PlanMilestone");

/**
 * A task's id is its milestone's and its own position in the plan, from 0: `<milestone>.<task>`, in
 * the order `GET /api/accounts/:id` lists them. Any other string names no task (404), so that a
 * malformed JSON body is still the 400 it is everywhere else.
 */
const TaskParams = IdParam.extend({
  taskId: z.string().min(1).max(20).openapi({ example: "0.1", description: "The milestone's and the task's position in the plan, from 0: `<milestone>.<task>`" }),
});
const TASK_ID = /^(\d{1,3})\.(\d{1,3})$/;

const TaskBody = z
  .object({
    done: z.boolean(),
    title: z
      .string()
      .max(1000)
      .optional()
      .openapi({ description: "The task's title as the caller saw it. If the task at this place now has another title (the plan was re-applied meanwhile), nothing changes: 409 plan_changed." }),
  })
  .strict()
  .openapi("PlanTaskChange");

const a = schema.accounts;

export const accountPlanRoutes = createRouter()
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}/plan/tasks/{taskId}",
      summary: "Tick an onboarding plan task done or undone (an admin, or the account's CSM)",
      request: { params: TaskParams, body: jsonBody(TaskBody) },
      responses: jsonResponses(200, z.object({ task: PlanTask, plan: z.array(PlanMilestone) })),
    }),
    async (c) => {
      const { id, taskId } = c.req.valid("param");
      const { done, title } = c.req.valid("json");
      const me = c.get("user");
      const db = c.get("db");
      const pos = TASK_ID.exec(taskId);
      const [m, t] = pos ? [Number(pos[1]), Number(pos[2])] : [-1, -1];
      const path = `$[${m}].tasks[${t}]`;
      const now = iso();
      // One conditional UPDATE: ticks made at the same time on other tasks are not lost (no read,
      // modify, write of the whole plan), and a task already done keeps who ticked it first.
      const change = done
        ? sql`CASE WHEN json_extract(${a.plan}, ${`${path}.done`}) = 1 THEN ${a.plan} ELSE json_set(${a.plan}, ${`${path}.done`}, json('true'), ${`${path}.doneAt`}, ${now}, ${`${path}.doneBy`}, json(${JSON.stringify({ id: me.id, name: me.name })})) END`
        : sql`json_remove(json_set(${a.plan}, ${`${path}.done`}, json('false')), ${`${path}.doneAt`}, ${`${path}.doneBy`})`;
      const updated = pos
        ? await db
            .update(a)
            .set({ plan: change, updatedAt: now })
            .where(
              and(
                eq(a.id, id),
                sql`json_type(${a.plan}, ${path}) = 'object'`,
                title === undefined ? undefined : sql`json_extract(${a.plan}, ${`${path}.title`}) = ${title}`,
                me.role === "admin" ? undefined : eq(a.csmId, me.id),
              ),
            )
            .returning({ plan: a.plan })
            .get()
        : undefined;
      if (!updated) {
        // Nothing changed: say why, from the row as it is now.
        const row = await db.select({ csmId: a.csmId, title: pos ? sql<string | null>`json_extract(${a.plan}, ${`${path}.title`})` : sql<null>`NULL` }).from(a).where(eq(a.id, id)).get();
        if (!row) throw notFound("Account");
        if (me.role !== "admin" && row.csmId !== me.id) throw forbidden("Only the account's CSM or an admin can update its plan.");
        if (title !== undefined && typeof row.title === "string") throw conflict("plan_changed", `The plan changed since it was loaded: this task is now “${row.title}”. Reload to see the plan as it is.`);
        throw notFound("Plan task");
      }
      const plan = updated.plan as z.infer<typeof PlanMilestone>[];
      return c.json({ task: plan[m]!.tasks[t]!, plan }, 200);
    },
  );
