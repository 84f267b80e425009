/**
 * The canvas's node components: one memo() component per category (STYLE.md habit 11), sharing
 * one card. The flow runs top to bottom: the input is on the top edge, outputs on the bottom edge.
 * Triggers have no input; End has no outputs; a branching node shows its ports as a labelled row
 * along its bottom edge, in port order (so the first branch is on the left, as auto-layout puts it),
 * each handle keyed by its port id, which is what connections are made with. Below each free output
 * of an editable draft's node, a "+" adds the next step there (add-next.tsx). An End says how the
 * run ends there — a "Completed" or "Failed" tag, its own glyph and colour — since a workflow often
 * has one of each and they would otherwise look alike.
 */
import { Handle, Position, type NodeProps, type NodeTypes } from "@xyflow/react";
import { memo } from "preact/compat";
import { RUN_STATUS_LABELS } from "../../components/badge";
import { cx } from "../../lib/cx";
import { AddNextButton } from "./add-next";
import { OUTCOME_LABELS } from "../catalog";
import type { WorkflowFlowNode } from "./flow-model";

/** A small glyph per category, so the kind of step reads at a glance. */
const GLYPHS: Record<string, string> = {
  trigger: "M13 2 4 14h7l-1 8 9-12h-7z",
  logic: "M6 3v12M18 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6M6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6M18 9a9 9 0 0 1-9 9",
  human: "M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8",
  action: "M5 12h14M13 6l6 6-6 6",
  ai: "M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9zM19 17l.8 2.2L22 20l-2.2.8L19 23l-.8-2.2L16 20l2.2-.8z",
  end: "M6 6h12v12H6z",
  unknown: "M12 8v4M12 16h.01",
};

/** An End's glyph by outcome: a tick in a circle, a cross in an octagon. */
const END_GLYPHS: Record<string, string> = {
  completed: "M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM8 12.5l2.7 2.7L16 9.8",
  failed: "M7.9 2h8.2L22 7.9v8.2L16.1 22H7.9L2 16.1V7.9zM15 9l-6 6M9 9l6 6",
};

function NodeCard({ id, data, selected, input = true }: NodeProps<WorkflowFlowNode> & { input?: boolean }) {
  const { ports, problems, runState, outcome } = data;
  return (
    <div
      // Many ports (a classifier's labels) widen the card so every label stays readable.
      style={ports.length > 3 ? { width: `${ports.length * 80}px` } : undefined}
      class={cx(
        "wf-node",
        `wf-node--${data.category}`,
        outcome && `wf-node--end-${outcome}`,
        selected && "is-selected",
        problems.length > 0 && "has-problems",
        runState && `run-${runState}`,
      )}
    >
      {input ? <Handle type="target" position={Position.Top} className="wf-node__handle wf-node__handle--in" /> : null}
      <div class="wf-node__head">
        <svg class="wf-node__glyph" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
          <path d={(outcome && END_GLYPHS[outcome]) || (GLYPHS[data.category] ?? GLYPHS.unknown)} />
        </svg>
        <span class="wf-node__type">{data.typeLabel}</span>
        {outcome ? <span class={cx("wf-node__outcome", `wf-node__outcome--${outcome}`)}>{OUTCOME_LABELS[outcome].badge}</span> : null}
        {runState ? <span class={cx("wf-node__run", `wf-node__run--${runState}`)}>{RUN_STATUS_LABELS[runState] ?? runState}</span> : null}
      </div>
      <div class="wf-node__title">{data.title}</div>
      {data.summary ? <div class="wf-node__summary">{data.summary}</div> : null}
      {problems.length ? (
        <div class="wf-node__problem" title={problems.join("\n")}>
          {problems[0]}
          {problems.length > 1 ? ` (+${problems.length - 1} more)` : ""}
        </div>
      ) : null}
      {ports.length === 1 ? <Handle type="source" id={ports[0].id} position={Position.Bottom} className="wf-node__handle wf-node__handle--out" /> : null}
      {ports.length === 1 ? <AddNextButton nodeId={id} data={data} port={ports[0]} /> : null}
      {ports.length > 1 ? (
        <ul class="wf-node__ports">
          {ports.map((p) => (
            <li key={p.id} class="wf-node__port">
              <span class="wf-node__port-label" title={p.label}>
                {p.label}
              </span>
              <Handle type="source" id={p.id} position={Position.Bottom} className="wf-node__handle wf-node__handle--out" />
              <AddNextButton nodeId={id} data={data} port={p} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export const TriggerNode = memo(function TriggerNode(props: NodeProps<WorkflowFlowNode>) {
  return <NodeCard {...props} input={false} />;
});

export const LogicNode = memo(function LogicNode(props: NodeProps<WorkflowFlowNode>) {
  return <NodeCard {...props} />;
});

export const HumanNode = memo(function HumanNode(props: NodeProps<WorkflowFlowNode>) {
  return <NodeCard {...props} />;
});

export const ActionNode = memo(function ActionNode(props: NodeProps<WorkflowFlowNode>) {
  return <NodeCard {...props} />;
});

export const AiNode = memo(function AiNode(props: NodeProps<WorkflowFlowNode>) {
  return <NodeCard {...props} />;
});

export const EndNode = memo(function EndNode(props: NodeProps<WorkflowFlowNode>) {
  return <NodeCard {...props} />;
});

/** A node whose type the catalog does not know (an old import): shown so it can be deleted. */
export const UnknownNode = memo(function UnknownNode(props: NodeProps<WorkflowFlowNode>) {
  return <NodeCard {...props} />;
});

/** Keyed by category (the flow node's `type`). At module scope so React Flow never remounts nodes. */
export const nodeTypes: NodeTypes = {
  trigger: TriggerNode,
  logic: LogicNode,
  human: HumanNode,
  action: ActionNode,
  ai: AiNode,
  end: EndNode,
  unknown: UnknownNode,
};
