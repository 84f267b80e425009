import { listAll, type ApiClient, type Page } from "../api";
import type { RunDetail, RunListItem, RunMode, RunQueueItem, RunQueueItemDetail, RunStatus } from "../api-types";

export interface RunFilters {
  workflowId?: string;
  status?: RunStatus;
  mode?: RunMode | "all";
  /** Text in the record's name, its CRM id or the run id. */
  q?: string;
  cursor?: string | null;
  limit?: number;
}

/** A page of runs; with a cursor, `prevCursor` is the page before it (null: the first page). */
export interface RunPage extends Page<RunListItem> {
  prevCursor?: string | null;
}

/** One page of runs, newest first; follow `nextCursor` for the next. */
export const listRuns = (api: ApiClient, f: RunFilters = {}) =>
  api.get<RunPage>("/api/runs", { query: { workflowId: f.workflowId, status: f.status, mode: f.mode ?? "live", q: f.q || undefined, cursor: f.cursor, limit: f.limit } });

export const getRun = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<RunDetail>(`/api/runs/${encodeURIComponent(id)}`, { signal });

export const cancelRun = (api: ApiClient, id: string) => api.post<{ status: string }>(`/api/runs/${encodeURIComponent(id)}/cancel`);

/** Resumes a failed run from its failed step. */
export const retryRun = (api: ApiClient, id: string) => api.post<{ status: string }>(`/api/runs/${encodeURIComponent(id)}/retry`);

/** The queue items a run opened, open and finished (the queue lists them separately). */
export async function listRunQueueItems(api: ApiClient, runId: string, mode: RunMode): Promise<RunQueueItem[]> {
  const [active, done] = await Promise.all([
    listAll<RunQueueItem>(api, "/api/queue", { runId, mode, status: "active" }),
    listAll<RunQueueItem>(api, "/api/queue", { runId, mode, status: "done" }),
  ]);
  return [...active, ...done];
}

export const getRunQueueItem = (api: ApiClient, id: string) => api.get<RunQueueItemDetail>(`/api/queue/${encodeURIComponent(id)}`);

export const claimQueueItem = (api: ApiClient, id: string) => api.post<RunQueueItem>(`/api/queue/${encodeURIComponent(id)}/claim`);

/** Completes a human task: `decision` for approvals, `data` for forms, reviews, handoffs and assignments. */
export const completeQueueItem = (
  api: ApiClient,
  id: string,
  body: { decision?: "approve" | "reject"; comment?: string; data?: Record<string, unknown> },
) => api.post<RunQueueItem>(`/api/queue/${encodeURIComponent(id)}/complete`, body);
