import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { errorMessage } from "../../lib/api";
import { Button } from "../button";
import { FormError } from "../field";
import { Modal, ModalBody, ModalFooter } from "../modal";

export interface ConfirmDialogProps {
  open: boolean;
  title: ComponentChildren;
  /** What will happen, in a sentence or two. */
  children?: ComponentChildren;
  /** The confirm button's text: name the action ("Deactivate user"), never "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  /**
   * Runs the action. While its promise is pending the dialog shows a spinner and cannot be closed;
   * if it rejects, the error is shown inside the dialog and it stays open.
   */
  onConfirm: () => unknown | Promise<unknown>;
  onCancel: () => void;
}

/** Asks before a destructive or hard-to-undo action. The caller closes it after `onConfirm` succeeds. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  tone = "danger",
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      onClose={() => {
        setError(null);
        onCancel();
      }}
      busy={busy}
      size="sm"
      role="alertdialog"
      initialFocus=".confirm-dialog__cancel"
    >
      <ModalBody>
        <div class="confirm-dialog__text">{children}</div>
        <FormError>{error}</FormError>
      </ModalBody>
      <ModalFooter>
        <Button class="confirm-dialog__cancel" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </Button>
        <Button variant={tone} onClick={confirm} loading={busy}>
          {confirmLabel}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
