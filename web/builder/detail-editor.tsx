import { Button } from "../components/button";
import { Modal, ModalBody, ModalFooter } from "../components/modal";
import type { ValidationIssue } from "../lib/api-types";
import { nodeTitle } from "./catalog";
import { NodeEditor } from "./node-editor";
import type { BuilderState } from "./state";

/**
 * The detailed editor (double-click a step): the same form with room to work, and the run data
 * available at that step listed beside it. Changes apply as they are made, like in the panel.
 */
export function DetailEditor({ state, nodeId, issues, readOnly, onClose }: { state: BuilderState; nodeId: string | null; issues: readonly ValidationIssue[]; readOnly?: boolean; onClose: () => void }) {
  const node = nodeId ? state.nodeById.value.get(nodeId) : undefined;
  const info = node ? state.catalog.byType.get(node.type) : undefined;
  return (
    <Modal
      open={!!node}
      title={info?.label ?? node?.type ?? ""}
      description={node ? `Step “${nodeTitle(node, state.catalog)}” (steps.${node.id}). Changes are saved as you go.` : undefined}
      onClose={onClose}
      size="lg"
    >
      <ModalBody>{node ? <NodeEditor state={state} node={node} issues={issues} readOnly={readOnly} wide /> : null}</ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </ModalFooter>
    </Modal>
  );
}
