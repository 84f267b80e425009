/**
 * The mini-map, shown only while part of the workflow is outside the view: when all of it is on
 * screen the map tells nothing, and in a narrow canvas it would sit on top of the lower steps. It
 * sits top-right: a workflow that does not fit opens on its trigger, top and centre, and its branches
 * spread lower down, so that corner is the one left empty. In a canvas narrower than
 * MINIMAP_MIN_WIDTH (a phone, a run's page on one) that corner is where the trigger is, so there is
 * no mini-map: the canvas is panned by dragging.
 */
import { MiniMap, useStore, type Node, type ReactFlowState } from "@xyflow/react";
import type { WorkflowNodeData } from "./flow-model";

/**
 * Below this canvas width the map (132 px and its 15 px margin, top-right) would cover the trigger,
 * which opens centred at the top: 168 px wide at the readable zoom needs 168 + 2 × 147 ≈ 460 px.
 */
export const MINIMAP_MIN_WIDTH = 480;

/** True when some node lies (partly) outside the visible pane. */
function overflows(s: ReactFlowState): boolean {
  const [tx, ty, zoom] = s.transform;
  if (!s.width || !s.height) return false;
  for (const n of s.nodeLookup.values()) {
    if (n.hidden) continue;
    const { x, y } = n.internals.positionAbsolute;
    const left = x * zoom + tx, top = y * zoom + ty;
    const right = left + (n.measured.width ?? 0) * zoom, bottom = top + (n.measured.height ?? 0) * zoom;
    if (left < 0 || top < 0 || right > s.width || bottom > s.height) return true;
  }
  return false;
}

/** Whether the canvas shows its mini-map: wide enough for it beside the trigger, and with steps out of view. */
export const showsMiniMap = (s: ReactFlowState) => s.width >= MINIMAP_MIN_WIDTH && overflows(s);

/** A step's class in the mini-map: its category's colour, and an End's outcome (completed, failed). */
export const miniMapNodeClass = (n: Node) => {
  const outcome = (n.data as Partial<WorkflowNodeData>).outcome;
  return `minimap-node minimap-node--${n.type}${outcome ? ` minimap-node--end-${outcome}` : ""}`;
};

export function WorkflowMiniMap() {
  const show = useStore(showsMiniMap);
  return show ? <MiniMap position="top-right" style={{ width: 132, height: 92 }} pannable zoomable ariaLabel="Mini-map of the workflow" nodeClassName={miniMapNodeClass} /> : null;
}
