import { useRef, useState } from "preact/hooks";
import { Button } from "../../components/button";
import { FormError, Input, Select, focusFirstInvalid } from "../../components/field";
import { Modal, ModalBody, ModalFooter } from "../../components/modal";
import { ApiError, errorMessage, fieldErrors } from "../../lib/api";
import { ROLE_LABELS, type Role, type TeamUser } from "../../lib/api-types";
import { createUser } from "../../lib/endpoints/users";
import { useAppState } from "../../state/context";
import { MIN_PASSWORD_LENGTH, emptyUserDraft, toNewUser, validateUser, type UserDraft, type UserErrors } from "./user-form";

export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

const FIELDS = ["name", "email", "role", "password"] as const;

/** Maps a failed save onto a form: a 422 → each of `fields` named in `details`; anything else → the form's message. */
export function errorsFromFailure<K extends string>(e: unknown, fields: readonly K[]): Partial<Record<K | "form", string>> {
  if (e instanceof ApiError && e.status === 422) {
    const byPath = fieldErrors(e.details);
    const errors: Partial<Record<K | "form", string>> = {};
    for (const f of fields) if (byPath[f]) errors[f] = byPath[f];
    if (Object.keys(errors).length === 0) errors.form = e.message;
    return errors;
  }
  return { form: errorMessage(e) } as Partial<Record<K | "form", string>>;
}

/** Maps a failed `POST /api/users` onto the form: 409 → the email field, 422 → each field named in `details`. */
export function errorsFromCreateFailure(e: unknown): UserErrors {
  if (e instanceof ApiError && e.status === 409) return { email: "That e-mail is already in use" };
  return errorsFromFailure(e, FIELDS);
}

export interface AddUserDialogProps {
  open: boolean;
  onClose: () => void;
  /** Called with the created user; the dialog has already closed itself. */
  onCreated: (user: TeamUser) => void;
}

/** "Add user": name, email, role and an initial password (`POST /api/users`). */
export function AddUserDialog({ open, onClose, onCreated }: AddUserDialogProps) {
  // Lives here, not in the form, so Esc and the close button wait while a save is in flight.
  const [busy, setBusy] = useState(false);
  return (
    <Modal open={open} title="Add user" description="They can sign in with this email and password straight away." onClose={onClose} busy={busy}>
      <AddUserForm onClose={onClose} onCreated={onCreated} busy={busy} setBusy={setBusy} />
    </Modal>
  );
}

interface FormProps extends Omit<AddUserDialogProps, "open"> {
  busy: boolean;
  setBusy: (busy: boolean) => void;
}

function AddUserForm({ onClose, onCreated, busy, setBusy }: FormProps) {
  const { api } = useAppState();
  const [draft, setDraft] = useState<UserDraft>(emptyUserDraft);
  const [errors, setErrors] = useState<UserErrors>({});
  const form = useRef<HTMLFormElement>(null);

  const set = <K extends keyof UserDraft>(key: K, value: UserDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  async function onSubmit(e: Event) {
    e.preventDefault();
    const found = validateUser(draft);
    setErrors(found);
    if (Object.keys(found).length) {
      queueMicrotask(() => focusFirstInvalid(form.current));
      return;
    }
    setBusy(true);
    try {
      const user = await createUser(api, toNewUser(draft));
      setBusy(false);
      onClose();
      onCreated(user);
    } catch (err) {
      setBusy(false);
      setErrors(errorsFromCreateFailure(err));
      queueMicrotask(() => focusFirstInvalid(form.current));
    }
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate aria-label="Add user">
      <ModalBody>
        <div class="stack">
          <FormError>{errors.form}</FormError>
          <Input
            label="Full name"
            name="name"
            autoComplete="off"
            required
            value={draft.name}
            error={errors.name}
            onInput={(e) => set("name", e.currentTarget.value)}
          />
          <Input
            label="Email"
            name="email"
            type="email"
            autoComplete="off"
            required
            value={draft.email}
            error={errors.email}
            onInput={(e) => set("email", e.currentTarget.value)}
          />
          <Select
            label="Role"
            name="role"
            required
            options={ROLE_OPTIONS}
            value={draft.role}
            error={errors.role}
            hint="Admins build workflows and manage the team. CSMs work the queue."
            onChange={(e) => set("role", e.currentTarget.value as Role)}
          />
          <Input
            label="Initial password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            value={draft.password}
            error={errors.password}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. Share it with them securely.`}
            onInput={(e) => set("password", e.currentTarget.value)}
          />
        </div>
      </ModalBody>
      <ModalFooter>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={busy}>
          Create user
        </Button>
      </ModalFooter>
    </form>
  );
}
