import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../../lib/api";
import type { Person } from "../../lib/api-types";
import { Button } from "../button";
import { FormError, Select } from "../field";
import { Modal, ModalBody, ModalFooter } from "../modal";

export interface PickPersonDialogProps {
  open: boolean;
  /** Also names the form. */
  title: string;
  description: string;
  /** The picker's label, e.g. "Assign to". */
  label: string;
  hint?: string;
  submitLabel: string;
  /** Said when the form is sent with nobody chosen. */
  required: string;
  /** Active people; `undefined` while loading, `null` when they could not be listed. */
  people: Person[] | null | undefined;
  /** Someone not to offer (who has it now). */
  exclude?: string | null;
  optionLabel: (p: Person) => string;
  onClose: () => void;
  /** Does the change; a thrown error is shown in the dialog, which stays open. */
  onPick: (userId: string) => Promise<void>;
}

/** A small dialog to choose one person and act on the choice (reassign a queue item, change a CSM). */
export function PickPersonDialog(props: PickPersonDialogProps) {
  const { open, title, label, people, onClose } = props;
  const [userId, setUserId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setUserId("");
      setError(null);
    }
  }, [open]);

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!userId) {
      setError(props.required);
      return;
    }
    setBusy(true);
    try {
      await props.onPick(userId);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const options = (people ?? []).filter((p) => p.id !== props.exclude).map((p) => ({ value: p.id, label: props.optionLabel(p) }));

  return (
    <Modal open={open} title={title} description={props.description} onClose={onClose} busy={busy} size="sm">
      <form onSubmit={onSubmit} noValidate aria-label={title}>
        <ModalBody>
          <div class="stack">
            <FormError>{people === null ? "The list of people could not be loaded." : null}</FormError>
            <Select
              label={label}
              name="userId"
              required
              options={options}
              placeholder={people === undefined ? "Loading people…" : "Choose a person…"}
              value={userId}
              error={error}
              hint={props.hint}
              onChange={(e) => {
                setUserId(e.currentTarget.value);
                setError(null);
              }}
            />
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={busy}>
            {props.submitLabel}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
