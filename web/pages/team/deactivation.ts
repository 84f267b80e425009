import type { ApiClient } from "../../lib/api";
import type { TeamUser } from "../../lib/api-types";

/** `GET /api/users/:id/open-work`: what a person holds (items in any mode, live accounts). */
export interface OpenWork {
  queueItems: number;
  accounts: number;
}

/** What deactivation did with the open items assigned to them (`PATCH /api/users/:id` with `active: false`). */
export interface HandedBack {
  toPool: number;
  unassigned: number;
  failed: number;
}

/** Accounts whose CSM was deactivated, for an admin to hand over. */
export const INACTIVE_ACCOUNTS_HREF = "/accounts?csm=inactive";

export const getOpenWork = (api: ApiClient, id: string) => api.get<OpenWork>(`/api/users/${encodeURIComponent(id)}/open-work`);

/** Deactivates and keeps the server's account of the handed-back items (the shared `updateUser` returns only the user). */
export const deactivateUser = (api: ApiClient, id: string) => api.patch<{ user: TeamUser; handedBack?: HandedBack }>(`/api/users/${encodeURIComponent(id)}`, { active: false });

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Casey Chen holds 3 open queue items and is the CSM of 12 accounts." */
export function openWorkSentence(name: string, w: OpenWork): string {
  if (!w.queueItems && !w.accounts) return `${name} holds no open queue items and is the CSM of no accounts.`;
  const items = w.queueItems ? `holds ${plural(w.queueItems, "open queue item", "open queue items")}` : "holds no open queue items";
  const accounts = w.accounts ? `is the CSM of ${plural(w.accounts, "account", "accounts")}` : "is the CSM of no accounts";
  return `${name} ${items} and ${accounts}.`;
}

/** The toast's detail after deactivating: where the items went and which accounts now need someone. */
export function handedBackSentence(h: HandedBack | undefined, accounts: number | null): string | undefined {
  const parts: string[] = [];
  if (h?.toPool) parts.push(`${plural(h.toPool, "item went", "items went")} back to ${h.toPool === 1 ? "its pool" : "their pools"}.`);
  if (h?.unassigned) parts.push(`${plural(h.unassigned, "item waits", "items wait")} for an admin to assign in Queue → Unassigned.`);
  // The cron retries these every 5 minutes (worker/lib/hand-back.ts); an admin need not wait for it.
  if (h?.failed) parts.push(`${plural(h.failed, "item", "items")} could not be moved yet; ${h.failed === 1 ? "it is" : "they are"} retried within 5 minutes, or reassign ${h.failed === 1 ? "it" : "them"} from the Queue.`);
  if (accounts) parts.push(`${plural(accounts, "account needs", "accounts need")} a new CSM: Accounts → CSM inactive.`);
  return parts.length ? parts.join(" ") : undefined;
}
