/**
 * A run's steps in order: status, step, the output port it took (or, for an End, how it ended the
 * run), duration and attempts; each opens to its input, output and error.
 */
import { RunStatusPill } from "../../components/badge";
import type { Definition, RunDetail, RunStep } from "../../lib/api-types";
import { endOutcome, nodeTitle, OUTCOME_LABELS, portsOf, type Catalog } from "../catalog";
import { formatDuration } from "./format";
import { JsonView } from "./json-view";

export function stepName(def: Definition, catalog: Catalog, nodeId: string): string {
  const node = def.nodes.find((n) => n.id === nodeId);
  return node ? nodeTitle(node, catalog) : nodeId;
}

export function portName(def: Definition, catalog: Catalog, step: RunStep): string | null {
  if (!step.port) return null;
  const node = def.nodes.find((n) => n.id === step.nodeId);
  const ports = node ? portsOf(catalog.byType.get(node.type), node.config) : [];
  return ports.find((p) => p.id === step.port)?.label ?? step.port;
}

export function StepDetails({ step }: { step: RunStep }) {
  return (
    <div class="step-details">
      {step.error ? (
        <div class="step-error" role="note">
          <strong>Error{step.error.code ? ` (${step.error.code})` : ""}:</strong> {step.error.message}
        </div>
      ) : null}
      <JsonView label="Input" value={step.input} />
      <JsonView label="Output" value={step.output} />
    </div>
  );
}

export interface StepListProps {
  run: RunDetail;
  catalog: Catalog;
  /** The node whose step is expanded (also highlighted on the canvas). */
  openNodeId: string | null;
  onToggle: (nodeId: string | null) => void;
}

export function StepList({ run, catalog, openNodeId, onToggle }: StepListProps) {
  if (run.steps.length === 0) return <p class="steps__empty">No steps yet.</p>;
  return (
    <ol class="steps">
      {run.steps.map((s, i) => {
        const open = openNodeId === s.nodeId && (i === run.steps.findLastIndex((x) => x.nodeId === s.nodeId));
        const port = portName(run.definition, catalog, s);
        const node = run.definition.nodes.find((n) => n.id === s.nodeId);
        const outcome = node ? endOutcome(node) : undefined;
        const id = `step-${i}`;
        return (
          <li key={`${s.nodeId}-${i}`} class={`step step--${s.status}${open ? " is-open" : ""}`}>
            {/* aria-controls only while the details exist: pointing at a missing id is an ARIA error. */}
            <button type="button" class="step__row" aria-expanded={open} aria-controls={open ? `${id}-details` : undefined} onClick={() => onToggle(open ? null : s.nodeId)}>
              <RunStatusPill status={s.status} />
              <span class="step__name">{stepName(run.definition, catalog, s.nodeId)}</span>
              <span class="step__meta">
                {port ? <span class="step__port">→ {port}</span> : null}
                {outcome ? <span class={`step__outcome step__outcome--${outcome}`}>Ends: {OUTCOME_LABELS[outcome].badge}</span> : null}
                <span>{s.status === "running" || s.status === "paused" ? "…" : formatDuration(s.durationMs)}</span>
                {s.attempts > 1 ? <span>{s.attempts} attempts</span> : null}
              </span>
            </button>
            {open ? (
              <div id={`${id}-details`}>
                <StepDetails step={s} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
