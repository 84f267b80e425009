/** The builder's header (name, status, the workflow's actions) and its canvas toolbar. */
import { StatusPill } from "../components/badge";
import { Button } from "../components/button";
import type { WorkflowDetail, WorkflowStatus } from "../lib/api-types";
import type { DraftSync } from "./draft-sync";
import { BIcon } from "./icons";
import { formatDateTime } from "./runs/format";
import type { BuilderState } from "./state";
import { StatusActions } from "./status-actions";

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

export function BuilderHeader({ workflow, publishing, onPublish, onStatus, beforeStatus }: {
  workflow: WorkflowDetail;
  publishing: boolean;
  onPublish: () => void;
  onStatus: (to: WorkflowStatus) => Promise<void>;
  beforeStatus: () => Promise<void>;
}) {
  return (
    <header class="builder__header">
      <div class="builder__title">
        <a class="builder__back" href="/workflows">
          Workflows
        </a>
        <h1 class="builder__name">{workflow.name}</h1>
        <StatusPill status={workflow.status} />
        <span class="builder__version">{workflow.publishedVersion ? `Published v${workflow.publishedVersion}` : "Never published"}</span>
        {workflow.unpublishedChanges && workflow.status !== "archived" ? (
          <span class="builder__changes" title={`The draft differs from version ${workflow.publishedVersion}; runs use version ${workflow.publishedVersion} until you publish.`}>
            Unpublished changes
          </span>
        ) : null}
      </div>
      <div class="builder__actions">
        <a class="btn btn--ghost btn--sm" href={`/workflows/${workflow.id}/runs`}>
          Runs
        </a>
        <StatusActions workflow={workflow} onChange={onStatus} beforeChange={beforeStatus} />
        {workflow.status !== "archived" ? (
          <Button size="sm" variant="primary" loading={publishing} onClick={onPublish}>
            Publish
          </Button>
        ) : null}
      </div>
    </header>
  );
}

export interface ToolbarProps {
  state: BuilderState;
  sync: DraftSync;
  issueCount: number;
  /** Nothing on the canvas can change (archived). */
  readOnly: boolean;
  /** A published version is on the canvas instead of the draft. */
  viewing: boolean;
  showPalette: boolean;
  testing: boolean;
  onTogglePalette: () => void;
  onLayout: () => void;
  onProblems: () => void;
  onToggleTest: () => void;
  onVersions: () => void;
  onExport: () => void;
  onImport: () => void;
}

export function BuilderToolbar(p: ToolbarProps) {
  const frozen = p.readOnly || p.viewing;
  return (
    <div class="builder__toolbar" role="toolbar" aria-label="Canvas tools">
      <Button size="sm" variant="ghost" aria-pressed={p.showPalette} aria-controls="palette" onClick={p.onTogglePalette}>
        <BIcon name="palette" />
        Steps
      </Button>
      <span class="builder__sep" aria-hidden="true" />
      <Button size="sm" variant="ghost" class="btn--icon" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={frozen || !p.state.canUndo.value} onClick={() => p.state.undo()}>
        <BIcon name="undo" />
      </Button>
      <Button size="sm" variant="ghost" class="btn--icon" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={frozen || !p.state.canRedo.value} onClick={() => p.state.redo()}>
        <BIcon name="redo" />
      </Button>
      <span class="builder__sep" aria-hidden="true" />
      <Button size="sm" variant="ghost" disabled={frozen || p.state.nodes.value.length === 0} onClick={p.onLayout}>
        <BIcon name="layout" />
        Auto-layout
      </Button>
      <Button size="sm" variant="ghost" class={p.issueCount ? "problems-button has-problems" : "problems-button"} disabled={p.viewing} onClick={p.onProblems}>
        {p.issueCount ? <BIcon name="warning" /> : <span class="problems-button__ok" aria-hidden="true">✓</span>}
        {p.issueCount ? `${p.issueCount} ${p.issueCount === 1 ? "problem" : "problems"}` : "No problems"}
      </Button>
      <span class="builder__sep" aria-hidden="true" />
      <Button size="sm" variant={p.testing ? "primary" : "secondary"} aria-pressed={p.testing} disabled={p.viewing} onClick={p.onToggleTest}>
        <BIcon name="play" />
        Test
      </Button>
      <span class="builder__spacer" />
      <SaveState sync={p.sync} readOnly={p.readOnly} />
      <Button size="sm" variant="ghost" onClick={p.onVersions}>
        <BIcon name="history" />
        Versions
      </Button>
      <Button size="sm" variant="ghost" class="btn--icon" aria-label="Export as JSON" title="Export as JSON" onClick={p.onExport}>
        <BIcon name="download" />
      </Button>
      {!p.readOnly ? (
        <Button size="sm" variant="ghost" class="btn--icon" aria-label="Import JSON into the draft" title="Import JSON into the draft" disabled={p.viewing} onClick={p.onImport}>
          <BIcon name="upload" />
        </Button>
      ) : null}
    </div>
  );
}
