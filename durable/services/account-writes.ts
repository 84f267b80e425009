/**
 * The account updates a run's steps make after creating the account (its CSM, its onboarding
 * plan). A run queues them in its outbox, so they reach D1 in the same batch as its index row
 * when it settles (one round trip instead of one per step); each is keyed by account and field,
 * so a replayed step replaces its own pending write instead of adding another.
 */
import { eq } from "drizzle-orm";
import { batched, createDb, schema } from "../../worker/db/client";

export interface AccountCsm {
  accountId: string;
  csmId: string;
  reason: string;
  at: string;
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

export const accountWrites = {
  csm: {
    key: (p: AccountCsm) => `account:${p.accountId}:csm`,
    statement: (d1: D1Database, p: AccountCsm) => batched(d1, createDb(d1).update(a).set({ csmId: p.csmId, csmReason: p.reason, updatedAt: p.at }).where(eq(a.id, p.accountId))).statement,
  },
  plan: {
    key: (p: AccountPlan) => `account:${p.accountId}:plan`,
    statement: (d1: D1Database, p: AccountPlan) =>
      batched(d1, createDb(d1).update(a).set({ templateId: p.templateId, templateSnapshot: p.template, plan: p.plan, startDate: p.startDate, updatedAt: p.at }).where(eq(a.id, p.accountId))).statement,
  },
};
