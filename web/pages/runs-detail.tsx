import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useState } from "preact/hooks";
import { Badge, RunStatusPill } from "../components/badge";
import { Button } from "../components/button";
import { Card } from "../components/card";
import { ConfirmDialog } from "../components/confirm-dialog";
import { EmptyState } from "../components/empty-state";
import { LoadingBlock } from "../components/spinner";
import { PageHeader } from "../components/page-header";
import { errorMessage, isApiError } from "../lib/api";
import type { NodeTypeInfo, RunDetail, RunQueueItem } from "../lib/api-types";
import { listNodeTypes } from "../lib/endpoints/node-types";
import { cancelRun, listRunQueueItems, retryRun } from "../lib/endpoints/runs";
import { useAppState } from "../state/context";
import "../builder/builder.css";
import "../builder/lists.css";
import "./runs/runs.css";
import { ReadOnlyCanvas } from "../builder/canvas/read-only-canvas";
import { createCatalog } from "../builder/catalog";
import { runOverlay } from "../builder/run-overlay";
import { formatDateTime, formatDuration, isLive, runDuration } from "../builder/runs/format";
import { withRenderedTitles } from "../builder/runs/rendered-titles";
import { runAccount } from "../builder/runs/run-account";
import { StepList, stepName } from "../builder/runs/step-list";
import { RunTasks } from "../builder/runs/task-inline";
import { Timeline } from "../builder/runs/timeline";
import { useRun } from "../builder/runs/use-run";

/** How often a running or waiting run is refreshed when nothing is pushed. */
const POLL_MS = 1500;

