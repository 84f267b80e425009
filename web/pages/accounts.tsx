import { useLocation } from "preact-iso";
import { useId, useState } from "preact/hooks";
import { Badge } from "../components/badge";
import { Button } from "../components/button";
import { Card } from "../components/card";
import { formatAgo, formatMoney, crmName } from "../components/due-badge";
import { EmptyState } from "../components/empty-state";
import { Checkbox } from "../components/field";
import { Loadable } from "../components/loadable";
import { PageHeader } from "../components/page-header";
import { NoMatches, SearchField } from "../components/search-field";
import { Table } from "../components/table";
import type { Account, SessionUser } from "../lib/api-types";
import { listAccounts } from "../lib/endpoints/accounts";
import { apiSearch, useSettledSearch } from "../lib/search";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import { csmInactive, useActivePeople } from "./accounts/use-active-people";
import { accountsViewFromQuery, accountsViewToSearch, type AccountsView } from "./accounts/query";
import "./accounts/accounts.css";

const PAGE_SIZE = 50;

/** `/accounts`: the onboarding accounts workflows created — all of them for admins, a CSM's own for CSMs. */
export function AccountsPage() {
  const csmFilterId = `csm-filter-${useId()}`;
  const { api, user } = useAppState();
  const me = user.value as SessionUser;
  const { query, route } = useLocation();
  // The view lives in the address (`?test=1&csm=…&q=…`): a reload or a shared link shows the same list.
  const view = accountsViewFromQuery(query, me.role);
  const { test: showTest, csm: csmId } = view;
  const search = useSettledSearch(view.q);
  const q = apiSearch(search.q);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  // Each page keeps the search it was asked for: while the next search loads, what is shown is still described by its own.
  const page = useLoad(
    () => listAccounts(api, { mode: showTest ? "all" : "live", csmId: csmId || undefined, q, cursor, limit: PAGE_SIZE }).then((p) => ({ ...p, q })),
    [showTest, csmId, q, cursor],
  );
  const people = useActivePeople(me.role === "admin");
  const csms = (people ?? []).filter((p) => p.role === "csm");

  /** A changed filter or search starts again at the first page; the address entry is replaced, as it always was here. */
  const go = (next: Partial<AccountsView>) => {
    setCursors([null]);
    route(`/accounts${accountsViewToSearch({ ...view, ...next })}`, true);
  };
  const clearSearch = () => {
    search.now();
    go({ q: "" });
  };

  return (
    <>
      <PageHeader
        title="Accounts"
        description={me.role === "admin" ? "Every onboarding account workflows created, with its CSM and plan." : "The onboarding accounts you look after."}
      />
      <Card flush>
        <div class="table-toolbar acc-toolbar">
          <SearchField
            class="acc-search"
            label="Search accounts"
            placeholder={me.role === "admin" ? "Name, domain, CRM id or CSM" : "Name, domain or CRM id"}
            value={view.q}
            onInput={(text) => {
              search.typed();
              go({ q: text });
            }}
            onClear={clearSearch}
          />
          {me.role === "admin" ? (
            // The label points at the select, not around it: wrapped, its text took in every CSM's name.
            <div class="acc-filter">
              <label class="acc-filter__label" for={csmFilterId}>
                CSM
              </label>
              <select id={csmFilterId} class="control control--select" value={csmId} onChange={(e) => go({ csm: e.currentTarget.value })}>
                <option value="">Everyone</option>
                <option value="none">No CSM yet</option>
                <option value="inactive">CSM inactive</option>
                {csms.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <Checkbox switch class="acc-test-switch" label="Show test accounts" checked={showTest} onChange={(e) => go({ test: e.currentTarget.checked })} />
        </div>
        <Loadable loaded={page} what="accounts">
          {(p) => (
            <>
              <Table<Account>
                caption="Accounts"
                rows={p.items}
                rowKey={(a) => a.id}
                empty={
                  p.q ? (
                    <NoMatches
                      icon="accounts"
                      what="accounts"
                      q={p.q}
                      looksAt={me.role === "admin" ? "each account's name, domain, CRM id and CSM" : "each account's name, domain and CRM id"}
                      scope={csmId === "none" ? "Only accounts without a CSM were searched." : csmId === "inactive" ? "Only accounts whose CSM is inactive were searched." : csmId ? "Only this CSM's accounts were searched." : undefined}
                      onClear={clearSearch}
                    />
                  ) : (
                    <EmptyState icon="accounts" title={csmId || cursor ? "No accounts match" : "No accounts yet"}>
                      {me.role === "csm"
                        ? "Accounts appear here once a workflow assigns them to you."
                        : "A workflow's “Create account” step adds one for each closed deal. Test runs create test accounts, shown with “Show test accounts”."}
                    </EmptyState>
                  )
                }
                columns={[
                  {
                    key: "name",
                    header: "Account",
                    render: (a) => (
                      <div class="cell-title acc-name">
                        <span class="acc-name__text">
                          <a class="cell-title__main" href={`/accounts/${encodeURIComponent(a.id)}`}>
                            {a.name}
                          </a>
                          <span class="cell-muted acc-name__domain">{a.domain ?? "—"}</span>
                        </span>
                        {a.mode === "test" ? <Badge tone="muted">Test</Badge> : null}
                      </div>
                    ),
                  },
                  {
                    key: "csm",
                    header: "CSM",
                    width: "13%",
                    render: (a) =>
                      a.csm ? (
                        <>
                          <span class="cell-truncate">{a.csm.name}</span>
                          {/* Deactivated: someone should take the account over (the page's Change CSM). */}
                          {csmInactive(people, a.csm.id) ? (
                            <span class="cell-sub">
                              <Badge tone="warning">CSM inactive</Badge>
                            </span>
                          ) : null}
                        </>
                      ) : (
                        <span class="cell-muted">Unassigned</span>
                      ),
                  },
                  {
                    key: "segment",
                    // Both, labelled as both: a region alone under "Segment" read as a segment.
                    header: "Segment · Region",
                    width: "16%",
                    render: (a) => <span class="acc-wrap cell-muted">{a.segment || a.region ? `${a.segment ?? "—"} · ${a.region ?? "—"}` : "—"}</span>,
                  },
                  { key: "arr", header: "ARR", width: "96px", align: "end", render: (a) => <span class="acc-num">{formatMoney(a.arr)}</span> },
                  { key: "template", header: "Template", width: "16%", render: (a) => (a.template ? <span class="acc-wrap">{a.template.name}</span> : <span class="cell-muted">None yet</span>) },
                  { key: "source", header: "Source", width: "96px", render: (a) => <span class="cell-muted">{crmName(a.source.connector)}</span> },
                  { key: "created", header: "Created", width: "116px", render: (a) => <span class="cell-muted acc-nowrap" title={a.createdAt}>{formatAgo(a.createdAt)}</span> },
                ]}
              />
              {cursors.length > 1 || p.nextCursor ? (
                <nav class="acc-pager" aria-label="Pages of accounts">
                  <span>Page {cursors.length}</span>
                  <span class="cluster">
                    <Button size="sm" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                      Newer
                    </Button>
                    <Button size="sm" disabled={!p.nextCursor} onClick={() => p.nextCursor && setCursors((c) => [...c, p.nextCursor])}>
                      Older
                    </Button>
                  </span>
                </nav>
              ) : null}
            </>
          )}
        </Loadable>
      </Card>
    </>
  );
}
