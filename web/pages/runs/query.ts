/**
 * The Runs list's view — filters, search and page — kept in the address (`/runs?status=failed&q=acme`)
 * so a filtered list can be linked, survives a reload and comes back with Back and Forward.
 */
import type { RunMode, RunStatus } from "../../lib/api-types";
import { RUN_STATUS_LABELS } from "../../components/badge";
import { searchFromQuery } from "../../lib/search";

export interface RunView {
  status: "" | RunStatus;
  mode: RunMode | "all";
  workflowId: string;
  /** Text searched in the record's name, its CRM id and the run id. */
  q: string;
  /** Where the page starts (from the API's `nextCursor`/`prevCursor`); null is the first page. */
  cursor: string | null;
  /** The page's number, shown as "Page 3"; 1 without a cursor. */
  page: number;
}

const RUN_STATUSES: RunStatus[] = ["running", "paused", "completed", "failed", "cancelled"];

export const STATUS_OPTIONS: { value: "" | RunStatus; label: string }[] = [
  { value: "", label: "Any status" },
  ...RUN_STATUSES.map((s) => ({ value: s, label: RUN_STATUS_LABELS[s] })),
];

export const MODE_OPTIONS: { value: RunMode | "all"; label: string }[] = [
  { value: "live", label: "Live runs" },
  { value: "test", label: "Test runs" },
  { value: "all", label: "Live and test" },
];

/** The view in the address's query, ignoring values the page does not offer. */
export function runViewFromQuery(query: Record<string, string | undefined>): RunView {
  const status = RUN_STATUSES.includes(query.status as RunStatus) ? (query.status as RunStatus) : "";
  const mode = MODE_OPTIONS.some((m) => m.value === query.mode) ? (query.mode as RunMode | "all") : "live";
  const cursor = query.cursor ? query.cursor : null;
  const n = Number(query.page);
  const page = cursor && Number.isInteger(n) && n > 1 && n < 1e6 ? n : cursor ? 2 : 1;
  return { status, mode, workflowId: query.workflow ?? "", q: searchFromQuery(query), cursor, page };
}

/** The query string for a view, leaving defaults out (so the plain list is `/runs`). */
export function runViewToSearch(v: RunView): string {
  const p = new URLSearchParams();
  if (v.workflowId) p.set("workflow", v.workflowId);
  if (v.status) p.set("status", v.status);
  if (v.mode !== "live") p.set("mode", v.mode);
  if (v.q) p.set("q", v.q);
  if (v.cursor) {
    p.set("cursor", v.cursor);
    p.set("page", String(v.page));
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** A changed filter or search starts again at the first page (the old cursor belongs to another list). */
export const withFilters = (v: RunView, next: Partial<Pick<RunView, "status" | "mode" | "workflowId" | "q">>): RunView => ({ ...v, ...next, cursor: null, page: 1 });

/** Whether anything narrows the list beyond the mode. */
export const isFiltered = (v: RunView) => Boolean(v.status || v.workflowId || v.q.trim());
