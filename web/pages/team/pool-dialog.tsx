import { useRef, useState } from "preact/hooks";
import { Button } from "../../components/button";
import { FormError, Input, Select, focusFirstInvalid } from "../../components/field";
import { Modal, ModalBody, ModalFooter } from "../../components/modal";
import { ApiError, errorMessage, fieldErrors } from "../../lib/api";
import { ROLE_LABELS, type Pool, type TeamUser } from "../../lib/api-types";
import { createPool, updatePool } from "../../lib/endpoints/pools";
import { useAppState } from "../../state/context";
import { draftFromPool, newMemberRow, toPoolInput, validatePool, type PoolDraft, type PoolErrors } from "./pool-form";

/** Maps a failed save onto the form: 422 details by path, 409 (`pool_name_taken`, the only one a save answers) onto the name. */
export function errorsFromPoolFailure(e: unknown): PoolErrors {
  if (e instanceof ApiError && e.status === 422) {
    const byPath = fieldErrors(e.details);
    return Object.keys(byPath).length ? byPath : { form: e.message };
  }
  if (e instanceof ApiError && e.status === 409) return { name: e.message };
  return { form: errorMessage(e) };
}

export interface PoolDialogProps {
  /** `null` creates a pool; a pool edits it. `undefined` = closed. */
  pool: Pool | null | undefined;
  users: readonly TeamUser[];
  onClose: () => void;
  onSaved: (pool: Pool, created: boolean) => void;
}

/** Create or edit a CSM pool: its name and members (user, weight, capacity). */
export function PoolDialog({ pool, users, onClose, onSaved }: PoolDialogProps) {
  // Lives here, not in the form, so Esc and the close button wait while a save is in flight.
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={pool !== undefined}
      title={pool ? "Edit pool" : "Create pool"}
      description="Assignment steps pick a CSM from a pool. Weight sets each member's share of new accounts; capacity caps their active accounts (empty = unlimited, 0 = none for now)."
      onClose={onClose}
      busy={busy}
      size="lg"
    >
      {pool !== undefined ? (
        <PoolForm key={pool?.id ?? "new"} pool={pool} users={users} onClose={onClose} onSaved={onSaved} busy={busy} setBusy={setBusy} />
      ) : null}
    </Modal>
  );
}

interface PoolFormProps extends PoolDialogProps {
  pool: Pool | null;
  busy: boolean;
  setBusy: (busy: boolean) => void;
}

