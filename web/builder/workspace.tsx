/**
 * The builder screen: header and toolbar, palette, canvas and the side panel (properties or test),
 * and the workflow-level actions (publish, status, versions, export/import). Lives inside ReactFlowProvider so palette, canvas and panels
 * share the viewport (STYLE.md habit 11).
 */
import { useReactFlow } from "@xyflow/react";
import { useMemo, useRef, useState } from "preact/hooks";
import { Button } from "../components/button";
import { errorMessage, isApiError } from "../lib/api";
import type { DefinitionEdge, RunDetail, ValidationIssue, WorkflowDetail, WorkflowStatus, WorkflowVersion } from "../lib/api-types";
import { useDocumentTitle } from "../lib/document-title";
import { exportWorkflow, getWorkflow, getWorkflowVersion, publishWorkflow, setWorkflowStatus, validateWorkflow } from "../lib/endpoints/workflows";
import { useAppState } from "../state/context";
import { nodeTitle } from "./catalog";
import { useCreatedToastUntilEdit } from "./created-toast";
import { BuilderCanvas } from "./canvas/builder-canvas";
import { problemsByNode } from "./canvas/flow-model";
import { ReadOnlyCanvas } from "./canvas/read-only-canvas";
import { definitionBounds, frameBounds } from "./canvas/viewport";
import { DetailEditor } from "./detail-editor";
import type { DraftSync } from "./draft-sync";
import { Inspector } from "./inspector";
import { autoLayout } from "./layout";
import { useLookups } from "./lookups";
import { Palette } from "./palette";
import { revealOnPhone } from "./phone";
import { placeNewStep } from "./placement";
import { runOverlay } from "./run-overlay";
import { formatRelative } from "./runs/format";
import type { BuilderState } from "./state";
import { useSaveOnLeave, useUndoShortcuts } from "./shortcuts";
import { TestPanel } from "./test-panel";
import { BuilderHeader, BuilderToolbar } from "./toolbar";
import { downloadJson, parseWorkflowFile, pickJsonFile } from "./transfer";
import { VersionInspector } from "./version-inspector";
import { VersionsDialog } from "./versions-dialog";

export interface WorkspaceProps {
  state: BuilderState;
  sync: DraftSync;
  workflow: WorkflowDetail;
  setWorkflow: (fn: (w: WorkflowDetail) => WorkflowDetail) => void;
}

const canvasBox = () => document.querySelector(".builder__canvas")?.getBoundingClientRect();

/** The middle of the part of the canvas on screen (on a phone the page may show only its top). */
function canvasCentre(): { x: number; y: number } | null {
  const box = canvasBox();
  if (!box) return null;
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
  const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
  // Off screen altogether: the middle of the whole canvas (the new step is then scrolled to).
  if (bottom - top < 120 || right - left < 120) return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  return { x: (left + right) / 2, y: (top + bottom) / 2 };
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
  /** The step clicked on the version shown, whose configuration the panel shows read-only. */
  const [versionNode, setVersionNode] = useState<string | null>(null);
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

  useUndoShortcuts(state, !readOnly && !viewing);
  useSaveOnLeave(sync);
  const editedMeta = useCreatedToastUntilEdit(state, workflow.id, toasts.dismiss);

  /**
   * A step was added (and selected): its settings open in the side panel, in place of the Test panel
   * if that was open. The canvas brings the step into view (reveal.tsx).
   */
  function added() {
    setPanel("inspect");
  }

  /** "+" in the palette: after the selected step (and connected to it), else in the middle of the view. */
  function addFromPalette(type: string) {
    const at = canvasCentre();
    const centre = at ? flow.screenToFlowPosition(at) : { x: 0, y: 0 };
    const { position, connectFrom } = placeNewStep(state, type, centre, (id) => measured.current[id]);
    const r = state.addNode(type, position, { connectFrom });
    if (!r.ok) toasts.error("Can't add that step", r.reason);
    else added();
  }

  /** Deleting a step in the middle of a chain joined its neighbours: say which, so it is no surprise. */
  function reportBridges(bridged: DefinitionEdge[]) {
    for (const e of bridged) {
      const [from, to] = [state.nodeById.value.get(e.source), state.nodeById.value.get(e.target)];
      if (from && to) toasts.info(`Reconnected “${nodeTitle(from, state.catalog)}” to “${nodeTitle(to, state.catalog)}”`, "Undo (Ctrl+Z) brings the deleted step back.");
    }
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
      else if (isApiError(e) && e.code === "no_changes") toasts.info("Already published", `${e.message} Edit the draft, then publish it as a new version.`);
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
      setVersionNode(null);
      setVersionsOpen(false);
      setPanel("inspect");
    } catch (e) {
      toasts.error(e, "Couldn't open that version");
    }
  }

  const peopleNames = useMemo(() => new Map(people.map((u) => [u.id, u.name])), [people]);
  return (
    <div class="builder">
      <BuilderHeader workflow={workflow} publishing={publishing} onPublish={publish} onStatus={changeStatus} beforeStatus={() => sync.flush()} />
      <BuilderToolbar
        state={state}
        sync={sync}
        issueCount={issues.length}
        readOnly={readOnly}
        viewing={!!viewing}
        showPalette={showPalette}
        testing={panel === "test"}
        onTogglePalette={() => setShowPalette(!showPalette)}
        onLayout={layout}
        onProblems={() => {
          state.select([]);
          setPanel("inspect");
          revealOnPhone("problems-heading");
        }}
        onToggleTest={() => {
          setPanel(panel === "test" ? "inspect" : "test");
          if (panel !== "test") revealOnPhone("test-heading");
        }}
        onVersions={() => setVersionsOpen(true)}
        onExport={doExport}
        onImport={doImport}
      />
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
            <ReadOnlyCanvas
              key={viewing.version}
              definition={viewing.definition}
              catalog={state.catalog}
              names={names}
              selectedNodeId={versionNode}
              onSelectNode={(id) => {
                setVersionNode(id);
                if (id) revealOnPhone("version-step-heading");
              }}
              label={`Version ${viewing.version} of ${workflow.name}`}
            />
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
              onRemoved={reportBridges}
              onAdded={added}
              // On a phone the settings are below the canvas: a tapped step's come into view.
              onStepClick={() => {
                if (panel === "inspect") revealOnPhone("inspector-heading");
              }}
              runId={overlay ? testRun?.id : null}
            />
          )}
        </div>
        <div class="builder__side">
          {viewing ? (
            <VersionInspector version={viewing} catalog={state.catalog} nodeId={versionNode} onClose={() => setVersionNode(null)} />
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
              onRemoved={reportBridges}
              onMeta={(patch) => {
                editedMeta();
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
