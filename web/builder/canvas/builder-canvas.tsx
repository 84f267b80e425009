/**
 * The editable canvas: React Flow drawing the builder state, and every gesture turned into a state
 * call — drop from the palette, connect (checked, with the reason when refused), drop a connection on
 * empty canvas or press an output's "+" to pick the next step, press a connection's "+" to insert
 * one there, drag, select, Delete/Backspace, double-click for the editor.
 */
import {
  Background,
  Controls,
  Panel,
  ReactFlow,
  useConnection,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
} from "@xyflow/react";
import { useEffect, useMemo, useRef } from "preact/hooks";
import type { DefinitionEdge } from "../../lib/api-types";
import { edgePort } from "../graph-rules";
import type { RunOverlay } from "../run-overlay";
import type { BuilderState } from "../state";
import { AddNextContext } from "./add-next";
import { toFlowEdges, toFlowNodes, type WorkflowFlowEdge, type WorkflowFlowNode } from "./flow-model";
import { edgeTypes, InsertStepContext } from "./insert-edge";
import { RemeasureLostHandles, useMeasuredSizes } from "./measure";
import { WorkflowMiniMap } from "./minimap";
import { useNextStep } from "./next-step";
import { nodeTypes } from "./nodes";
import { RevealAddedNode, useRevealNode } from "./reveal";
import { InitialView } from "./viewport";
import { focusAfterRemoval } from "../refocus";

/** The drag-and-drop payload of a palette item. */
export const DND_TYPE = "application/x-workflow-node-type";

export interface BuilderCanvasProps {
  state: BuilderState;
  problems: ReadonlyMap<string, string[]>;
  names: ReadonlyMap<string, string>;
  overlay?: RunOverlay | null;
  readOnly?: boolean;
  onOpenDetails: (nodeId: string) => void;
  /** Something the person tried was refused (connection, second trigger): say why. */
  onRefused: (reason: string) => void;
  /** Steps were deleted and the edges in `bridged` drawn around them (state.remove): say so. */
  onRemoved?: (bridged: DefinitionEdge[]) => void;
  /** Sizes the canvas measured, for auto-layout. */
  measuredRef?: { current: Record<string, { width: number; height: number }> };
  /** A step was added from the canvas (a drop, an output's "+", a dropped connection's picker); it is selected. */
  onAdded?: (nodeId: string) => void;
  /** A step was clicked or tapped. */
  onStepClick?: (nodeId: string) => void;
  /** The run whose path `overlay` draws: when one starts, its first step is brought into view. */
  runId?: string | null;
}

/**
 * Inside <ReactFlow>: when the path of a new run is drawn, brings its first step (the trigger) into
 * view in the canvas, without scrolling the page away from the Test panel that started it.
 */
function RevealRunStart({ runId, state }: { runId: string; state: BuilderState }) {
  const reveal = useRevealNode();
  useEffect(() => {
    const trigger = state.nodes.peek().find((n) => state.catalog.byType.get(n.type)?.category === "trigger");
    if (trigger) reveal(trigger.id, { duration: 250, scrollPage: false });
  }, [runId]);
  return null;
}

/** While a connection is dragged over a step it may not reach, says why, beside the pointer. */
function ConnectionHint({ state }: { state: BuilderState }) {
  const c = useConnection();
  if (!c.inProgress || c.isValid !== false || !c.toNode) return null;
  const fromSource = c.fromHandle.type === "source";
  const reason = state.canConnect(
    fromSource
      ? { source: c.fromNode.id, sourcePort: c.fromHandle.id, target: c.toNode.id }
      : { source: c.toNode.id, sourcePort: c.toHandle?.id, target: c.fromNode.id },
  );
  return reason ? (
    <Panel position="top-center" className="connection-hint" aria-hidden="true">
      {reason}
    </Panel>
  ) : null;
}

