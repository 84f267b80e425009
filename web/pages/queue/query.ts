/**
 * The Queue Dashboard's view state — tab, filters, test mode — kept in the address (so a view can be
 * shared and survives opening an item) and turned into `GET /api/queue` queries.
 */
import type { QueueKind, Role } from "../../lib/api-types";
import type { QueueQuery } from "../../lib/endpoints/queue";
import { apiSearch, searchFromQuery } from "../../lib/search";

export type QueueTab = "mine" | "pool" | "all" | "done";

export interface QueueFilters {
  tab: QueueTab;
  kind: QueueKind | "";
  workflowId: string;
  overdue: boolean;
  /** Show test-mode items (from the builder's test panel) instead of live ones. */
  test: boolean;
  /** Text searched in the items' titles, accounts and workflow names, within the tab and filters (absent: none). */
  q?: string;
}

export const KINDS: readonly QueueKind[] = ["approval", "review", "form", "handoff", "assignment"];

export const TAB_LABELS: Record<QueueTab, string> = { mine: "My items", pool: "Pool", all: "All", done: "Done" };

/** The tabs a role sees: "All" is for admins. */
export function tabsFor(role: Role): QueueTab[] {
  return role === "admin" ? ["mine", "pool", "all", "done"] : ["mine", "pool", "done"];
}

/** Admins land on everything open; CSMs on their own work. */
export const defaultTab = (role: Role): QueueTab => (role === "admin" ? "all" : "mine");

/** Reads the view from the address's query (`?tab=pool&kind=approval&overdue=1&test=1&q=acme`), ignoring nonsense. */
export function filtersFromQuery(query: Record<string, string | undefined>, role: Role): QueueFilters {
  const tab = tabsFor(role).includes(query.tab as QueueTab) ? (query.tab as QueueTab) : defaultTab(role);
  const kind = KINDS.includes(query.kind as QueueKind) ? (query.kind as QueueKind) : "";
  return { tab, kind, workflowId: query.workflow ?? "", overdue: query.overdue === "1", test: query.test === "1", q: searchFromQuery(query) || undefined };
}

/** The query string for a view (`""` for the role's default view), leaving defaults out. */
export function filtersToSearch(f: QueueFilters, role: Role): string {
  const p = new URLSearchParams();
  if (f.tab !== defaultTab(role)) p.set("tab", f.tab);
  if (f.kind) p.set("kind", f.kind);
  if (f.workflowId) p.set("workflow", f.workflowId);
  if (f.overdue && f.tab !== "done") p.set("overdue", "1");
  if (f.test) p.set("test", "1");
  if (f.q) p.set("q", f.q);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/**
 * The API query behind a view.
 * - My items: open or claimed, assigned to me or claimed by me.
 * - Pool: CSMs — open or claimed items of the pools they belong to (claimed ones show who has
 *   them); admins, who usually belong to no pool — items nobody is assigned to or has claimed.
 * - All (admins): everything open or claimed.
 * - Done: completed, expired and cancelled items the person may see, newest first.
 * CSMs only ever get their own and their pools' items: the server enforces that whatever we ask.
 */
export function listQueryFor(f: QueueFilters, role: Role): QueueQuery {
  const q: QueueQuery = { mode: f.test ? "test" : "live" };
  switch (f.tab) {
    case "mine":
      Object.assign(q, { status: "active", assignee: "me" });
      break;
    case "pool":
      Object.assign(q, role === "admin" ? { status: "active", assignee: "unassigned" } : { status: "active", pool: "mine" });
      break;
    case "all":
      q.status = "active";
      break;
    case "done":
      q.status = "done";
      break;
  }
  if (f.kind) q.kind = f.kind;
  if (f.workflowId) q.workflowId = f.workflowId;
  if (f.overdue && f.tab !== "done") q.overdue = true;
  const text = apiSearch(f.q ?? "");
  if (text) q.q = text;
  return q;
}

/** Whether any narrowing filter (beyond tab, mode and the search) is on. */
export const hasFilters = (f: QueueFilters) => Boolean(f.kind || f.workflowId || (f.overdue && f.tab !== "done"));

const SEARCHED: Record<QueueTab, string> = { mine: "your items", pool: "the pool's items", all: "all open items", done: "finished items" };

/** What a search on this view looked through, for its "no matches" message: the tab, and whether the filters narrowed it. */
export const searchScope = (f: QueueFilters) => `Searched ${SEARCHED[f.tab]}${hasFilters(f) ? " that match the filters" : ""}.`;
