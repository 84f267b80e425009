import type { ApiClient, Page } from "../api";
import type { Account, AccountDetail, PlanMilestone, PlanTask } from "../api-types";

export interface AccountQuery {
  /** `live` (default), `test`, or `all`. */
  mode?: "live" | "test" | "all";
  /** Admins: one CSM's accounts. */
  csmId?: string;
  /** Text found in the name, domain, CRM id or CSM's name or e-mail. */
  q?: string;
  cursor?: string | null;
  limit?: number;
}

/** Admins see every account; a CSM only their own (the server decides). Newest first. */
export const listAccounts = (api: ApiClient, q: AccountQuery = {}) =>
  api.get<Page<Account>>("/api/accounts", { query: { mode: q.mode, csmId: q.csmId, q: q.q, cursor: q.cursor, limit: q.limit } });

export const getAccount = (api: ApiClient, id: string) => api.get<AccountDetail>(`/api/accounts/${encodeURIComponent(id)}`);

/** A plan task's id: its milestone's and its own position in the plan, from 0 (`"0.1"`). */
export const planTaskId = (milestone: number, task: number) => `${milestone}.${task}`;

/**
 * Tick a plan task done or undone (the account's CSM or an admin); answers the task as stored and the
 * whole plan. `title` is the task as shown: if the plan was re-applied meanwhile, 409 plan_changed.
 */
export const setPlanTaskDone = (api: ApiClient, accountId: string, taskId: string, done: boolean, title?: string) =>
  api.patch<{ task: PlanTask; plan: PlanMilestone[] }>(`/api/accounts/${encodeURIComponent(accountId)}/plan/tasks/${encodeURIComponent(taskId)}`, { done, ...(title === undefined ? {} : { title }) });

/** Admins: hand the account to another active user; answers the new CSM and the recorded reason. */
export const changeAccountCsm = (api: ApiClient, accountId: string, csmId: string) =>
  api.put<{ csm: { id: string; name: string; email: string }; csmReason: string; csmByHand: boolean }>(`/api/accounts/${encodeURIComponent(accountId)}/csm`, { csmId });
