import type { ApiClient, Page } from "../api";
import type { OutboxEmail } from "../api-types";

export interface OutboxQuery {
  mode?: "live" | "test" | "all";
  runId?: string;
  /** Text found in the recipient, the subject or the sending run's account. */
  q?: string;
  cursor?: string | null;
  limit?: number;
}

/** E-mails the outbox kept, newest first (admins). */
export const listOutbox = (api: ApiClient, q: OutboxQuery = {}) =>
  api.get<Page<OutboxEmail>>("/api/outbox", { query: { mode: q.mode, runId: q.runId, q: q.q, cursor: q.cursor, limit: q.limit } });
