/**
 * A definition drawn read-only: a published version, or a run's pinned definition with the path it
 * took and each node's state. Clicking a node selects it (to show that step's details).
 */
import { Background, Controls, ReactFlow, ReactFlowProvider, type Edge, type NodeChange } from "@xyflow/react";
import { useMemo, useRef } from "preact/hooks";
import type { Definition } from "../../lib/api-types";
import type { Catalog } from "../catalog";
import type { RunOverlay } from "../run-overlay";
import { toFlowEdges, toFlowNodes, type WorkflowFlowNode } from "./flow-model";
import { RemeasureLostHandles, useMeasuredSizes } from "./measure";
import { WorkflowMiniMap } from "./minimap";
import { nodeTypes } from "./nodes";
import { InitialView } from "./viewport";

export interface ReadOnlyCanvasProps {
  definition: Definition;
  catalog: Catalog;
  overlay?: RunOverlay | null;
  names?: ReadonlyMap<string, string>;
  selectedNodeId?: string | null;
  onSelectNode?: (id: string | null) => void;
  /** Accessible name of the canvas region. */
  label: string;
}

function Canvas({ definition, catalog, overlay, names, selectedNodeId, onSelectNode, label }: ReadOnlyCanvasProps) {
  const { sizes, version, absorb } = useMeasuredSizes();
  const box = useRef<HTMLDivElement>(null);
  const selectedNodes = useMemo(() => new Set(selectedNodeId ? [selectedNodeId] : []), [selectedNodeId]);
  const input = { definition, catalog, overlay, names, selectedNodes, measured: sizes.current };
  const nodes = useMemo(() => toFlowNodes(input), [definition, overlay, names, selectedNodes, version]);
  const edges = useMemo(() => toFlowEdges(input), [definition, overlay]);

  function onNodesChange(changes: NodeChange<WorkflowFlowNode>[]) {
    absorb(changes);
    for (const c of changes) if (c.type === "select" && c.selected) onSelectNode?.(c.id);
  }

  return (
    <div ref={box} class="builder-canvas builder-canvas--readonly" role="region" aria-label={label}>
      <ReactFlow<WorkflowFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onPaneClick={() => onSelectNode?.(null)}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        zoomOnDoubleClick={false}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} position="top-left" />
        <RemeasureLostHandles />
        <InitialView container={() => box.current} />
        <WorkflowMiniMap />
      </ReactFlow>
    </div>
  );
}

export function ReadOnlyCanvas(props: ReadOnlyCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}
