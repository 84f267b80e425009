/**
 * Editing one step: its name, its config (the form generated from the type's schema), its problems,
 * and where each of its outputs leads — the keyboard way to connect steps. Used by the properties
 * panel and, wider, by the detailed editor.
 */
import { useEffect, useState } from "preact/hooks";
import { Input, Select } from "../components/field";
import type { DefinitionNode, ValidationIssue } from "../lib/api-types";
import { isTrigger, nodeTitle, portsOf } from "./catalog";
import { dataPaths } from "./data-paths";
import { SchemaForm } from "./forms/schema-form";
import { edgePort } from "./graph-rules";
import { isTextEntry } from "./shortcuts";
import type { BuilderState } from "./state";

/** The config errors of one node, keyed by config path (`rules.0.value`). */
export function configErrors(issues: readonly ValidationIssue[], nodeId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    if (i.nodeId !== nodeId) continue;
    const m = /^nodes\.\d+\.config(?:\.(.*))?$/.exec(i.path);
    if (!m) continue;
    const key = m[1] ?? "";
    if (!(key in out)) out[key] = i.message;
  }
  return out;
}

/** The node's problems that no form field shows (connections, reachability). */
const otherProblems = (issues: readonly ValidationIssue[], nodeId: string) => issues.filter((i) => i.nodeId === nodeId && !/^nodes\.\d+\.config/.test(i.path));

function Outputs({ state, node, readOnly }: { state: BuilderState; node: DefinitionNode; readOnly?: boolean }) {
  const [refused, setRefused] = useState<Record<string, string>>({});
  const info = state.catalog.byType.get(node.type);
  const ports = portsOf(info, node.config);
  if (ports.length === 0) {
    // Only an End step has no outputs by design; a step whose outputs come from its list (class labels) has none until an entry has an id.
    if (!info) return null;
    if (info.category === "end") return <p class="node-editor__note">An End step has no outputs: the run finishes here.</p>;
    return <p class="node-editor__note">No outputs yet: each entry above with an id becomes an output to connect.</p>;
  }
  const targets = state.nodes.value.filter((n) => n.id !== node.id && !isTrigger(state.catalog, n.type));
  return (
    <fieldset class="form-group">
      <legend class="form-group__legend">{ports.length > 1 ? "Outputs" : "Next step"}</legend>
      {ports.map((p) => {
        const edge = state.edges.value.find((e) => e.source === node.id && edgePort(e, node, state.catalog) === p.id);
        return (
          <Select
            key={p.id}
            id={`out-${node.id}-${p.id}`}
            label={ports.length > 1 ? `${p.label} → next step` : "Then go to"}
            options={targets.map((t) => ({ value: t.id, label: nodeTitle(t, state.catalog) }))}
            placeholder={ports.length > 1 ? "Not connected" : "Nothing (the run ends here)"}
            value={edge?.target ?? ""}
            error={refused[p.id]}
            disabled={readOnly}
            onChange={(e) => {
              const r = state.setPortTarget(node.id, p.id, e.currentTarget.value || null);
              setRefused((x) => ({ ...x, [p.id]: r.ok ? "" : r.reason }));
              if (!r.ok) e.currentTarget.value = edge?.target ?? "";
            }}
          />
        );
      })}
    </fieldset>
  );
}

export function NodeEditor({ state, node, issues, readOnly, wide }: { state: BuilderState; node: DefinitionNode; issues: readonly ValidationIssue[]; readOnly?: boolean; wide?: boolean }) {
  const info = state.catalog.byType.get(node.type);
  const paths = dataPaths(state.definition.value, node.id);
  const problems = otherProblems(issues, node.id);
  // A field removed while it has focus (its step deleted, the panel closed) sends no focusout.
  useEffect(() => () => state.endFieldEdit(), []);
  return (
    <div
      class={wide ? "node-editor node-editor--wide" : "node-editor"}
      // Each text box's edits are one undo step, taken when it loses focus (Ctrl+Z inside it is its own).
      onFocusIn={(e) => isTextEntry(e.target) && state.beginFieldEdit()}
      onFocusOut={(e) => isTextEntry(e.target) && state.endFieldEdit()}
    >
      <div class="node-editor__main">
        <p class="node-editor__desc">{info?.description ?? `The catalog has no step type “${node.type}”. Delete this step.`}</p>
        {problems.length ? (
          <ul class="node-editor__problems" aria-label="Problems with this step">
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        ) : null}
        <Input
          id={`name-${node.id}${wide ? "-wide" : ""}`}
          label="Step name (optional)"
          value={node.name ?? ""}
          placeholder={info?.label}
          disabled={readOnly}
          onInput={(e) => state.updateNode(node.id, { name: e.currentTarget.value })}
          hint={`Its output is at steps.${node.id} in the run data.`}
        />
        {info ? (
          <SchemaForm
            key={`${node.id}${wide ? "-wide" : ""}`}
            schema={info.schema}
            value={node.config}
            nodeType={node.type}
            paths={paths}
            errors={configErrors(issues, node.id)}
            disabled={readOnly}
            onChange={(config) => state.updateNode(node.id, { config })}
          />
        ) : null}
        <Outputs state={state} node={node} readOnly={readOnly} />
      </div>
      {wide ? (
        <aside class="node-editor__paths" aria-labelledby={`paths-${node.id}`}>
          <h3 id={`paths-${node.id}`} class="panel-heading">
            Run data available here
          </h3>
          <p class="node-editor__note">
            Use these in templates as {"{{path}}"}, and in rules and mappings as plain paths. In templates, format a value with a filter:{" "}
            <code>{"{{deal.arr | currency: deal.currency}}"}</code>, <code>| number</code>, <code>| date</code>, <code>| datetime</code>, <code>| upper</code>, <code>| lower</code>,{" "}
            <code>{'| default: "…"'}</code>.
          </p>
          <ul class="path-list">
            {paths.map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
    </div>
  );
}
