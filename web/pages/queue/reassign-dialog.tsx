import { PickPersonDialog } from "../../components/pick-person-dialog";
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
  return (
    <PickPersonDialog
      open={open}
      title="Reassign item"
      description={`“${item.title}” goes to the person you choose; any claim on it is dropped.`}
      label="Assign to"
      submitLabel="Assign item"
      required="Choose who should take it."
      people={people}
      exclude={item.assigneeId}
      optionLabel={(p) => `${p.name} (${p.role === "admin" ? "admin" : "CSM"})${p.outOfOffice ? " — out of office" : ""}`}
      onClose={onClose}
      onPick={async (userId) => {
        const updated = await assignQueueItem(api, item.id, userId);
        const who = people?.find((p) => p.id === userId)?.name ?? "them";
        onClose();
        onAssigned(updated);
        toasts.success(`Reassigned to ${who}`, "It is now in their queue; any claim on it was dropped.");
      }}
    />
  );
}
