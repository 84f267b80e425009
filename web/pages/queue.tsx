import { useLocation } from "preact-iso";
import { useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import { Button } from "../components/button";
import { Checkbox } from "../components/field";
import { EmptyState } from "../components/empty-state";
import { PageHeader } from "../components/page-header";
import { NoMatches, SearchField } from "../components/search-field";
import { LoadingBlock } from "../components/spinner";
import { Tabs, tabId, tabPanelId, type TabItem } from "../components/tabs";
import { errorMessage } from "../lib/api";
import type { Person, QueueCounts, QueueItem, SessionUser } from "../lib/api-types";
import { listVisiblePools } from "../lib/endpoints/directory";
import { listWorkflowNames, queueCounts } from "../lib/endpoints/queue";
import { useSettledSearch } from "../lib/search";
import { useAppState } from "../state/context";
import { KIND_INFO } from "./queue/labels";
import { QueueDetail } from "./queue/queue-detail";
import { QueueList } from "./queue/queue-list";
import { KINDS, TAB_LABELS, filtersFromQuery, filtersToSearch, hasFilters, listQueryFor, searchScope, tabsFor, type QueueFilters, type QueueTab } from "./queue/query";
import { usePeople } from "./queue/use-people";
import { useQueueList } from "./queue/use-queue-list";
import "./queue/queue.css";

/** Workflows seen in lists, so CSMs (who cannot list workflows) can still filter by one. */
const seenWorkflows = new Map<string, string>();
/** The last tab counts per mode, so opening an item (a fresh mount) does not blink them away. */
const lastCounts = new Map<string, QueueCounts>();

/** Re-renders every 30 s so due badges move on ("Due in 5 h" → "Due in 4 h"). */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

const EMPTY: Record<QueueTab, { title: string; text: (role: SessionUser["role"]) => string }> = {
  mine: { title: "Nothing on your plate", text: () => "Items assigned to you or claimed by you show up here. The Pool tab has work anyone in your pools can pick up." },
  pool: {
    title: "The pool is clear",
    text: (role) => (role === "admin" ? "No open item is waiting without an owner." : "Nothing is waiting in your pools right now. New items appear here as runs need a person."),
  },
  all: { title: "The queue is empty", text: () => "Runs pause here when they need a person: approvals, reviews, forms, handoffs and CSM assignments." },
  done: { title: "Nothing finished yet", text: () => "Completed, expired and cancelled items appear here, newest first." },
};

/** `/queue` and `/queue/:id`: the Queue Dashboard — tabs, filters, the list and the open item. */
export function QueuePage({ id }: { id?: string }) {
  // Each filter's label points at its select, not around it: wrapped, its text took in every option's (workflow names).
  const [kindFilterId, workflowFilterId] = [`kind-filter-${useId()}`, `workflow-filter-${useId()}`];
  const state = useAppState();
  const me = state.user.value as SessionUser;
  const { api, queueCounts: navCounts } = state;
  const { query, route } = useLocation();
  const filters = filtersFromQuery(query, me.role);
  const search = filtersToSearch(filters, me.role);
  // The list asks for the search once typing pauses; the box and the address follow every key.
  const typedSearch = useSettledSearch(filters.q ?? "");
  const apiQuery = listQueryFor({ ...filters, q: typedSearch.q }, me.role);
  const list = useQueueList(api, apiQuery);
  const now = useNow();
  const peopleList = usePeople(api);
  const people = useMemo(() => new Map<string, Person>((peopleList ?? []).flatMap((p) => [[p.id, p], [p.email, p]] as [string, Person][])), [peopleList]);
  const [poolNames, setPoolNames] = useState(new Map<string, string>());
  const [workflows, setWorkflows] = useState(new Map(seenWorkflows));
  const countsMode = filters.test ? "test" : "live";
  const [counts, setCounts] = useState<QueueCounts | null>(lastCounts.get(countsMode) ?? null);

  // Everyone gets the names of the pools they work from; admins also list every workflow (CSMs
  // get workflow names from the items they see).
  useEffect(() => {
    listVisiblePools(api).then((ps) => setPoolNames(new Map(ps.map((p) => [p.id, p.name]))), () => undefined);
    if (me.role !== "admin") return;
    listWorkflowNames(api).then(
      (ws) => {
        for (const w of ws) if (w.status !== "archived") seenWorkflows.set(w.id, w.name);
        setWorkflows(new Map(seenWorkflows));
      },
      () => undefined,
    );
  }, []);

  useEffect(() => {
    const items = list.data?.items ?? [];
    if (items.some((i) => seenWorkflows.get(i.workflowId) !== i.workflowName)) {
      for (const i of items) seenWorkflows.set(i.workflowId, i.workflowName);
      setWorkflows(new Map(seenWorkflows));
    }
  }, [list.data]);

  // The tab counts follow the list (same mode), refreshed with it.
  useEffect(() => {
    setCounts(lastCounts.get(countsMode) ?? null);
    queueCounts(api, countsMode).then((c) => {
      lastCounts.set(countsMode, c);
      setCounts(c);
      landOnPool(c);
    }, () => undefined);
  }, [list.data, countsMode]);

  const go = (next: Partial<QueueFilters>) => {
    const f = { ...filters, ...next };
    route(`/queue${id ? `/${encodeURIComponent(id)}` : ""}${filtersToSearch(f, me.role)}`, true);
  };
  const clearSearch = () => {
    typedSearch.now();
    go({ q: "" });
  };

  // A CSM who opens the queue with nothing of their own lands on the pool's work instead of an
  // empty "My items" — once per visit, so choosing "My items" afterwards stays there.
  // Decided on the first fresh counts of the visit (not the cached ones, which may be old).
  const landed = useRef(false);
  const landOnPool = (c: QueueCounts) => {
    if (landed.current) return;
    landed.current = true;
    const mine = c.assignedToMe + c.claimedByMe;
    if (me.role !== "admin" && query.tab === undefined && filters.tab === "mine" && mine === 0 && c.open > 0) go({ tab: "pool" });
  };

  const onChanged = (item: QueueItem) => {
    list.patch(item);
    void list.refresh();
    void navCounts.refresh();
  };

  const tabs: TabItem<QueueTab>[] = tabsFor(me.role).map((t) => ({
    id: t,
    label: TAB_LABELS[t],
    count: t === "mine" && counts ? counts.assignedToMe + counts.claimedByMe : null,
  }));

  const workflowOptions = [...workflows].sort((a, b) => a[1].localeCompare(b[1]));
  if (filters.workflowId && !workflows.has(filters.workflowId)) workflowOptions.unshift([filters.workflowId, "This workflow"]);
  const items = list.data?.items ?? [];
  const empty = EMPTY[filters.tab];

  return (
    <>
      <PageHeader
        title="Queue"
        description="Work that runs are waiting on: approvals, reviews, forms, handoffs and CSM assignments."
        actions={
          <>
            <Checkbox switch label="Show test items" checked={filters.test} onChange={(e) => go({ test: e.currentTarget.checked })} />
            <Button icon="refresh" loading={list.loading && !!list.data} onClick={() => void list.refresh()}>
              Refresh
            </Button>
          </>
        }
      />
      <div class="q-layout">
        <section class="card q-side" aria-label="Queue">
          <Tabs label="Queue views" idPrefix="queue" tabs={tabs} current={filters.tab} onChange={(tab) => go({ tab })} />
          <div class="q-filters" role="group" aria-label="Filters">
            <SearchField
              class="q-search"
              label="Search the queue"
              placeholder="Title, account or workflow"
              value={filters.q ?? ""}
              onInput={(text) => {
                typedSearch.typed();
                go({ q: text });
              }}
              onClear={clearSearch}
            />
            <div class="q-filter">
              <label class="visually-hidden" for={kindFilterId}>
                Kind
              </label>
              <select id={kindFilterId} class="control control--select" value={filters.kind} onChange={(e) => go({ kind: e.currentTarget.value as QueueFilters["kind"] })}>
                <option value="">All kinds</option>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_INFO[k].plural}
                  </option>
                ))}
              </select>
            </div>
            <div class="q-filter">
              <label class="visually-hidden" for={workflowFilterId}>
                Workflow
              </label>
              <select id={workflowFilterId} class="control control--select" value={filters.workflowId} onChange={(e) => go({ workflowId: e.currentTarget.value })}>
                <option value="">All workflows</option>
                {workflowOptions.map(([wid, name]) => (
                  <option key={wid} value={wid}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            {filters.tab !== "done" ? <Checkbox label="Overdue only" checked={filters.overdue} onChange={(e) => go({ overdue: e.currentTarget.checked })} /> : null}
          </div>
          <div class="q-side__body" role="tabpanel" id={tabPanelId("queue")} aria-labelledby={tabId("queue", filters.tab)}>
            {filters.test ? <p class="q-mode-note">Showing test items from the builder's test panel.</p> : null}
            {list.error && list.data ? (
              // A refresh or "Show more" failed: the rows below are what was loaded before, and may be out of date.
              <p class="q-mode-note q-stale" role="alert">
                Couldn't refresh the queue: {errorMessage(list.error)} The list may be out of date.{" "}
                <Button size="sm" variant="ghost" onClick={() => void list.refresh()}>
                  Try again
                </Button>
              </p>
            ) : null}
            {!list.data ? (
              list.error ? (
                <EmptyState icon="alert" title="Couldn't load the queue" action={<Button icon="refresh" onClick={() => void list.refresh()}>Try again</Button>}>
                  {errorMessage(list.error)}
                </EmptyState>
              ) : (
                <LoadingBlock label="Loading the queue…" />
              )
            ) : items.length === 0 ? (
              apiQuery.q ? (
                <NoMatches
                  icon="queue"
                  what="items"
                  q={apiQuery.q}
                  looksAt="each item's title, account and workflow"
                  scope={searchScope(filters)}
                  onClear={clearSearch}
                />
              ) : hasFilters(filters) ? (
                <EmptyState icon="queue" title="No items match these filters" action={<Button onClick={() => go({ kind: "", workflowId: "", overdue: false })}>Clear filters</Button>} />
              ) : (
                <EmptyState
                  icon="queue"
                  title={empty.title}
                  action={filters.tab === "mine" ? <Button onClick={() => go({ tab: "pool" })}>View pool</Button> : undefined}
                >
                  {empty.text(me.role)}
                </EmptyState>
              )
            ) : (
              <>
                <QueueList items={items} selectedId={id} search={search} me={me} people={people} poolNames={poolNames} now={now} />
                {list.data.nextCursor ? (
                  <div class="q-more">
                    <Button size="sm" loading={list.loading} onClick={() => void list.loadMore()}>
                      Show more
                    </Button>
                  </div>
                ) : null}
                <p class="q-keys" aria-hidden="true">
                  <kbd>j</kbd>/<kbd>k</kbd> or <kbd>↓</kbd>/<kbd>↑</kbd> to move · <kbd>Enter</kbd> to open
                </p>
              </>
            )}
          </div>
        </section>
        <section class="q-main" aria-label="Selected item">
          {id ? (
            <QueueDetail id={id} me={me} people={people} search={search} now={now} onChanged={onChanged} />
          ) : (
            <div class="card q-placeholder">
              <EmptyState icon="queue" title={items.length ? "Choose an item" : "No item open"}>
                {items.length ? "Open an item from the list to see its context and act on it." : "When an item arrives it appears in the list."}
              </EmptyState>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
