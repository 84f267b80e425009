import { listAll, type ApiClient } from "../api";
import type { Pool, PoolInput } from "../api-types";

/** The API answers a pool either bare or wrapped as `{pool}`; accept both. */
const unwrap = (r: Pool | { pool: Pool }): Pool => ("pool" in r ? r.pool : r);

export const listPools = (api: ApiClient) => listAll<Pool>(api, "/api/pools");

export const createPool = (api: ApiClient, body: PoolInput) =>
  api.post<Pool | { pool: Pool }>("/api/pools", body).then(unwrap);

export const updatePool = (api: ApiClient, id: string, body: PoolInput) =>
  api.put<Pool | { pool: Pool }>(`/api/pools/${encodeURIComponent(id)}`, body).then(unwrap);

export const deletePool = (api: ApiClient, id: string) => api.delete(`/api/pools/${encodeURIComponent(id)}`);
