import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { Badge, StatusPill } from "../components/badge";
import { Button } from "../components/button";
import { Card } from "../components/card";
import { EmptyState } from "../components/empty-state";
import { Loadable } from "../components/loadable";
import { PageHeader } from "../components/page-header";
import { Table } from "../components/table";
import { errorMessage } from "../lib/api";
import type { WorkflowListItem, WorkflowStatus } from "../lib/api-types";
import { importWorkflow, listWorkflows } from "../lib/endpoints/workflows";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import "../builder/lists.css";
import { formatDateTime, formatRelative } from "../builder/runs/format";
import { parseWorkflowFile, pickJsonFile } from "../builder/transfer";
import { NewWorkflowDialog } from "./workflows-new-dialog";

const FILTERS: { value: "" | WorkflowStatus | "all"; label: string }[] = [
  { value: "", label: "All but archived" },
  { value: "active", label: "Active" },
  { value: "draft", label: "Draft" },
  { value: "paused", label: "Paused" },
  { value: "archived", label: "Archived" },
  { value: "all", label: "All, with archived" },
];

function RunCounts({ w }: { w: WorkflowListItem }) {
  const c = w.runCounts;
  if (c.total === 0) return <span class="cell-muted">No runs yet</span>;
  return (
    <a class="run-counts" href={`/workflows/${w.id}/runs`}>
      <span class="visually-hidden">Runs of {w.name}:</span>
      <span class="run-counts__total">{c.total}</span>
      {c.running ? <Badge tone="info">{c.running} running</Badge> : null}
      {c.paused ? <Badge tone="warning">{c.paused} waiting</Badge> : null}
      {c.completed ? <Badge tone="success">{c.completed} done</Badge> : null}
      {c.failed ? <Badge tone="danger">{c.failed} failed</Badge> : null}
    </a>
  );
}

/** `/workflows`: every workflow with its status, trigger, runs and last run; new and import. */
export function WorkflowsPage() {
  const { api, toasts } = useAppState();
  const { route } = useLocation();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]["value"]>("");
  const [q, setQ] = useState("");
  const [creating, setCreating] = useState(false);
  const list = useLoad(() => listWorkflows(api, filter || undefined), [filter]);

  async function doImport() {
    const file = await pickJsonFile();
    if (!file) return;
    try {
      const doc = parseWorkflowFile(file.text, file.name);
      const w = await importWorkflow(api, doc);
      // The server numbers a name that is taken; say so, or the copy is easy to mistake for the original.
      const renamed = w.name !== doc.name.trim() ? `A workflow named “${doc.name.trim()}” already exists, so this one is “${w.name}”. ` : "";
      toasts.success(`“${w.name}” imported`, `${renamed}It is a draft: check it, then publish.`);
      route(`/workflows/${w.id}`);
    } catch (e) {
      toasts.error("Couldn't import", errorMessage(e));
    }
  }

  const match = (w: WorkflowListItem) => !q.trim() || `${w.name} ${w.description} ${w.trigger.summary}`.toLowerCase().includes(q.trim().toLowerCase());
  return (
    <>
      <PageHeader
        title="Workflows"
        description="Automations that turn closed CRM deals into routed onboarding accounts with the right template."
        actions={
          <>
            <Button onClick={doImport}>Import</Button>
            <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
              New workflow
            </Button>
          </>
        }
      />
      <Card flush>
        <div class="table-toolbar">
          <input class="control control--search" type="search" aria-label="Search workflows" placeholder="Search workflows…" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
          <label class="toolbar-field">
            <span class="toolbar-field__label">Status</span>
            <select class="control control--select" value={filter} onChange={(e) => setFilter(e.currentTarget.value as typeof filter)}>
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <Loadable loaded={list} what="workflows">
          {(items) => (
            <Table
              caption="Workflows"
              rows={items.filter(match)}
              rowKey={(w) => w.id}
              rowMuted={(w) => w.status === "archived"}
              empty={
                items.length === 0 && !filter ? (
                  <EmptyState
                    icon="workflow"
                    title="No workflows yet"
                    action={
                      <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
                        New workflow
                      </Button>
                    }
                  >
                    Start from a ready-made workflow or a blank canvas.
                  </EmptyState>
                ) : (
                  <EmptyState icon="workflow" title="No workflows match">
                    Try another status or search.
                  </EmptyState>
                )
              }
              columns={[
                {
                  key: "name",
                  header: "Workflow",
                  render: (w) => (
                    <div class="cell-stack">
                      <a class="cell-title__main" href={`/workflows/${w.id}`}>
                        {w.name}
                      </a>
                      {w.description ? <span class="cell-truncate cell-muted">{w.description}</span> : null}
                    </div>
                  ),
                },
                {
                  key: "status",
                  header: "Status",
                  width: "140px",
                  render: (w) => (
                    <div class="cell-stack">
                      <StatusPill status={w.status} />
                      <span class="cell-muted cell-small">{w.publishedVersion ? `v${w.publishedVersion}` : "Not published"}</span>
                    </div>
                  ),
                },
                { key: "trigger", header: "Trigger", width: "22%", render: (w) => <span class="cell-truncate" title={w.trigger.summary}>{w.trigger.summary || "No trigger yet"}</span> },
                { key: "runs", header: "Runs", width: "24%", render: (w) => <RunCounts w={w} /> },
                {
                  key: "last",
                  header: "Last run",
                  width: "120px",
                  render: (w) => (w.lastRunAt ? <span title={formatDateTime(w.lastRunAt)}>{formatRelative(w.lastRunAt)}</span> : <span class="cell-muted">—</span>),
                },
              ]}
            />
          )}
        </Loadable>
      </Card>
      <NewWorkflowDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
