import { PickPersonDialog } from "../../components/pick-person-dialog";
import type { Account } from "../../lib/api-types";
import { changeAccountCsm } from "../../lib/endpoints/accounts";
import { useAppState } from "../../state/context";
import { usePeople } from "../queue/use-people";

export interface ChangeCsmDialogProps {
  open: boolean;
  account: Pick<Account, "id" | "name" | "csm">;
  onClose: () => void;
  onChanged: (change: Pick<Account, "csm" | "csmReason" | "csmByHand">) => void;
}

/** Admins: give the account another CSM (`PUT /api/accounts/:id/csm`), picked from the active CSMs. */
export function ChangeCsmDialog({ open, account, onClose, onChanged }: ChangeCsmDialogProps) {
  const { api, toasts } = useAppState();
  // CSMs only, as the queue's "Assign a CSM" offers and the accounts list's CSM filter lists: an
  // account handed to an admin could then not be found by its CSM.
  const everyone = usePeople(api);
  const people = everyone ? everyone.filter((p) => p.role === "csm") : everyone;
  return (
    <PickPersonDialog
      open={open}
      title="Change CSM"
      description={account.csm ? `${account.name} is with ${account.csm.name}.` : `${account.name} has no CSM yet.`}
      label="New CSM"
      hint="Recorded on the account as changed by you."
      submitLabel="Change CSM"
      required="Choose the new CSM."
      people={people}
      exclude={account.csm?.id}
      optionLabel={(p) => `${p.name} · ${p.email}${p.outOfOffice ? " (out of office)" : ""}`}
      onClose={onClose}
      onPick={async (csmId) => {
        const changed = await changeAccountCsm(api, account.id, csmId);
        onChanged(changed);
        onClose();
        toasts.success(`${changed.csm.name} is now the CSM`, `${account.name} and its plan are in their accounts from now on.`);
      }}
    />
  );
}
