/**
 * The "+" under each output that has nothing connected: the discoverable, keyboard-reachable way to
 * add the next step (the other is dropping a dragged connection on empty canvas). It opens the same
 * node picker. Which ports are free comes in the node's data (so memoised nodes re-render when it
 * changes); what a click does comes from context, which only the editable canvas provides, so
 * read-only canvases never show the button.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Port } from "../catalog";
import type { WorkflowNodeData } from "./flow-model";

export interface AddNextFrom {
  nodeId: string;
  port: string;
}

/** Opens the picker for a step after `from`; `button` is the "+" pressed (to place the menu by it). */
export type AddNext = (from: AddNextFrom, button: HTMLElement) => void;

export const AddNextContext = createContext<AddNext | null>(null);

export interface AddNextButtonProps {
  nodeId: string;
  data: WorkflowNodeData;
  port: Port;
}

/** The "+" itself, below its port's handle; nothing when the port is taken or outside an editable canvas. */
export function AddNextButton({ nodeId, data, port }: AddNextButtonProps) {
  const addNext = useContext(AddNextContext);
  if (!addNext || !data.freePorts.includes(port.id)) return null;
  // With several outputs, the name says which one.
  const label = `Add a step after “${data.title}”${data.ports.length > 1 ? ` — ${port.label}` : ""}`;
  return (
    <button
      type="button"
      // nodrag/nopan: pressing it neither drags the node nor pans; nokey: Enter and Space press the
      // button rather than (de)select the node, and Backspace does not delete it.
      class="wf-node__add nodrag nopan nokey"
      aria-label={label}
      title={label}
      onClick={(e) => {
        // Not a click on the node: that would select it under the picker.
        e.stopPropagation();
        addNext({ nodeId, port: port.id }, e.currentTarget);
      }}
      onDblClick={(e) => e.stopPropagation()}
    >
      <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" aria-hidden="true">
        <path d="M12 5v14M5 12h14" />
      </svg>
    </button>
  );
}
