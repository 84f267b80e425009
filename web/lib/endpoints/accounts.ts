import type { ApiClient, Page } from "../api";
import type { Account, AccountDetail } from "../api-types";

export interface AccountQuery {
  /** `live` (default), `test`, or `all`. */
  mode?: "live" | "test" | "all";
  /** Admins: one CSM's accounts. */
  csmId?: string;
  cursor?: string | null;
  limit?: number;
}

/** Admins see every account; a CSM only their own (the server decides). Newest first. */
export const listAccounts = (api: ApiClient, q: AccountQuery = {}) =>
  api.get<Page<Account>>("/api/accounts", { query: { mode: q.mode, csmId: q.csmId, cursor: q.cursor, limit: q.limit } });

export const getAccount = (api: ApiClient, id: string) => api.get<AccountDetail>(`/api/accounts/${encodeURIComponent(id)}`);
