/**
 * The properties panel beside the canvas: the selected step's editor, the selected connection, or —
 * with nothing selected — the workflow's own settings and its list of problems.
 */
import { useState } from "preact/hooks";
import { Button } from "../components/button";
import { Checkbox, Input, Textarea } from "../components/field";
import type { DefinitionEdge, ValidationIssue, WorkflowDetail } from "../lib/api-types";
import { nodeTitle, portsOf } from "./catalog";
import { edgePort } from "./graph-rules";
import { BIcon } from "./icons";
import { NodeEditor } from "./node-editor";
import { revealOnPhone } from "./phone";
import { focusAfterRemoval } from "./refocus";
import type { BuilderState } from "./state";

export interface InspectorProps {
  state: BuilderState;
  workflow: WorkflowDetail;
  issues: readonly ValidationIssue[];
  readOnly?: boolean;
  /** The detailed editor is open for this node: the panel steps aside. */
  detailFor: string | null;
  onOpenDetails: (nodeId: string) => void;
  /** A step was deleted and the edges in `bridged` drawn around it (state.remove): say so. */
  onRemoved?: (bridged: DefinitionEdge[]) => void;
  onMeta: (patch: { name?: string; description?: string; reenroll?: boolean }) => void;
}

export function ProblemList({ state, issues, archived = false }: { state: BuilderState; issues: readonly ValidationIssue[]; archived?: boolean }) {
  if (issues.length === 0) return <p class="problems__ok">{archived ? "No problems. Restore the workflow to edit or publish it." : "No problems: this draft can be published."}</p>;
  return (
    <ul class="problems__list">
      {issues.map((i, k) => {
        const node = i.nodeId ? state.nodeById.value.get(i.nodeId) : undefined;
        return (
          <li key={k} class="problems__item">
            <span>
              {node ? <strong>{nodeTitle(node, state.catalog)}: </strong> : null}
              {i.message}
            </span>
            {node ? (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  state.select([node.id]);
                  revealOnPhone("inspector-heading");
                }}
                aria-label={`Show ${nodeTitle(node, state.catalog)}`}
              >
                Show
              </Button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The API's limits (worker/routes/workflows.ts): a longer value would fail every autosave after it, graph edits included. */
const NAME_MAX = 120;
const DESCRIPTION_MAX = 2000;

/**
 * The workflow's name. A blank name is never sent (the server refuses it, and the draft's other
 * changes travel in the same save): the field says so, and the workflow keeps its last name meanwhile.
 */
function NameField({ name, readOnly, onName }: { name: string; readOnly?: boolean; onName: (name: string) => void }) {
  const [text, setText] = useState(name);
  const blank = !text.trim();
  return (
    <Input
      id="wf-name"
      label="Name"
      value={text}
      maxLength={NAME_MAX}
      disabled={readOnly}
      error={blank ? `Give the workflow a name. Until then it keeps “${name}”.` : null}
      onInput={(e) => {
        const value = e.currentTarget.value;
        setText(value);
        if (value.trim()) onName(value);
      }}
    />
  );
}

function WorkflowSettings({ state, workflow, issues, readOnly, onMeta }: InspectorProps) {
  return (
    <div class="inspector__section">
      <h2 class="panel-heading">Workflow</h2>
      <NameField name={workflow.name} readOnly={readOnly} onName={(name) => onMeta({ name })} />
      <Textarea
        id="wf-description"
        label="Description (optional)"
        rows={3}
        maxLength={DESCRIPTION_MAX}
        value={workflow.description}
        disabled={readOnly}
        onInput={(e) => onMeta({ description: e.currentTarget.value })}
      />
      <Checkbox
        id="wf-reenroll"
        label="Start again for a record that already had a run"
        hint="Off: a CRM record starts this workflow once."
        checked={workflow.reenroll}
        disabled={readOnly}
        onChange={(e) => onMeta({ reenroll: e.currentTarget.checked })}
      />
      <h3 id="problems-heading" class="panel-heading panel-heading--sub" tabIndex={-1}>
        Problems
      </h3>
      <ProblemList state={state} issues={issues} archived={workflow.status === "archived"} />
      <p class="inspector__tip">Select a step to edit it; double-click for the detailed editor.</p>
    </div>
  );
}

export function Inspector(props: InspectorProps) {
  const { state, issues, readOnly, detailFor, onOpenDetails, onRemoved } = props;
  const node = state.selectedNode.value;
  const edgeIds = state.selectedEdgeIds.value;
  const edge = state.selectedNodeIds.value.length === 0 && edgeIds.length === 1 ? state.edges.value.find((e) => e.id === edgeIds[0]) : undefined;

  if (node) {
    const info = state.catalog.byType.get(node.type);
    return (
      <aside class="inspector" aria-labelledby="inspector-heading">
        <header class="inspector__header">
          <div>
            <p class="inspector__eyebrow">{info?.label ?? node.type}</p>
            {/* Focusable from script: on a phone, selecting a step scrolls here and focuses it (phone.ts). */}
            <h2 id="inspector-heading" class="panel-heading" tabIndex={-1}>
              {nodeTitle(node, state.catalog)}
            </h2>
          </div>
          <div class="inspector__actions">
            <Button variant="ghost" size="sm" class="btn--icon" aria-label="Open the detailed editor" title="Detailed editor" onClick={() => onOpenDetails(node.id)}>
              <BIcon name="expand" />
            </Button>
            {!readOnly ? (
              <Button
                variant="ghost"
                size="sm"
                icon="trash"
                aria-label="Delete step"
                title="Delete step"
                onClick={() => {
                  const refocus = focusAfterRemoval(state, [node.id]);
                  onRemoved?.(state.remove([node.id]));
                  refocus();
                }}
              />
            ) : null}
          </div>
        </header>
        {detailFor === node.id ? <p class="inspector__tip">Editing in the detailed editor.</p> : <NodeEditor state={state} node={node} issues={issues} readOnly={readOnly} />}
      </aside>
    );
  }
  if (edge) {
    const source = state.nodeById.value.get(edge.source);
    const target = state.nodeById.value.get(edge.target);
    const port = edgePort(edge, source, state.catalog);
    const ports = source ? portsOf(state.catalog.byType.get(source.type), source.config) : [];
    return (
      <aside class="inspector" aria-labelledby="inspector-heading">
        <h2 id="inspector-heading" class="panel-heading">
          Connection
        </h2>
        <p class="inspector__text">
          From <strong>{source ? nodeTitle(source, state.catalog) : edge.source}</strong>
          {ports.length > 1 ? ` (${ports.find((p) => p.id === port)?.label ?? port})` : ""} to <strong>{target ? nodeTitle(target, state.catalog) : edge.target}</strong>.
        </p>
        {!readOnly ? (
          <Button variant="danger" size="sm" icon="trash" onClick={() => state.remove([], [edge.id])}>
            Delete connection
          </Button>
        ) : null}
      </aside>
    );
  }
  return (
    <aside class="inspector" aria-label="Workflow settings">
      <WorkflowSettings {...props} />
    </aside>
  );
}
