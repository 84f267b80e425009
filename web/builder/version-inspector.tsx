/**
 * The side panel while a published version is shown: the version itself, or — with one of its steps
 * clicked — that step's configuration as it was published, in the same editor as the draft's but
 * read-only (every control disabled) and labelled with the version.
 */
import { useMemo } from "preact/hooks";
import { Badge } from "../components/badge";
import { Button } from "../components/button";
import type { WorkflowVersion } from "../lib/api-types";
import { nodeTitle, type Catalog } from "./catalog";
import { NodeEditor } from "./node-editor";
import { formatDateTime } from "./runs/format";
import { createBuilderState } from "./state";

export interface VersionInspectorProps {
  version: WorkflowVersion;
  catalog: Catalog;
  /** The step clicked on the version's canvas, if any. */
  nodeId: string | null;
  /** Back to the version as a whole (the step is unselected). */
  onClose: () => void;
}

export function VersionInspector({ version, catalog, nodeId, onClose }: VersionInspectorProps) {
  // A state of its own, so the editor reads the version's graph (its run data, its outputs) and nothing
  // done in it could reach the draft.
  const state = useMemo(() => createBuilderState(catalog, version.definition), [version, catalog]);
  const node = nodeId ? state.nodeById.value.get(nodeId) : undefined;
  if (!node) {
    return (
      <aside class="inspector" aria-labelledby="version-heading">
        <h2 id="version-heading" class="panel-heading">
          Version {version.version}
        </h2>
        <p class="inspector__text">Published {formatDateTime(version.publishedAt)}. Runs that started on it keep running it, whatever happens to the draft.</p>
        <p class="inspector__tip">Select a step to see how it was set up in this version.</p>
      </aside>
    );
  }
  const info = catalog.byType.get(node.type);
  return (
    <aside class="inspector inspector--version" aria-labelledby="version-step-heading" aria-describedby="version-step-note">
      <header class="inspector__header">
        <div>
          <p class="inspector__eyebrow">{info?.label ?? node.type}</p>
          <h2 id="version-step-heading" class="panel-heading" tabIndex={-1}>
            {nodeTitle(node, catalog)}
          </h2>
        </div>
        <Badge tone="info">Version {version.version} · read-only</Badge>
      </header>
      <p id="version-step-note" class="inspector__text">
        As published in version {version.version}, read-only. To change it, copy the version to the draft.
      </p>
      {/* Also what keeps the panel reachable from the keyboard: every control below is disabled. */}
      <Button variant="ghost" size="sm" onClick={onClose}>
        Back to version {version.version}
      </Button>
      {/* A disabled fieldset disables every control inside it, whatever the form draws. */}
      <fieldset class="inspector__frozen" disabled>
        <NodeEditor state={state} node={node} issues={[]} readOnly />
      </fieldset>
    </aside>
  );
}
