import { listAll, type ApiClient } from "../api";
import type { NewUser, TeamUser, UserPatch } from "../api-types";

export const listUsers = (api: ApiClient) => listAll<TeamUser>(api, "/api/users");

/** API.md answers `{user}`; accept a bare user too so a small server change does not break the page. */
const unwrap = (r: TeamUser | { user: TeamUser }): TeamUser => ("user" in r ? r.user : r);

export const createUser = (api: ApiClient, body: NewUser) =>
  api.post<TeamUser | { user: TeamUser }>("/api/users", body).then(unwrap);

export const updateUser = (api: ApiClient, id: string, patch: UserPatch) =>
  api.patch<TeamUser | { user: TeamUser }>(`/api/users/${encodeURIComponent(id)}`, patch).then(unwrap);
