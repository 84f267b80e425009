import { useEffect, useState } from "preact/hooks";
import { Button } from "../../components/button";
import { FormError, Select } from "../../components/field";
import { Modal, ModalBody, ModalFooter } from "../../components/modal";
import { errorMessage } from "../../lib/api";
import type { QueueItem } from "../../lib/api-types";
import { assignQueueItem } from "../../lib/endpoints/queue";
import { useAppState } from "../../state/context";
import { usePeople } from "./use-people";

export interface ReassignDialogProps {
  open: boolean;
  item: QueueItem;
  onClose: () => void;
  onAssigned: (item: QueueItem) => void;
}

/** Admins: give an item to someone else (`POST /api/queue/:id/assign`); any claim is dropped. */
export function ReassignDialog({ open, item, onClose, onAssigned }: ReassignDialogProps) {
  const { api, toasts } = useAppState();
  const people = usePeople(api);
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
      setError("Choose who should take it.");
      return;
    }
    setBusy(true);
    try {
      const updated = await assignQueueItem(api, item.id, userId);
      const who = people?.find((p) => p.id === userId)?.name ?? "them";
      setBusy(false);
      onClose();
      onAssigned(updated);
      toasts.success(`Reassigned to ${who}`, "It is now in their queue; any claim on it was dropped.");
    } catch (err) {
      setBusy(false);
      setError(errorMessage(err));
    }
  }

  const options = (people ?? [])
    .filter((p) => p.id !== item.assigneeId)
    .map((p) => ({ value: p.id, label: `${p.name} (${p.role === "admin" ? "admin" : "CSM"})${p.outOfOffice ? " — out of office" : ""}` }));

  return (
    <Modal open={open} title="Reassign item" description={`“${item.title}” goes to the person you choose; any claim on it is dropped.`} onClose={onClose} busy={busy} size="sm">
      <form onSubmit={onSubmit} noValidate aria-label="Reassign item">
        <ModalBody>
          <div class="stack">
            <FormError>{people === null ? "The list of people could not be loaded." : null}</FormError>
            <Select
              label="Assign to"
              name="userId"
              required
              options={options}
              placeholder={people === undefined ? "Loading people…" : "Choose a person…"}
              value={userId}
              error={error}
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
            Assign item
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
