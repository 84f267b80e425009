import type { ApiClient } from "../api";
import type { PublicForm } from "../api-types";

const path = (token: string) => `/api/forms/${encodeURIComponent(token)}`;

/**
 * The external handoff form. No session: `auth: false` so a 401 (there should be none) never
 * sends the outside person to the sign-in page. 404 unknown link; 410 used or expired.
 */
export const getPublicForm = (api: ApiClient, token: string) => api.get<PublicForm>(path(token), { auth: false });

/** Submits the answers once: 200, 422 with per-field details, or 410 when the link was used meanwhile. */
export const submitPublicForm = (api: ApiClient, token: string, data: Record<string, unknown>) =>
  api.post<{ ok: boolean }>(path(token), { data }, { auth: false });
