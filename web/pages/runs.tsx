import { useEffect, useId } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Badge, RunStatusPill } from "../components/badge";
import { Button } from "../components/button";
import { Card } from "../components/card";
import { EmptyState } from "../components/empty-state";
import { Loadable } from "../components/loadable";
import { PageHeader } from "../components/page-header";
import { SearchField } from "../components/search-field";
import { Table } from "../components/table";
import type { RunListItem, WorkflowListItem } from "../lib/api-types";
import { listRuns } from "../lib/endpoints/runs";
import { listWorkflows } from "../lib/endpoints/workflows";
import { useSettledSearch } from "../lib/search";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import "../builder/lists.css";
import { formatDateTime, formatDuration, formatRelative, isLive, runDuration } from "../builder/runs/format";
import { isFiltered, MODE_OPTIONS, runViewFromQuery, runViewToSearch, STATUS_OPTIONS, withFilters, type RunView } from "./runs/query";
import "./runs/runs.css";

const PAGE_SIZE = 25;

/**
 * A labelled filter. The label points at the select rather than wrapping it: wrapped, the label's
 * text took in every option's (workflow names among them), so a lookup by label could match it.
 */
function Filter<T extends string>({ label, value, options, onChange, class: cls }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void; class?: string }) {
  const id = `filter-${useId()}`;
  return (
    <div class={cls ? `toolbar-field ${cls}` : "toolbar-field"}>
      <label class="toolbar-field__label" for={id}>
        {label}
      </label>
      <select id={id} class="control control--select" value={value} onChange={(e) => onChange(e.currentTarget.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** `/runs` and `/workflows/:id/runs`: runs newest first, filtered, searched, a page at a time. */
export function RunsPage({ id: scopedId }: { id?: string }) {
  const { api } = useAppState();
  // The whole view lives in the address (`?status=failed&q=acme&cursor=…&page=2`): a filtered list
  // can be shared, survives a reload, and Back/Forward step through the filters and pages chosen.
  const { path, query, route } = useLocation();
  const view = runViewFromQuery(query);
  const { status, mode, workflowId, cursor } = view;
  const search = useSettledSearch(view.q);
  const q = search.q;
  const workflows = useLoad<WorkflowListItem[]>(() => listWorkflows(api, "all"), []);
  const wf = scopedId ?? workflowId;
  const page = useLoad(() => listRuns(api, { workflowId: wf || undefined, status: status || undefined, mode, q: q.trim() || undefined, cursor, limit: PAGE_SIZE }), [wf, status, mode, q, cursor]);
  /** Discrete choices (a filter, a page) are history entries; typing in the search replaces the current one. */
  const go = (next: RunView, replace = false) => route(`${path}${runViewToSearch(next)}`, replace);

  // While runs on this page are still going, keep the page fresh.
  const live = page.state.data?.items.some((r) => isLive(r.status));
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => void page.reload(), 5000);
    return () => clearInterval(t);
  }, [live, wf, status, mode, q, cursor]);

  const scoped = scopedId ? workflows.state.data?.find((w) => w.id === scopedId) : undefined;
  const title = scopedId ? `Runs of ${scoped?.name ?? "workflow"}` : "Runs";
  return (
    <>
      <PageHeader
        title={title}
        eyebrow={scopedId ? <a href={`/workflows/${scopedId}`}>← Back to the workflow</a> : undefined}
        description="Every execution, newest first. Open one to see the path it took, each step's data and its timeline."
      />
      <Card flush>
        <div class="table-toolbar">
          <SearchField
            class="toolbar-field runs-search"
            label="Search"
            showLabel
            placeholder="Name, CRM id or run id"
            value={view.q}
            onInput={(text) => {
              search.typed();
              go(withFilters(view, { q: text }), true);
            }}
            onClear={() => {
              search.now();
              go(withFilters(view, { q: "" }), true);
            }}
          />
          {!scopedId ? (
            <Filter
              class="runs-workflow"
              label="Workflow"
              value={workflowId}
              options={workflowOptions(workflows.state.data, workflowId)}
              onChange={(v) => go(withFilters(view, { workflowId: v }))}
            />
          ) : null}
          <Filter label="Status" value={status} options={STATUS_OPTIONS} onChange={(v) => go(withFilters(view, { status: v }))} />
          <Filter label="Mode" value={mode} options={MODE_OPTIONS} onChange={(v) => go(withFilters(view, { mode: v }))} />
        </div>
        <Loadable loaded={page} what="runs">
          {(p) => (
            <>
              <Table<RunListItem>
                caption={title}
                rows={p.items}
                rowKey={(r) => r.id}
                empty={
                  isFiltered(view) || cursor ? (
                    <EmptyState
                      icon="runs"
                      title="No runs match"
                      action={
                        <Button size="sm" onClick={() => go({ ...view, status: "", workflowId: "", q: "", cursor: null, page: 1 })}>
                          Clear filters
                        </Button>
                      }
                    >
                      {view.q.trim() ? `Nothing found for “${view.q.trim()}” with these filters. The search looks at the record's name, its CRM id and the run id.` : "Try other filters."}
                    </EmptyState>
                  ) : (
                    <EmptyState icon="runs" title="No runs yet">
                      {mode === "live" ? "Runs start when an active workflow's CRM trigger fires. Test runs from the builder are under “Test runs”." : "Runs started from the builder's test panel are listed here."}
                    </EmptyState>
                  )
                }
                columns={[
                  {
                    key: "account",
                    header: "Account",
                    render: (r) => (
                      <div class="cell-stack">
                        <a class="cell-title__main" href={`/runs/${r.id}`}>
                          {r.subject.name ?? r.subject.objectId ?? "Run"}
                        </a>
                        <span class="cell-muted cell-small">
                          {[r.subject.connector, r.subject.objectId].filter(Boolean).join(" · ") || r.id}
                          {r.mode === "test" ? " " : ""}
                          {r.mode === "test" ? <Badge tone="muted">Test</Badge> : null}
                        </span>
                      </div>
                    ),
                  },
                  {
                    key: "workflow",
                    header: "Workflow",
                    width: "18%",
                    render: (r) => (
                      <div class="cell-stack">
                        <a href={`/workflows/${r.workflowId}`} class="cell-truncate">
                          {r.workflowName}
                        </a>
                        <span class="cell-muted cell-small">{r.version ? `v${r.version}` : "Draft"}</span>
                      </div>
                    ),
                  },
                  {
                    key: "status",
                    header: "Status",
                    width: "180px",
                    render: (r) => (
                      <div class="cell-stack">
                        <RunStatusPill status={r.status} />
                        {r.status === "failed" && r.error?.message ? (
                          // Cut to one line; the whole reason is in the tooltip (and read out in full).
                          <span class="cell-small cell-truncate run-reason" title={r.error.message}>
                            {r.error.message}
                          </span>
                        ) : null}
                      </div>
                    ),
                  },
                  // Wide enough that "12 min ago" and "2 min 30 s" stay on one line.
                  { key: "started", header: "Started", width: "124px", render: (r) => <span title={formatDateTime(r.startedAt)}>{formatRelative(r.startedAt)}</span> },
                  { key: "duration", header: "Duration", width: "110px", render: (r) => formatDuration(runDuration(r)) },
                  {
                    key: "current",
                    header: "Current step",
                    width: "140px",
                    render: (r) =>
                      r.currentStep ? (
                        <span class="cell-truncate" title={r.currentStep}>
                          {r.currentStep}
                        </span>
                      ) : r.currentNodeIds.length ? (
                        <span class="cell-mono">{r.currentNodeIds.join(", ")}</span>
                      ) : (
                        <span class="cell-muted">—</span>
                      ),
                  },
                ]}
              />
              {cursor || p.nextCursor ? (
                <nav class="pager" aria-label="Pages of runs">
                  <span>Page {view.page}</span>
                  <span class="cluster">
                    <Button size="sm" disabled={!cursor} onClick={() => go({ ...view, cursor: p.prevCursor ?? null, page: p.prevCursor ? Math.max(2, view.page - 1) : 1 })}>
                      Newer
                    </Button>
                    <Button size="sm" disabled={!p.nextCursor} onClick={() => p.nextCursor && go({ ...view, cursor: p.nextCursor, page: view.page + 1 })}>
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

/** The workflow choices; a workflow named by the address but not (yet) listed still shows as chosen. */
function workflowOptions(items: WorkflowListItem[] | undefined, chosen: string) {
  const options = [{ value: "", label: "All workflows" }, ...(items ?? []).map((w) => ({ value: w.id, label: w.name }))];
  if (chosen && !options.some((o) => o.value === chosen)) options.push({ value: chosen, label: items ? "Unknown workflow" : "Loading…" });
  return options;
}
