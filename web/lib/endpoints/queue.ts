import { listAll, type ApiClient, type Page, type Query } from "../api";
import type { CompleteTaskInput, Person, QueueCounts, QueueItem, QueueItemDetail, QueueKind, QueueMode } from "../api-types";

/** The filters of `GET /api/queue` (API.md "Queue"); empty values are left out of the query string. */
export interface QueueQuery {
  status?: "active" | "done" | "open" | "claimed" | "completed" | "expired" | "cancelled";
  /** `me`, `unassigned` or a user id. */
  assignee?: string;
  /** `mine` or a pool id. */
  pool?: string;
  kind?: QueueKind;
  workflowId?: string;
  runId?: string;
  overdue?: boolean;
  mode?: QueueMode;
  /** Text found in the title, the account or the workflow's name. */
  q?: string;
  cursor?: string | null;
  limit?: number;
}

/** The query-string values of a `QueueQuery` (booleans only when true). */
export function queueQueryParams(q: QueueQuery): Query {
  return {
    status: q.status,
    assignee: q.assignee,
    pool: q.pool,
    kind: q.kind,
    workflowId: q.workflowId,
    runId: q.runId,
    overdue: q.overdue ? "true" : undefined,
    mode: q.mode,
    q: q.q,
    cursor: q.cursor,
    limit: q.limit,
  };
}

const item = (id: string) => `/api/queue/${encodeURIComponent(id)}`;

export const listQueue = (api: ApiClient, q: QueueQuery) => api.get<Page<QueueItem>>("/api/queue", { query: queueQueryParams(q) });

export const queueCounts = (api: ApiClient, mode: QueueMode = "live") => api.get<QueueCounts>("/api/queue/counts", { query: { mode } });

export const getQueueItem = (api: ApiClient, id: string) => api.get<QueueItemDetail>(item(id));

export const claimQueueItem = (api: ApiClient, id: string) => api.post<QueueItem>(`${item(id)}/claim`);

export const releaseQueueItem = (api: ApiClient, id: string) => api.post<QueueItem>(`${item(id)}/release`);

/** Admins: hand the item to someone else. */
export const assignQueueItem = (api: ApiClient, id: string, userId: string) => api.post<QueueItem>(`${item(id)}/assign`, { userId });

export const completeQueueItem = (api: ApiClient, id: string, body: CompleteTaskInput) => api.post<QueueItem>(`${item(id)}/complete`, body);

/**
 * Active people, optionally one pool's members (`GET /api/directory?poolId=`). Unlike
 * `/api/users` it is open to CSMs, so they can pick a colleague in an assignment task.
 */
export const listPeople = (api: ApiClient, poolId?: string) =>
  api.get<{ items: Person[] }>("/api/directory", { query: { poolId } }).then((r) => r.items);

/** Admins: every workflow's id and name, for the workflow filter (`/api/workflows` is admin-only). */
export const listWorkflowNames = (api: ApiClient) => listAll<{ id: string; name: string; status: string }>(api, "/api/workflows");
