/**
 * The account updates a run's steps make after creating the account (its CSM, its onboarding
 * plan). A run queues them in its outbox, so they reach D1 in the same batch as its index row
 * when it settles (one round trip instead of one per step); each is keyed by account and field,
 * so a replayed step replaces its own pending write instead of adding another.
 */
import { and, eq, sql } from "drizzle-orm";
import { batched, createDb, schema } from "../../worker/db/client";

export interface AccountCsm {
  accountId: string;
  csmId: string;
  reason: string;
  at: string;
  /** A person chose (an "Assign a CSM" task); false for automatic routing. */
  byHand?: boolean;
}

export interface AccountPlan {
  accountId: string;
  templateId: string;
  template: Record<string, unknown>;
  plan: unknown[];
  startDate: string;
  at: string;
}

const a = schema.accounts;
const u = schema.users;

/** The account's CSM was routed, or the person someone chose has since been deactivated. */
const routingMayReplace = sql`(${a.csmByHand} = 0 OR NOT EXISTS (SELECT 1 FROM ${u} WHERE ${u.id} = ${a.csmId} AND ${u.active} = 1))`;

export const accountWrites = {
  csm: {
    key: (p: AccountCsm) => `account:${p.accountId}:csm`,
    // Routing never replaces an active CSM a person chose, even one chosen after the run read the account.
    statement: (d1: D1Database, p: AccountCsm) =>
      batched(d1, createDb(d1).update(a).set({ csmId: p.csmId, csmReason: p.reason, csmByHand: p.byHand === true, updatedAt: p.at }).where(and(eq(a.id, p.accountId), p.byHand ? undefined : routingMayReplace))).statement,
  },
  plan: {
    key: (p: AccountPlan) => `account:${p.accountId}:plan`,
    statement: (d1: D1Database, p: AccountPlan) =>
      batched(d1, createDb(d1).update(a).set({ templateId: p.templateId, templateSnapshot: p.template, plan: keepingTicks(p.plan), startDate: p.startDate, updatedAt: p.at }).where(eq(a.id, p.accountId))).statement,
  },
};

/**
 * The new plan, with each task that was ticked done in the account's current plan (same milestone
 * title, same task title) keeping `done`, `doneAt` and `doneBy`. Worked out by SQLite over the
 * stored plan inside the UPDATE itself: the write waits in the run's outbox and reaches D1 later,
 * so a plan read earlier could miss a tick made in between. The new plan is bound once (D1 caps a
 * statement's parameters), and ticks on tasks the new plan no longer has are dropped with them.
 */
function keepingTicks(plan: unknown[]) {
  const tick = sql`(SELECT json_object('done', json('true'), 'doneAt', ot.value ->> '$.doneAt', 'doneBy', json(ot.value -> '$.doneBy'))
    FROM json_each(${a.plan}) AS om, json_each(om.value, '$.tasks') AS ot
    WHERE om.value ->> '$.milestone' = nm.value ->> '$.milestone' AND ot.value ->> '$.title' = nt.value ->> '$.title' AND ot.value ->> '$.done' = 1
    LIMIT 1)`;
  const tasks = sql`(SELECT json_group_array(json(CASE WHEN t.tick IS NULL THEN t.task ELSE json_patch(t.task, t.tick) END))
    FROM (SELECT nt.value AS task, ${tick} AS tick FROM json_each(nm.value, '$.tasks') AS nt ORDER BY nt.key) AS t)`;
  return sql`(SELECT json_group_array(json(m.milestone)) FROM (
    SELECT CASE WHEN json_type(nm.value, '$.tasks') = 'array' THEN json_set(nm.value, '$.tasks', json(${tasks})) ELSE nm.value END AS milestone
    FROM json_each(${JSON.stringify(plan)}) AS nm ORDER BY nm.key) AS m)`;
}
