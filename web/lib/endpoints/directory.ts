import type { ApiClient } from "../api";

/** Names of the pools the signed-in person can see work from (all for an admin, a CSM's own). */
export const listVisiblePools = (api: ApiClient) => api.get<{ items: { id: string; name: string }[] }>("/api/directory/pools").then((r) => r.items);
