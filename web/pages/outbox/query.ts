/**
 * The Outbox page's view — which e-mails (live, test or both), the search, the open e-mail — kept
 * in the address (`/outbox?mode=live&q=maya&id=em_1`) so a reload or a shared link shows the same.
 */
import { searchFromQuery } from "../../lib/search";

export type OutboxMode = "all" | "live" | "test";

export const MODES: { value: OutboxMode; label: string }[] = [
  { value: "all", label: "Live and test" },
  { value: "live", label: "Live only" },
  { value: "test", label: "Test only" },
];

export interface OutboxView {
  mode: OutboxMode;
  /** Text searched in the recipients, the subject and the sending run's account. */
  q: string;
  /** The open e-mail; without one, the first listed. */
  id?: string;
}

/** The view in the address's query, ignoring modes the page does not offer. */
export function outboxViewFromQuery(query: Record<string, string | undefined>): OutboxView {
  const mode: OutboxMode = query.mode === "live" || query.mode === "test" ? query.mode : "all";
  return { mode, q: searchFromQuery(query), id: query.id || undefined };
}

/** The address of a view, leaving defaults out (so the plain page is `/outbox`). */
export function outboxHref(v: OutboxView): string {
  const p = new URLSearchParams();
  if (v.mode !== "all") p.set("mode", v.mode);
  if (v.q) p.set("q", v.q);
  if (v.id) p.set("id", v.id);
  const s = p.toString();
  return `/outbox${s ? `?${s}` : ""}`;
}
