/**
 * The builder screen: header with save state and the workflow's actions, toolbar, palette, canvas and
 * the side panel (properties or test). Lives inside ReactFlowProvider so palette, canvas and panels
 * share the viewport (STYLE.md habit 11).
 */
import { useReactFlow } from "@xyflow/react";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { StatusPill } from "../components/badge";
import { Button } from "../components/button";
import { errorMessage, isApiError } from "../lib/api";
import type { RunDetail, ValidationIssue, WorkflowDetail, WorkflowStatus, WorkflowVersion } from "../lib/api-types";
import { useDocumentTitle } from "../lib/document-title";
import { exportWorkflow, getWorkflow, getWorkflowVersion, publishWorkflow, setWorkflowStatus, validateWorkflow } from "../lib/endpoints/workflows";
import { useAppState } from "../state/context";
import { BuilderCanvas } from "./canvas/builder-canvas";
import { problemsByNode } from "./canvas/flow-model";
import { ReadOnlyCanvas } from "./canvas/read-only-canvas";
import { definitionBounds, frameBounds } from "./canvas/viewport";
import { isTrigger, portsOf } from "./catalog";
import { DetailEditor } from "./detail-editor";
import type { DraftSync } from "./draft-sync";
import { edgePort } from "./graph-rules";
import { BIcon } from "./icons";
import { Inspector } from "./inspector";
import { autoLayout, DEFAULT_NODE_SIZE } from "./layout";
import { useLookups } from "./lookups";
import { Palette } from "./palette";
import { runOverlay } from "./run-overlay";
import { formatDateTime, formatRelative } from "./runs/format";
import type { BuilderState } from "./state";
import { StatusActions } from "./status-actions";
import { TestPanel } from "./test-panel";
import { downloadJson, parseWorkflowFile, pickJsonFile } from "./transfer";
import { VersionsDialog } from "./versions-dialog";

export interface WorkspaceProps {
  state: BuilderState;
  sync: DraftSync;
  workflow: WorkflowDetail;
  setWorkflow: (fn: (w: WorkflowDetail) => WorkflowDetail) => void;
}

const canvasBox = () => document.querySelector(".builder__canvas")?.getBoundingClientRect();

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

function SaveState({ sync, readOnly }: { sync: DraftSync; readOnly: boolean }) {
  const status = sync.status.value;
  let text: string;
  if (readOnly) text = "Read-only";
  else if (status === "saving") text = "Saving…";
  else if (status === "dirty") text = "Unsaved changes";
  else if (status === "error") text = `Not saved: ${sync.error.value ?? "the server did not answer"}`;
  else text = "All changes saved";
  return (
    <span class={`save-state save-state--${readOnly ? "readonly" : status}`} role="status" title={sync.savedAt.value ? `Last saved ${formatDateTime(sync.savedAt.value.toISOString())}` : undefined}>
      {text}
      {status === "error" && !readOnly ? (
        <Button variant="ghost" size="sm" onClick={() => void sync.flush()}>
          Retry
        </Button>
      ) : null}
    </span>
  );
}

