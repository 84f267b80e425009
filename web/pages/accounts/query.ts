/**
 * The Accounts list's view — test accounts shown, one CSM's accounts, the search — kept in the
 * address (`/accounts?test=1&csm=u_1&q=acme`) so a reload or a shared link shows the same list.
 */
import type { Role } from "../../lib/api-types";
import { searchFromQuery } from "../../lib/search";

export interface AccountsView {
  /** Test accounts too (from the builder's test runs). */
  test: boolean;
  /** Admins: one CSM's accounts, `none` for those without one; always "" for a CSM. */
  csm: string;
  /** Text searched in the name, domain, CRM id and CSM. */
  q: string;
}

/** The view in the address's query; a CSM's own accounts are the only ones they see, so `csm` is ignored for them. */
export function accountsViewFromQuery(query: Record<string, string | undefined>, role: Role): AccountsView {
  return { test: query.test === "1", csm: role === "admin" ? (query.csm ?? "") : "", q: searchFromQuery(query) };
}

/** The query string for a view, leaving defaults out (so the plain list is `/accounts`). */
export function accountsViewToSearch(v: AccountsView): string {
  const p = new URLSearchParams();
  if (v.test) p.set("test", "1");
  if (v.csm) p.set("csm", v.csm);
  if (v.q) p.set("q", v.q);
  const s = p.toString();
  return s ? `?${s}` : "";
}
