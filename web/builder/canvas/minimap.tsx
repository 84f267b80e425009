/**
 * The mini-map, shown only while part of the workflow is outside the view: when all of it is on
 * screen the map tells nothing, and in a narrow canvas it would sit on top of the lower steps. It
 * sits top-right: a workflow that does not fit opens on its trigger, top and centre, and its branches
 * spread lower down, so that corner is the one left empty.
 */
import { MiniMap, useStore, type ReactFlowState } from "@xyflow/react";

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

export function WorkflowMiniMap() {
  const show = useStore(overflows);
  return show ? (
    <MiniMap position="top-right" style={{ width: 132, height: 92 }} pannable zoomable ariaLabel="Mini-map of the workflow" nodeClassName={(n) => `minimap-node minimap-node--${n.type}`} />
  ) : null;
}