export function Workspace({ state, sync, workflow, setWorkflow }: WorkspaceProps) {
  const { api, toasts } = useAppState();
  const lookups = useLookups();
  const flow = useReactFlow();
  const measured = useRef<Record<string, { width: number; height: number }>>({});
  const [panel, setPanel] = useState<"inspect" | "test">("inspect");
  const [testRun, setTestRun] = useState<RunDetail | null>(null);
  const [detailFor, setDetailFor] = useState<string | null>(null);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [viewing, setViewing] = useState<WorkflowVersion | null>(null);
  const [publishing, setPublishing] = useState(false);
  /** The palette can fold away to give the canvas its width (steps can still be added from a handle). */
  const [showPalette, setShowPalette] = useState(true);
  const readOnly = workflow.status === "archived";
  useDocumentTitle(workflow.name);

  const issues = sync.issues.value;
  const problems = useMemo(() => problemsByNode(issues), [issues]);
  const overlay = useMemo(() => (panel === "test" && testRun ? runOverlay(testRun, testRun.definition, state.catalog) : null), [panel, testRun]);

  const people = lookups.users.value.items;
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of lookups.pools.value.items) m.set(p.id, p.name);
    for (const t of lookups.templates.value.items) m.set(t.id, t.name);
    for (const c of lookups.connectors.value.items) m.set(c.id, c.name);
    for (const u of people) m.set(u.id, u.name);
    return m;
  }, [lookups.pools.value, lookups.templates.value, lookups.connectors.value, people]);

  // Undo / redo from the keyboard, except while typing (text boxes keep their own undo) or in a dialog.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target) || document.querySelector(".modal") || readOnly || viewing) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        state.undo();
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        state.redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [readOnly, viewing]);

  // Leaving with changes not yet saved: ask the browser to confirm, and save on the way out.
  useEffect(() => {
    const onUnload = (e: BeforeUnloadEvent) => {
      if (sync.isDirty()) {
        void sync.flush();
        e.preventDefault();
      }
    };
    window.addEventListener("beforeunload", onUnload);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      void sync.flush();
    };
  }, []);

  /** "+" in the palette: after the selected step (connected to its first free output), else mid-view. */
  function addFromPalette(type: string) {
    const sel = state.selectedNode.value;
    let pos: { x: number; y: number };
    let connectFrom: { nodeId: string; port: string } | undefined;
    if (sel && !isTrigger(state.catalog, type)) {
      const ports = portsOf(state.catalog.byType.get(sel.type), sel.config);
      const idx = ports.findIndex((p) => !state.edges.value.some((e) => e.source === sel.id && edgePort(e, sel, state.catalog) === p.id));
      if (idx >= 0) connectFrom = { nodeId: sel.id, port: ports[idx].id };
      pos = { x: sel.position.x + (measured.current[sel.id]?.width ?? DEFAULT_NODE_SIZE.width) + 80, y: sel.position.y + Math.max(0, idx) * 140 };
    } else {
      const box = document.querySelector(".builder-canvas")?.getBoundingClientRect();
      const c = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      pos = { x: c.x - DEFAULT_NODE_SIZE.width / 2, y: c.y - DEFAULT_NODE_SIZE.height / 2 };
    }
    // Step down until the spot is free, so a new node never hides another.
    const taken = (p: { x: number; y: number }) => state.nodes.value.some((n) => Math.abs(n.position.x - p.x) < 200 && Math.abs(n.position.y - p.y) < 90);
    while (taken(pos)) pos = { x: pos.x, y: pos.y + 130 };
    const r = state.addNode(type, pos, { connectFrom });
    if (!r.ok) toasts.error("Can't add that step", r.reason);
  }

  /** Frames the graph as it now is in the state (React Flow catches up a render later). */
  const frame = (duration = 0) => {
    const bounds = definitionBounds(state.definition.value, (id) => measured.current[id]);
    if (bounds) frameBounds(flow, bounds, canvasBox(), duration);
  };

  function layout() {
    state.moveNodes(autoLayout(state.definition.value, (id) => measured.current[id]), true);
    frame(250);
  }

  async function reload() {
    const fresh = await getWorkflow(api, workflow.id);
    setWorkflow((w) => ({ ...fresh, name: w.name, description: w.description, reenroll: w.reenroll }));
  }

  function refusePublish(issues: ValidationIssue[]) {
    sync.showIssues(issues);
    state.select([]);
    setPanel("inspect");
    toasts.error("Fix the problems before publishing", `${issues.length} ${issues.length === 1 ? "problem is" : "problems are"} listed in the panel and marked on the canvas.`);
  }

  async function publish() {
    setPublishing(true);
    try {
      await sync.flush();
      // Ask first, so a draft with problems is answered with the list rather than a refused publish.
      const check = await validateWorkflow(api, workflow.id);
      if (!check.valid) return refusePublish(check.errors);
      const r = await publishWorkflow(api, workflow.id);
      await reload();
      toasts.success(`Version ${r.version} published`, workflow.status === "active" ? "New runs use it from now on." : "Activate the workflow to start runs from CRM events.");
    } catch (e) {
      if (isApiError(e) && e.status === 422) refusePublish(e.details.map((d) => ({ nodeId: d.nodeId, path: d.path ?? "", message: d.message })));
      else toasts.error(e, "Couldn't publish");
    } finally {
      setPublishing(false);
    }
  }

  async function changeStatus(to: WorkflowStatus) {
    const w = await setWorkflowStatus(api, workflow.id, to);
    setWorkflow((prev) => ({ ...w, name: prev.name, description: prev.description, reenroll: prev.reenroll }));
    toasts.success(
      { active: "Workflow active", paused: "Workflow paused", archived: "Workflow archived", draft: "Workflow restored" }[to],
      { active: "Matching CRM events now start runs.", paused: "New CRM events will not start runs.", archived: "It is read-only and hidden from the list.", draft: "You can edit it again." }[to],
    );
  }

  async function doExport() {
    try {
      await sync.flush();
      downloadJson(await exportWorkflow(api, workflow.id), workflow.name);
    } catch (e) {
      toasts.error(e, "Couldn't export");
    }
  }

  async function doImport() {
    const file = await pickJsonFile();
    if (!file) return;
    try {
      const doc = parseWorkflowFile(file.text, file.name);
      state.replace(doc.definition);
      frame();
      toasts.success("Definition imported into the draft", "Undo (Ctrl+Z) brings back what was there.");
    } catch (e) {
      toasts.error("Couldn't import", errorMessage(e));
    }
  }

  async function view(version: number) {
    try {
      setViewing(await getWorkflowVersion(api, workflow.id, version));
      setVersionsOpen(false);
      setPanel("inspect");
    } catch (e) {
      toasts.error(e, "Couldn't open that version");
    }
  }

  const issueCount = issues.length;
  const peopleNames = useMemo(() => new Map(people.map((u) => [u.id, u.name])), [people]);
  return (
    <div class="builder">
      <header class="builder__header">
        <div class="builder__title">
          <a class="builder__back" href="/workflows">
            Workflows
          </a>
          <h1 class="builder__name">{workflow.name}</h1>
          <StatusPill status={workflow.status} />
          <span class="builder__version">{workflow.publishedVersion ? `Published v${workflow.publishedVersion}` : "Never published"}</span>
        </div>
        <div class="builder__actions">
          <a class="btn btn--ghost btn--sm" href={`/workflows/${workflow.id}/runs`}>
            Runs
          </a>
          <StatusActions workflow={workflow} onChange={changeStatus} beforeChange={() => sync.flush()} />
          {!readOnly ? (
            <Button size="sm" variant="primary" loading={publishing} onClick={publish}>
              Publish
            </Button>
          ) : null}
        </div>
      </header>
      <div class="builder__toolbar" role="toolbar" aria-label="Canvas tools">
        <Button size="sm" variant="ghost" aria-pressed={showPalette} aria-controls="palette" onClick={() => setShowPalette(!showPalette)}>
          <BIcon name="palette" />
          Steps
        </Button>
        <span class="builder__sep" aria-hidden="true" />
        <Button size="sm" variant="ghost" class="btn--icon" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={readOnly || !!viewing || !state.canUndo.value} onClick={() => state.undo()}>
          <BIcon name="undo" />
        </Button>
        <Button size="sm" variant="ghost" class="btn--icon" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={readOnly || !!viewing || !state.canRedo.value} onClick={() => state.redo()}>
          <BIcon name="redo" />
        </Button>
        <span class="builder__sep" aria-hidden="true" />
        <Button size="sm" variant="ghost" disabled={readOnly || !!viewing || state.nodes.value.length === 0} onClick={layout}>
          <BIcon name="layout" />
          Auto-layout
        </Button>
        <Button
          size="sm"
          variant="ghost"
          class={issueCount ? "problems-button has-problems" : "problems-button"}
          disabled={!!viewing}
          onClick={() => {
            state.select([]);
            setPanel("inspect");
          }}
        >
          {issueCount ? <BIcon name="warning" /> : <span class="problems-button__ok" aria-hidden="true">✓</span>}
          {issueCount ? `${issueCount} ${issueCount === 1 ? "problem" : "problems"}` : "No problems"}
        </Button>
        <span class="builder__sep" aria-hidden="true" />
        <Button size="sm" variant={panel === "test" ? "primary" : "secondary"} aria-pressed={panel === "test"} disabled={!!viewing} onClick={() => setPanel(panel === "test" ? "inspect" : "test")}>
          <BIcon name="play" />
          Test
        </Button>
        <span class="builder__spacer" />
        <SaveState sync={sync} readOnly={readOnly} />
        <Button size="sm" variant="ghost" onClick={() => setVersionsOpen(true)}>
          <BIcon name="history" />
          Versions
        </Button>
        <Button size="sm" variant="ghost" class="btn--icon" aria-label="Export as JSON" title="Export as JSON" onClick={doExport}>
          <BIcon name="download" />
        </Button>
        {!readOnly ? (
          <Button size="sm" variant="ghost" class="btn--icon" aria-label="Import JSON into the draft" title="Import JSON into the draft" disabled={!!viewing} onClick={doImport}>
            <BIcon name="upload" />
          </Button>
        ) : null}
      </div>
      {readOnly ? (
        <div class="builder__banner" role="note">
          This workflow is archived, so it is read-only. Restore it to edit.
        </div>
      ) : null}
      {viewing ? (
        <div class="builder__banner builder__banner--version" role="note">
          <span>
            Viewing <strong>version {viewing.version}</strong>, published {formatRelative(viewing.publishedAt)}
            {viewing.publishedBy ? ` by ${peopleNames.get(viewing.publishedBy) ?? "a former user"}` : ""}. Read-only.
          </span>
          <span class="cluster">
            {!readOnly ? (
              <Button
                size="sm"
                onClick={() => {
                  state.replace(viewing.definition);
                  setViewing(null);
                  toasts.success(`Version ${viewing.version} copied into the draft`, "Undo (Ctrl+Z) brings back the previous draft.");
                }}
              >
                Copy to the draft
              </Button>
            ) : null}
            <Button size="sm" variant="primary" onClick={() => setViewing(null)}>
              Back to the draft
            </Button>
          </span>
        </div>
      ) : null}
      <div class={showPalette ? "builder__body" : "builder__body builder__body--wide"}>
        {showPalette ? <Palette state={state} onAdd={addFromPalette} disabled={readOnly || !!viewing} /> : null}
        <div class="builder__canvas">
          {viewing ? (
            <ReadOnlyCanvas key={viewing.version} definition={viewing.definition} catalog={state.catalog} names={names} label={`Version ${viewing.version} of ${workflow.name}`} />
          ) : (
            <BuilderCanvas
              state={state}
              problems={problems}
              names={names}
              overlay={overlay}
              readOnly={readOnly}
              measuredRef={measured}
              onOpenDetails={setDetailFor}
              onRefused={(reason) => toasts.error("Can't connect those steps", reason)}
            />
          )}
        </div>
        <div class="builder__side">
          {viewing ? (
            <aside class="inspector" aria-labelledby="version-heading">
              <h2 id="version-heading" class="panel-heading">
                Version {viewing.version}
              </h2>
              <p class="inspector__text">Published {formatDateTime(viewing.publishedAt)}. Runs that started on it keep running it, whatever happens to the draft.</p>
            </aside>
          ) : panel === "test" ? (
            <TestPanel api={api} workflow={workflow} state={state} sync={sync} onRun={setTestRun} onClose={() => setPanel("inspect")} />
          ) : (
            <Inspector
              state={state}
              workflow={workflow}
              issues={issues}
              readOnly={readOnly}
              detailFor={detailFor}
              onOpenDetails={setDetailFor}
              onMeta={(patch) => {
                setWorkflow((w) => ({ ...w, ...patch }));
                sync.setMeta(patch);
              }}
            />
          )}
        </div>
      </div>
      <DetailEditor state={state} nodeId={viewing ? null : detailFor} issues={issues} readOnly={readOnly} onClose={() => setDetailFor(null)} />
      <VersionsDialog open={versionsOpen} workflow={workflow} people={peopleNames} onView={(v) => void view(v.version)} onClose={() => setVersionsOpen(false)} />
    </div>
  );
}
