import type { ApiClient } from "../api";
import type { SessionUser } from "../api-types";

/** Signs in; answers 401 for wrong credentials and 429 while throttled (both without ending a session). */
export const login = (api: ApiClient, email: string, password: string) =>
  api.post<{ user: SessionUser }>("/api/auth/login", { email, password }, { auth: false }).then((r) => r.user);

export const logout = (api: ApiClient) => api.post<void>("/api/auth/logout", undefined, { auth: false });

/** The signed-in user; a 401 means there is no session. */
export const me = (api: ApiClient) => api.get<SessionUser>("/api/me", { auth: false });
