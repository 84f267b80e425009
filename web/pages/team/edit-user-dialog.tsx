import { useRef, useState } from "preact/hooks";
import { Button } from "../../components/button";
import { Checkbox, FormError, Input, focusFirstInvalid } from "../../components/field";
import { Modal, ModalBody, ModalFooter } from "../../components/modal";
import type { TeamUser, UserPatch } from "../../lib/api-types";
import { updateUser } from "../../lib/endpoints/users";
import { useAppState } from "../../state/context";
import { errorsFromFailure } from "./add-user-dialog";
import { emailProblem } from "./user-form";
import { ApiError } from "../../lib/api";
import { isAway, latestReturnDay, localToday, returnDayProblem } from "./out-of-office";

type Errors = Partial<Record<"name" | "email" | "outOfOfficeUntil" | "form", string>>;

export interface EditUserDialogProps {
  /** The user being edited; null when closed. */
  user: TeamUser | null;
  onClose: () => void;
  /** Called with the server's copy after a save; the dialog has already closed. */
  onSaved: (user: TeamUser) => void;
}

/**
 * "Edit user": an admin corrects the name or the sign-in e-mail and sets an out-of-office, optionally
 * with its last day (`PATCH /api/users/:id`).
 */
export function EditUserDialog({ user, onClose, onSaved }: EditUserDialogProps) {
  const [busy, setBusy] = useState(false);
  return (
    <Modal open={user !== null} title={`Edit ${user?.name ?? "user"}`} onClose={onClose} busy={busy}>
      {user ? <EditUserForm key={user.id} user={user} onClose={onClose} onSaved={onSaved} busy={busy} setBusy={setBusy} /> : null}
    </Modal>
  );
}

interface FormProps extends Omit<EditUserDialogProps, "user"> {
  user: TeamUser;
  busy: boolean;
  setBusy: (busy: boolean) => void;
}

function EditUserForm({ user, onClose, onSaved, busy, setBusy }: FormProps) {
  const { api } = useAppState();
  const today = localToday();
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  // A return day that has passed no longer counts: the form starts from what the team table shows.
  const [away, setAway] = useState(isAway(user, today));
  const [until, setUntil] = useState(away && user.outOfOfficeUntil ? user.outOfOfficeUntil : "");
  const [errors, setErrors] = useState<Errors>({});
  const form = useRef<HTMLFormElement>(null);

  async function onSubmit(e: Event) {
    e.preventDefault();
    const found: Errors = {};
    if (!name.trim()) found.name = "Enter the person's name.";
    const badEmail = emailProblem(email);
    if (badEmail) found.email = badEmail;
    const problem = away ? returnDayProblem(until, today) : null;
    if (problem) found.outOfOfficeUntil = problem;
    setErrors(found);
    if (Object.keys(found).length) {
      queueMicrotask(() => focusFirstInvalid(form.current));
      return;
    }
    const patch: UserPatch = { outOfOffice: away, ...(away ? { outOfOfficeUntil: until || null } : {}) };
    if (name.trim() !== user.name) patch.name = name.trim();
    if (email.trim().toLowerCase() !== user.email) patch.email = email.trim();
    setBusy(true);
    try {
      const saved = await updateUser(api, user.id, patch);
      setBusy(false);
      onClose();
      onSaved(saved);
    } catch (err) {
      setBusy(false);
      setErrors(err instanceof ApiError && err.code === "email_taken" ? { email: "That e-mail is already in use" } : errorsFromFailure(err, ["name", "email", "outOfOfficeUntil"] as const));
      queueMicrotask(() => focusFirstInvalid(form.current));
    }
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate aria-label="Edit user">
      <ModalBody>
        <div class="stack">
          <FormError>{errors.form}</FormError>
          <Input
            label="Full name"
            name="name"
            autoComplete="off"
            required
            maxLength={120}
            value={name}
            error={errors.name}
            onInput={(e) => {
              setName(e.currentTarget.value);
              setErrors((x) => ({ ...x, name: undefined }));
            }}
          />
          <Input
            label="Email"
            name="email"
            type="email"
            autoComplete="off"
            required
            maxLength={320}
            value={email}
            error={errors.email}
            hint={email.trim().toLowerCase() !== user.email ? "They sign in with this address from now on; their work and sessions stay theirs." : undefined}
            onInput={(e) => {
              setEmail(e.currentTarget.value);
              setErrors((x) => ({ ...x, email: undefined }));
            }}
          />
          <Checkbox
            label="Out of office"
            name="outOfOffice"
            checked={away}
            disabled={!user.active}
            hint={user.active ? "Automatic assignment skips them, and their tasks go to their pool." : "Deactivated users get no work anyway."}
            onChange={(e) => {
              setAway(e.currentTarget.checked);
              setErrors((x) => ({ ...x, outOfOfficeUntil: undefined }));
            }}
          />
          {away ? (
            <Input
              label="Last day away (optional)"
              name="outOfOfficeUntil"
              type="date"
              min={today}
              max={latestReturnDay(today)}
              value={until}
              error={errors.outOfOfficeUntil}
              hint="From the day after, they count as back and assignment picks them again. Leave empty to keep them away until you switch it off."
              onInput={(e) => {
                setUntil(e.currentTarget.value);
                setErrors((x) => ({ ...x, outOfOfficeUntil: undefined }));
              }}
            />
          ) : null}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={busy}>
          Save
        </Button>
      </ModalFooter>
    </form>
  );
}