/** `/runs/:id`: one run — its pinned definition with the path taken, timeline, steps, and controls. */
export function RunDetailPage({ id }: { id: string }) {
  const { api, toasts } = useAppState();
  const [types, setTypes] = useState<NodeTypeInfo[] | null>(null);
  const [typesError, setTypesError] = useState<unknown>(null);
  const watch = useRun(api, id, POLL_MS);
  const run = watch.run;
  const [tasks, setTasks] = useState<RunQueueItem[]>([]);
  const [openNode, setOpenNode] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<null | "cancel" | "retry">(null);

  useEffect(() => {
    listNodeTypes(api).then(setTypes, setTypesError);
  }, []);
  // Queue items give human steps their claim time (waiting vs handling); refreshed with the run.
  const taskKey = run ? `${run.status}:${run.steps.length}:${run.tasks.map((t) => t.status).join()}` : "";
  useEffect(() => {
    if (!run || run.tasks.length === 0) return;
    listRunQueueItems(api, run.id, run.mode).then(setTasks, () => undefined);
  }, [taskKey]);

  const catalog = useMemo(() => (types ? createCatalog(types) : null), [types]);
  // Node titles read as the run saw them ("Approve onboarding for Brightline", not "{{account.name}}").
  const definition = useMemo(() => (run ? withRenderedTitles(run.definition, run.data) : null), [run?.definition, run?.data]);
  const shown = useMemo(() => (run && definition ? { ...run, definition } : null), [run, definition]);
  const overlay = useMemo(() => (shown && catalog ? runOverlay(shown, shown.definition, catalog) : null), [shown, catalog]);

  if (watch.error && !run) {
    const gone = isApiError(watch.error) && watch.error.status === 404;
    return (
      <EmptyState as="h1" icon={gone ? "compass" : "alert"} title={gone ? "This run does not exist" : "Couldn't load the run"} action={<a href="/runs">All runs</a>}>
        {gone ? "It may have been a test run of a workflow that was since removed, or the link is wrong." : errorMessage(watch.error)}
      </EmptyState>
    );
  }
  if (typesError) return <EmptyState as="h1" icon="alert" title="Couldn't load the step catalog">{errorMessage(typesError)}</EmptyState>;
  if (!run || !shown || !catalog) return <LoadingBlock label="Loading the run…" />;

  const subject = run.subject.name ?? run.subject.objectId ?? "Run";
  const openTasks = run.tasks.filter((t) => t.status === "open" || t.status === "claimed");
  const current = run.currentNodeIds.map((n) => stepName(shown.definition, catalog, n)).join(", ");
  const account = runAccount(run);
  const failedStep = run.error?.nodeId ? stepName(shown.definition, catalog, run.error.nodeId) : null;
  async function act(kind: "cancel" | "retry") {
    await (kind === "cancel" ? cancelRun(api, run!.id) : retryRun(api, run!.id));
    setConfirm(null);
    toasts.success(kind === "cancel" ? "Run cancelled" : "Run resumed", kind === "cancel" ? "Its open tasks were cancelled too." : "It continues from the step that failed.");
    await watch.refresh();
  }

  return (
    <>
      <PageHeader
        title={subject}
        eyebrow={<a href={`/workflows/${run.workflowId}/runs`}>← Runs of {run.workflowName}</a>}
        description={
          <>
            <a class="run-header-link" href={`/workflows/${encodeURIComponent(run.workflowId)}`}>
              {run.workflowName}
            </a> · {run.version ? `version ${run.version}` : "the draft"} · started {formatDateTime(run.startedAt)}
            {account ? (
              <>
                {" · account "}
                <a class="run-header-link" href={`/accounts/${encodeURIComponent(account.id)}`}>
                  {account.name ?? account.id}
                </a>
              </>
            ) : null}
          </>
        }
        actions={
          <>
            {account ? (
              <a class="btn btn--secondary btn--md" href={`/accounts/${encodeURIComponent(account.id)}`}>
                Open account
              </a>
            ) : null}
            <a class="btn btn--secondary btn--md" href={`/workflows/${encodeURIComponent(run.workflowId)}`}>
              Open workflow
            </a>
            {isLive(run.status) ? (
              <Button variant="danger" onClick={() => setConfirm("cancel")}>
                Cancel run
              </Button>
            ) : null}
            {/* Only a run that failed at a step resumes; one an End step failed on purpose has nothing to retry (the server refuses it). */}
            {run.status === "failed" && run.error ? (
              <Button variant="primary" icon="refresh" onClick={() => setConfirm("retry")}>
                Retry
              </Button>
            ) : null}
          </>
        }
      />
      <div class="stack stack--lg">
        <Card>
          <dl class="run-facts">
            <div>
              <dt>Status</dt>
              <dd>
                <RunStatusPill status={run.status} /> {run.mode === "test" ? <Badge tone="muted">Test</Badge> : null}
              </dd>
            </div>
            <div>
              <dt>Duration</dt>
              <dd>{formatDuration(runDuration(run))}</dd>
            </div>
            <div>
              <dt>Steps</dt>
              <dd>{run.steps.length}</dd>
            </div>
            <div>
              <dt>Current step</dt>
              <dd>{current || "—"}</dd>
            </div>
            <div>
              <dt>Source</dt>
              <dd>{[run.subject.connector, run.subject.objectId].filter(Boolean).join(" · ") || "—"}</dd>
            </div>
            <div>
              <dt>Outcome</dt>
              <dd>{outcomeText(run, failedStep)}</dd>
            </div>
          </dl>
          {run.error ? (
            <div class="run-error" role="note">
              <strong>{failedStep ? `${failedStep} failed: ` : "Failed: "}</strong>
              {run.error.message}
            </div>
          ) : null}
          {isLive(run.status) ? <p class="visually-hidden">This run is still going; the page updates by itself.</p> : null}
        </Card>
        {openTasks.length > 0 && run.mode === "test" ? (
          <Card title="Waiting for a person" description="This is a test run: complete its task here.">
            <RunTasks api={api} run={run} onChanged={() => void watch.refresh()} />
          </Card>
        ) : null}
        {openTasks.length > 0 && run.mode === "live" ? (
          <Card title="Waiting for a person" description="The run goes on once the task is completed in the queue.">
            <ul class="task-links">
              {openTasks.map((t) => (
                <li key={t.id}>
                  <a href={`/queue/${encodeURIComponent(t.id)}`}>{t.title}</a>
                  <span class="cell-muted"> · {t.status === "claimed" ? "claimed" : "open"}{t.dueAt ? `, due ${formatDateTime(t.dueAt)}` : ""}</span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        <div class="run-grid">
          <Card
            title="Path"
            description={`${run.version ? `Version ${run.version}, which this run is pinned to` : "The draft as it was when this test run started"}; the steps it went through are marked. Select one to see its data.`}
            flush
          >
            <div class="run-canvas">
              <ReadOnlyCanvas definition={shown.definition} catalog={catalog} overlay={overlay} selectedNodeId={openNode} onSelectNode={setOpenNode} label={`Path of the run through ${run.workflowName}`} />
            </div>
          </Card>
          <Card title="Steps">
            <StepList run={shown} catalog={catalog} openNodeId={openNode} onToggle={setOpenNode} />
          </Card>
        </div>
        <Card title="Timeline" description="When each step ran and how long it took.">
          <Timeline run={shown} catalog={catalog} tasks={tasks} />
        </Card>
      </div>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === "cancel" ? "Cancel this run?" : "Retry this run?"}
        confirmLabel={confirm === "cancel" ? "Cancel run" : "Retry run"}
        cancelLabel={confirm === "cancel" ? "Keep it running" : "Not now"}
        tone={confirm === "cancel" ? "danger" : "primary"}
        onCancel={() => setConfirm(null)}
        onConfirm={() => act(confirm!)}
      >
        <p>
          {confirm === "cancel"
            ? "The run stops where it is and its open queue items are cancelled. This cannot be undone."
            : `The run resumes from the step that failed${failedStep ? ` (${failedStep})` : ""}.`}
        </p>
      </ConfirmDialog>
    </>
  );
}

/** How the run ended, in a few words; a step failure names the step (its message is in the note below). */
function outcomeText(run: RunDetail, failedStep: string | null): string {
  if (!run.outcome) return isLive(run.status) ? "Not finished" : "—";
  if (run.outcome.status === "failed" && failedStep) return `Failed at ${failedStep}`;
  return run.outcome.reason ?? (run.outcome.status === "completed" ? "Finished normally" : run.outcome.status === "cancelled" ? "Cancelled" : "Failed");
}
