/**
 * The editable canvas's connection: the same curve every canvas draws, plus a "+" at its middle that
 * inserts a step there, as n8n and HubSpot do. The "+" shows while the pointer is over the
 * connection or the button, while the connection has keyboard focus or is selected (a tap, on a
 * phone), and whenever it has focus itself: hidden, it stays in the tab order. What a press does
 * comes from context, which only the editable canvas provides, like the outputs' "+" (add-next.tsx),
 * so read-only canvases never show it.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps, type EdgeTypes } from "@xyflow/react";
import { createContext } from "preact";
import { memo } from "preact/compat";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import { cx } from "../../lib/cx";
import { BIcon } from "../icons";
import type { WorkflowFlowEdge } from "./flow-model";

/** Opens the picker for a step to insert on the edge `edgeId`; `button` is the "+" pressed (to place the menu by it). */
export type InsertStep = (edgeId: string, button: HTMLElement) => void;

export const InsertStepContext = createContext<InsertStep | null>(null);

/**
 * Whether the edge's own element (React Flow's focusable wrapper around what this component draws)
 * has keyboard focus. It is outside this component, so its focus is listened to on the DOM.
 */
function useWrapperFocus() {
  const inner = useRef<SVGGElement>(null);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    const wrapper = inner.current?.closest(".react-flow__edge");
    if (!wrapper) return;
    const on = () => setFocused(wrapper.matches(":focus-visible"));
    const off = () => setFocused(false);
    wrapper.addEventListener("focus", on);
    wrapper.addEventListener("blur", off);
    return () => {
      wrapper.removeEventListener("focus", on);
      wrapper.removeEventListener("blur", off);
    };
  }, []);
  return { inner, focused };
}

export const InsertEdge = memo(function InsertEdge(props: EdgeProps<WorkflowFlowEdge>) {
  const { id, data, selected, markerEnd, style, interactionWidth } = props;
  const insert = useContext(InsertStepContext);
  const [overEdge, setOverEdge] = useState(false);
  const [overButton, setOverButton] = useState(false);
  const { inner, focused } = useWrapperFocus();
  // The path React Flow's default edge draws (a bezier with its default curvature), and its middle.
  const [path, midX, midY] = getBezierPath(props);
  const label = data ? `Insert a step between “${data.from}” and “${data.to}”` : "";
  return (
    <>
      <g ref={inner} onMouseEnter={() => setOverEdge(true)} onMouseLeave={() => setOverEdge(false)}>
        <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      </g>
      {insert && data ? (
        <EdgeLabelRenderer>
          <button
            type="button"
            // nodrag/nopan: pressing it neither drags nor pans; nokey: Backspace does not delete the selection.
            class={cx("wf-edge__insert nodrag nopan nokey", (overEdge || overButton || focused || selected) && "is-shown")}
            style={{ transform: `translate(-50%, -50%) translate(${midX}px, ${midY}px)` }}
            aria-label={label}
            title={label}
            onMouseEnter={() => setOverButton(true)}
            onMouseLeave={() => setOverButton(false)}
            onClick={(e) => {
              // Not a click on the pane: that would clear the selection under the picker.
              e.stopPropagation();
              insert(id, e.currentTarget);
            }}
            onDblClick={(e) => e.stopPropagation()}
          >
            <BIcon name="plus" size={12} />
          </button>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

/** The editable canvas's edge types, at module scope so React Flow never remounts edges. */
export const edgeTypes: EdgeTypes = { insertable: InsertEdge };