function PoolForm({ pool, users, onClose, onSaved, busy, setBusy }: PoolFormProps) {
  const { api } = useAppState();
  const [draft, setDraft] = useState<PoolDraft>(() => draftFromPool(pool));
  const [errors, setErrors] = useState<PoolErrors>({});
  const form = useRef<HTMLFormElement>(null);

  // Active users can be added; members who were deactivated since stay listed so nothing is dropped silently.
  const memberIds = new Set(draft.members.map((m) => m.userId));
  const choosable = users.filter((u) => u.active || memberIds.has(u.id));
  const userOptions = choosable.map((u) => ({
    value: u.id,
    label: `${u.name} · ${ROLE_LABELS[u.role]}${u.active ? "" : " (deactivated)"}${u.outOfOffice ? " (out of office)" : ""}`,
  }));

  const clear = (key: string) => {
    if (errors[key] || errors.form) setErrors((e) => ({ ...e, [key]: "", form: "" }));
  };
  const setMember = (i: number, field: "userId" | "weight" | "capacity", value: string) => {
    setDraft((d) => ({ ...d, members: d.members.map((m, j) => (j === i ? { ...m, [field]: value } : m)) }));
    clear(`members.${i}.${field}`);
  };
  const addMember = () => {
    // A CSM pool: the row starts on a CSM who is in, not on whoever sorts first (often the admin
    // filling in the form, who would then quietly receive accounts); anyone else only when no CSM is left.
    const free = choosable.filter((u) => u.active && !memberIds.has(u.id));
    const next = free.find((u) => u.role === "csm" && !u.outOfOffice) ?? free.find((u) => u.role === "csm") ?? free[0];
    setDraft((d) => ({ ...d, members: [...d.members, newMemberRow(next?.id ?? "")] }));
    // Focus the new row's user picker once it renders.
    setTimeout(() => form.current?.querySelector<HTMLElement>(".member-row:last-child select")?.focus());
  };
  const removeMember = (i: number) => {
    setDraft((d) => ({ ...d, members: d.members.filter((_, j) => j !== i) }));
    // Row indexes shift, so per-row errors no longer line up: drop them.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("members."))));
  };

  async function onSubmit(e: Event) {
    e.preventDefault();
    const found = validatePool(draft);
    setErrors(found);
    if (Object.keys(found).length) {
      queueMicrotask(() => focusFirstInvalid(form.current));
      return;
    }
    setBusy(true);
    try {
      const body = toPoolInput(draft);
      const saved = pool ? await updatePool(api, pool.id, body) : await createPool(api, body);
      setBusy(false);
      onClose();
      onSaved(saved, !pool);
    } catch (err) {
      setBusy(false);
      setErrors(errorsFromPoolFailure(err));
      queueMicrotask(() => focusFirstInvalid(form.current));
    }
  }

  const canAddMore = choosable.some((u) => u.active && !memberIds.has(u.id));

  return (
    <form ref={form} onSubmit={onSubmit} noValidate aria-label={pool ? "Edit pool" : "Create pool"}>
      <ModalBody>
        <div class="stack">
          <FormError>{errors.form}</FormError>
          <Input
            label="Pool name"
            name="name"
            required
            autoComplete="off"
            placeholder="e.g. Senior CSMs"
            value={draft.name}
            error={errors.name}
            onInput={(e) => {
              const name = e.currentTarget.value;
              setDraft((d) => ({ ...d, name }));
              clear("name");
            }}
          />
          <fieldset class="members">
            <legend class="members__legend">Members</legend>
            {errors.members ? <p class="field__error">{errors.members}</p> : null}
            {draft.members.length === 0 ? (
              <p class="members__empty">No members yet. Add the CSMs who should receive accounts from this pool.</p>
            ) : (
              <ol class="member-rows">
                {draft.members.map((m, i) => {
                  const who = users.find((u) => u.id === m.userId)?.name ?? `member ${i + 1}`;
                  return (
                    <li class="member-row" key={m.key}>
                      <Select
                        label="User"
                        hideLabel={i > 0}
                        aria-label={`User for row ${i + 1}`}
                        class="member-row__user"
                        placeholder="Choose a user…"
                        options={userOptions.filter((o) => o.value === m.userId || !memberIds.has(o.value))}
                        value={m.userId}
                        error={errors[`members.${i}.userId`]}
                        onChange={(e) => setMember(i, "userId", e.currentTarget.value)}
                      />
                      <Input
                        label="Weight"
                        hideLabel={i > 0}
                        aria-label={`Weight for ${who}`}
                        class="member-row__num"
                        type="number"
                        inputMode="numeric"
                        min={1}
                        step={1}
                        value={m.weight}
                        error={errors[`members.${i}.weight`]}
                        onInput={(e) => setMember(i, "weight", e.currentTarget.value)}
                      />
                      <Input
                        label="Capacity"
                        hideLabel={i > 0}
                        aria-label={`Capacity for ${who}`}
                        class="member-row__num"
                        type="number"
                        inputMode="numeric"
                        min={0}
                        step={1}
                        placeholder="Unlimited"
                        value={m.capacity}
                        error={errors[`members.${i}.capacity`]}
                        onInput={(e) => setMember(i, "capacity", e.currentTarget.value)}
                      />
                      <Button
                        variant="ghost"
                        size="sm"
                        icon="trash"
                        class="member-row__remove"
                        aria-label={`Remove ${who} from the pool`}
                        onClick={() => removeMember(i)}
                      />
                    </li>
                  );
                })}
              </ol>
            )}
            <Button size="sm" icon="plus" onClick={addMember} disabled={!canAddMore}>
              Add member
            </Button>
            {!canAddMore && users.length > 0 ? <p class="field__hint">Every active user is already in this pool.</p> : null}
          </fieldset>
        </div>
      </ModalBody>
      <ModalFooter>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={busy}>
          Save pool
        </Button>
      </ModalFooter>
    </form>
  );
}
