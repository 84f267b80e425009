/**
 * The Test panel (SPEC.md section 6): choose sample data — a fixture deal for the trigger's CRM, a
 * record fetched by id from its connector, or pasted JSON (a normalised deal or a raw CRM event) —
 * run the draft or a version, and watch: the path lights up on the canvas, each step shows its
 * input, output, port and duration, and waiting human tasks can be completed right here. Test runs
 * are sandboxed, and the panel says how.
 */
import { useEffect, useState } from "preact/hooks";
import { RunStatusPill } from "../components/badge";
import { Button } from "../components/button";
import { FormError } from "../components/field";
import { errorMessage, isApiError, type ApiClient } from "../lib/api";
import type { RunDetail, WorkflowDetail } from "../lib/api-types";
import { startTestRun, validateWorkflow } from "../lib/endpoints/workflows";
import type { DraftSync } from "./draft-sync";
import { formatDuration, isLive, runDuration } from "./runs/format";
import { StepList } from "./runs/step-list";
import { RunTasks } from "./runs/task-inline";
import { useRun } from "./runs/use-run";
import { recordSourceOf } from "./test-record";
import { SampleForm, SampleSummary, useSample } from "./test-sample";
import type { BuilderState } from "./state";

/** How often a test run is refreshed while it runs. */
const POLL_MS = 700;

export interface TestPanelProps {
  api: ApiClient;
  workflow: WorkflowDetail;
  state: BuilderState;
  sync: DraftSync;
  onRun: (run: RunDetail | null) => void;
  onClose: () => void;
}

export function TestPanel({ api, workflow, state, sync, onRun, onClose }: TestPanelProps) {
  const trigger = state.nodes.value.find((n) => state.catalog.byType.get(n.type)?.category === "trigger");
  const sample = useSample(trigger?.type, recordSourceOf(trigger));
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const [editing, setEditing] = useState(true);
  const watch = useRun(api, runId, POLL_MS);
  const run = watch.run;

  useEffect(() => onRun(run), [run]);
  useEffect(() => () => onRun(null), []);

  async function start() {
    setStartError(null);
    const body = sample.body();
    if (!body) return;
    setStarting(true);
    // The previous run's path leaves the canvas as the new one starts.
    setRunId(null);
    try {
      await sync.flush();
      if (sample.version === "draft") {
        // A draft with problems cannot run: say so with the list instead of a refused request.
        const check = await validateWorkflow(api, workflow.id);
        if (!check.valid) {
          sync.showIssues(check.errors);
          setStartError(`Fix the draft's ${check.errors.length === 1 ? "problem" : `${check.errors.length} problems`} first (marked on the canvas), or run a published version.`);
          return;
        }
      }
      const r = await startTestRun(api, workflow.id, { ...body, version: sample.version });
      state.select([]);
      setRunId(r.runId);
      setEditing(false);
    } catch (err) {
      if (isApiError(err) && err.status === 422 && err.details.some((d) => d.path?.startsWith("nodes") || d.path?.startsWith("edges"))) {
        sync.showIssues(err.details.map((d) => ({ nodeId: d.nodeId, path: d.path ?? "", message: d.message })));
        setStartError(`${err.message} The problems are marked on the canvas.`);
      } else setStartError(errorMessage(err));
    } finally {
      setStarting(false);
    }
  }

  const openNode = state.selectedNodeIds.value.length === 1 ? state.selectedNodeIds.value[0] : null;
  return (
    <aside class="test-panel" aria-labelledby="test-heading">
      <header class="inspector__header">
        {/* Focusable from script only: at phone width the Test button brings the panel into view and focus here. */}
        <h2 id="test-heading" class="panel-heading" tabIndex={-1}>
          Test run
        </h2>
        <Button variant="ghost" size="sm" icon="close" aria-label="Close the test panel" onClick={onClose} />
      </header>
      <div class="callout callout--info" role="note">
        <strong>Test mode:</strong> e-mails go to the outbox marked test, CRM write-backs are recorded as “would update” and not sent, and accounts are
        flagged test (hidden by default). Pool pointers and capacities are untouched.
      </div>
      {editing ? (
        <SampleForm api={api} sample={sample} versions={workflow.versions} starting={starting} error={startError} onRun={() => void start()} />
      ) : (
        <SampleSummary sample={sample} starting={starting} error={startError} onRun={() => void start()} onEdit={() => setEditing(true)} />
      )}
      {run ? (
        <section class="test-run" aria-labelledby="test-run-heading">
          <h3 id="test-run-heading" class="panel-heading panel-heading--sub">
            This run
          </h3>
          <div class="test-run__summary" role="status">
            <RunStatusPill status={run.status} />
            <span>{formatDuration(runDuration(run))}</span>
            <span>
              {run.steps.length} {run.steps.length === 1 ? "step" : "steps"}
            </span>
            <a href={`/runs/${run.id}`}>Open run</a>
          </div>
          {run.status === "paused" && run.waiting?.kind === "task" ? <p class="test-run__note">Waiting for a person: complete the task below to go on.</p> : null}
          {run.outcome?.reason ? <p class="test-run__note">{run.outcome.reason}</p> : null}
          {run.error ? <div class="step-error">{run.error.message}</div> : null}
          <RunTasks api={api} run={run} onChanged={() => void watch.refresh()} />
          <StepList run={run} catalog={state.catalog} openNodeId={openNode} onToggle={(id) => state.select(id ? [id] : [])} />
          {isLive(run.status) ? <p class="visually-hidden">The run is still going; this list updates by itself.</p> : null}
        </section>
      ) : watch.error ? (
        <FormError>{errorMessage(watch.error)}</FormError>
      ) : null}
    </aside>
  );
}
