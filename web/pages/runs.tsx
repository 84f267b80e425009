import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Badge, StatusPill } from "../components/badge";
import { Button } from "../components/button";
import { Card } from "../components/card";
import { EmptyState } from "../components/empty-state";
import { Loadable } from "../components/loadable";
import { PageHeader } from "../components/page-header";
import { Table } from "../components/table";
import type { RunListItem, RunMode, RunStatus, WorkflowListItem } from "../lib/api-types";
import { listRuns } from "../lib/endpoints/runs";
import { listWorkflows } from "../lib/endpoints/workflows";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import "../builder/lists.css";
import { formatDateTime, formatDuration, formatRelative, isLive, runDuration } from "../builder/runs/format";

const PAGE_SIZE = 25;
const STATUSES: { value: "" | RunStatus; label: string }[] = [
  { value: "", label: "Any status" },
  { value: "running", label: "Running" },
  { value: "paused", label: "Waiting" },
  { value: "completed", label: "Completed" },
  { value: "failed", label: "Failed" },
  { value: "cancelled", label: "Cancelled" },
];
const MODES: { value: RunMode | "all"; label: string }[] = [
  { value: "live", label: "Live runs" },
  { value: "test", label: "Test runs" },
  { value: "all", label: "Live and test" },
];

interface RunFilters {
  status: "" | RunStatus;
  mode: RunMode | "all";
  workflowId: string;
}

/** The list's filters from the address's query, ignoring values it does not offer. */
export function runFiltersFromQuery(query: Record<string, string | undefined>): RunFilters {
  const status = STATUSES.some((s) => s.value === query.status) ? (query.status as RunStatus) : "";
  const mode = MODES.some((m) => m.value === query.mode) ? (query.mode as RunMode | "all") : "live";
  return { status, mode, workflowId: query.workflow ?? "" };
}

/** The query for `f`, leaving defaults out (so the plain list is `/runs`). */
export function runFiltersToSearch(f: RunFilters): string {
  const p = new URLSearchParams();
  if (f.workflowId) p.set("workflow", f.workflowId);
  if (f.status) p.set("status", f.status);
  if (f.mode !== "live") p.set("mode", f.mode);
  const q = p.toString();
  return q ? `?${q}` : "";
}

function Filter<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <label class="toolbar-field">
      <span class="toolbar-field__label">{label}</span>
      <select class="control control--select" value={value} onChange={(e) => onChange(e.currentTarget.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** `/runs` and `/workflows/:id/runs`: runs newest first, filtered, a page at a time. */
export function RunsPage({ id: scopedId }: { id?: string }) {
  const { api } = useAppState();
  // The filters live in the address (`?status=failed&mode=test&workflow=wf_1`), so a filtered view
  // can be shared, bookmarked and come back to with the browser's Back button.
  const { path, query, route } = useLocation();
  const { status, mode, workflowId } = runFiltersFromQuery(query);
  // The cursors of the pages before this one, to go back; null is the first page.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const workflows = useLoad<WorkflowListItem[]>(() => listWorkflows(api, "all"), []);
  const cursor = cursors[cursors.length - 1];
  const wf = scopedId ?? workflowId;
  const page = useLoad(() => listRuns(api, { workflowId: wf || undefined, status: status || undefined, mode, cursor, limit: PAGE_SIZE }), [wf, status, mode, cursor]);
  const filter = (next: Partial<RunFilters>) => {
    setCursors([null]);
    route(`${path}${runFiltersToSearch({ status, mode, workflowId, ...next })}`, true);
  };

  useEffect(() => {
    setCursors([null]);
  }, [scopedId]);
  // While runs on this page are still going, keep the page fresh.
  const live = page.state.data?.items.some((r) => isLive(r.status));
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => void page.reload(), 5000);
    return () => clearInterval(t);
  }, [live, wf, status, mode, cursor]);

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
          {!scopedId ? (
            <Filter
              label="Workflow"
              value={workflowId}
              options={[{ value: "", label: "All workflows" }, ...(workflows.state.data ?? []).map((w) => ({ value: w.id, label: w.name }))]}
              onChange={(v) => filter({ workflowId: v })}
            />
          ) : null}
          <Filter label="Status" value={status} options={STATUSES} onChange={(v) => filter({ status: v })} />
          <Filter label="Mode" value={mode} options={MODES} onChange={(v) => filter({ mode: v })} />
        </div>
        <Loadable loaded={page} what="runs">
          {(p) => (
            <>
              <Table<RunListItem>
                caption={title}
                rows={p.items}
                rowKey={(r) => r.id}
                empty={
                  <EmptyState icon="runs" title={status || cursor ? "No runs match" : "No runs yet"}>
                    {mode === "live" ? "Runs start when an active workflow's CRM trigger fires. Test runs from the builder are under “Test runs”." : "Try other filters."}
                  </EmptyState>
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
                    width: "24%",
                    render: (r) => (
                      <div class="cell-stack">
                        <a href={`/workflows/${r.workflowId}`} class="cell-truncate">
                          {r.workflowName}
                        </a>
                        <span class="cell-muted cell-small">{r.version ? `v${r.version}` : "Draft"}</span>
                      </div>
                    ),
                  },
                  { key: "status", header: "Status", width: "120px", render: (r) => <StatusPill status={r.status} label={r.status === "paused" ? "Waiting" : undefined} /> },
                  { key: "started", header: "Started", width: "120px", render: (r) => <span title={formatDateTime(r.startedAt)}>{formatRelative(r.startedAt)}</span> },
                  { key: "duration", header: "Duration", width: "110px", render: (r) => formatDuration(runDuration(r)) },
                  {
                    key: "current",
                    header: "Current step",
                    width: "150px",
                    render: (r) =>
                      r.currentStep ? (
                        <span class="cell-truncate" title={r.currentNodeIds.join(", ")}>
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
              {cursors.length > 1 || p.nextCursor ? (
                <nav class="pager" aria-label="Pages of runs">
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