export function BuilderCanvas({ state, problems, names, overlay, readOnly, onOpenDetails, onRefused, onRemoved, measuredRef, onAdded, onStepClick, runId }: BuilderCanvasProps) {
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const { sizes, version, absorb } = useMeasuredSizes();
  const { offer, addNext, insertStep, picker } = useNextStep({ state, wrapper, sizes, readOnly, onRefused, onAdded });
  const dragging = useRef(false);
  // A workflow opened with steps is framed once; a blank one keeps the view still while it is built.
  const startsWithNodes = useRef(state.nodes.peek().length > 0);
  if (measuredRef) measuredRef.current = sizes.current;

  const definition = state.definition.value;
  const selectedNodes = new Set(state.selectedNodeIds.value);
  const selectedEdges = new Set(state.selectedEdgeIds.value);
  const input = { definition, catalog: state.catalog, problems, overlay, names, selectedNodes, selectedEdges, measured: sizes.current, editable: !readOnly };
  const nodes = useMemo(() => toFlowNodes(input), [definition, problems, overlay, names, state.selectedNodeIds.value, version, readOnly]);
  const edges = useMemo(() => toFlowEdges(input), [definition, overlay, state.selectedEdgeIds.value, readOnly]);

  function onNodesChange(changes: NodeChange<WorkflowFlowNode>[]) {
    const moves = new Map<string, { x: number; y: number }>();
    absorb(changes);
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === "position" && c.position) moves.set(c.id, c.position);
      else if (c.type === "select") {
        selection ??= new Set(state.selectedNodeIds.value);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
      // "remove" arrives through onDelete, as one undoable step with the connected edges.
    }
    // Arrow-key moves come without a drag: record each one; a drag records once, at its start.
    if (moves.size && !readOnly) state.moveNodes(moves, !dragging.current);
    if (selection) state.select([...selection], state.selectedEdgeIds.value);
  }

  function onEdgesChange(changes: EdgeChange<WorkflowFlowEdge>[]) {
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type !== "select") continue;
      selection ??= new Set(state.selectedEdgeIds.value);
      if (c.selected) selection.add(c.id);
      else selection.delete(c.id);
    }
    if (selection) state.select(state.selectedNodeIds.value, [...selection]);
  }

  const isValidConnection: IsValidConnection = (c) => state.canConnect({ source: c.source, sourcePort: c.sourceHandle, target: c.target }) === null;

  function onConnect(c: Connection) {
    const r = state.connect({ source: c.source, sourcePort: c.sourceHandle, target: c.target });
    if (!r.ok) onRefused(r.reason);
  }

  const onConnectEnd: OnConnectEnd = (event, c) => {
    if (c.isValid || !c.fromNode || !c.fromHandle) return;
    if (c.toNode) {
      const fromSource = c.fromHandle.type === "source";
      const reason = state.canConnect(
        fromSource
          ? { source: c.fromNode.id, sourcePort: c.fromHandle.id, target: c.toNode.id }
          : { source: c.toNode.id, sourcePort: c.toHandle?.id, target: c.fromNode.id },
      );
      if (reason) onRefused(reason);
      return;
    }
    // Released on empty canvas from an output: offer the next step there.
    const target = event.target as Element | null;
    if (readOnly || c.fromHandle.type !== "source" || !target?.classList.contains("react-flow__pane")) return;
    const point = "changedTouches" in event ? event.changedTouches[0] : event;
    const source = state.nodeById.value.get(c.fromNode.id);
    const taken = state.edges.value.find((e) => e.source === source?.id && edgePort(e, source, state.catalog) === c.fromHandle!.id);
    if (taken) return onRefused(state.canConnect({ source: c.fromNode.id, sourcePort: c.fromHandle.id, target: taken.target }) ?? "That output is already connected");
    const at = { x: point.clientX, y: point.clientY };
    offer({ nodeId: c.fromNode.id, port: c.fromHandle.id ?? null }, at, { flowAt: flow.screenToFlowPosition(at) });
  };

  function onDrop(e: DragEvent) {
    const type = e.dataTransfer?.getData(DND_TYPE);
    if (!type || readOnly) return;
    e.preventDefault();
    const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const r = state.addNode(type, { x: at.x - 120, y: at.y - 40 });
    if (!r.ok) onRefused(r.reason);
    else onAdded?.(r.id);
  }

  return (
    <div
      ref={wrapper}
      class="builder-canvas"
      onDragOver={(e) => {
        if (readOnly || !e.dataTransfer?.types.includes(DND_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
      }}
      onDrop={onDrop}
    >
      <AddNextContext.Provider value={addNext}>
        <InsertStepContext.Provider value={insertStep}>
          <ReactFlow<WorkflowFlowNode, WorkflowFlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            onDelete={({ nodes: n, edges: e }) => {
              const refocus = focusAfterRemoval(state, n.map((x) => x.id));
              onRemoved?.(state.remove(n.map((x) => x.id), e.map((x) => x.id)));
              refocus();
            }}
            onNodeDragStart={() => {
              dragging.current = true;
              state.beginMove();
            }}
            onNodeDragStop={() => {
              dragging.current = false;
            }}
            onNodeClick={(_, node) => onStepClick?.(node.id)}
            onNodeDoubleClick={(_, node) => onOpenDetails(node.id)}
            deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            zoomOnDoubleClick={false}
            minZoom={0.2}
            maxZoom={1.75}
            defaultEdgeOptions={{ type: "default" }}
            proOptions={{ hideAttribution: true }}
            ariaLabelConfig={{ "node.a11yDescription.default": "Press Enter or Space to select this step, Delete to remove it, arrow keys to move it. Double-click opens the detailed editor." }}
          >
            <Background gap={20} size={1} />
            <Controls showInteractive={false} position="top-left" />
            <WorkflowMiniMap />
            <ConnectionHint state={state} />
            <RemeasureLostHandles />
            {startsWithNodes.current ? <InitialView container={() => wrapper.current} /> : null}
            {readOnly ? null : <RevealAddedNode />}
            {runId ? <RevealRunStart runId={runId} state={state} /> : null}
            {definition.nodes.length === 0 ? (
              <Panel position="top-center" className="canvas-empty">
                <strong>Start with a trigger.</strong> Drag one from the palette, or use its “+” button.
              </Panel>
            ) : null}
          </ReactFlow>
        </InsertStepContext.Provider>
      </AddNextContext.Provider>
      {picker}
    </div>
  );
}
