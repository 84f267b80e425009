import { useRef, useState } from "preact/hooks";
import { Button } from "../../components/button";
import { FormError, Input, focusFirstInvalid } from "../../components/field";
import { Modal, ModalBody, ModalFooter } from "../../components/modal";
import { ApiError, errorMessage, fieldErrors } from "../../lib/api";
import type { Connector, ConnectorKind } from "../../lib/api-types";
import { createConnector, updateConnector } from "../../lib/endpoints/connectors";
import { useAppState } from "../../state/context";
import {
  KIND_BLURBS,
  KIND_LABELS,
  KINDS,
  draftFromConnector,
  emptyDraft,
  fieldsFor,
  toCreateBody,
  toPatch,
  validateDraft,
  type ConnectorDraft,
  type ConnectorErrors,
  type SalesforceAuth,
} from "./connector-form";
import { CrmMark } from "./crm-mark";

/** Maps a failed create/update onto the form: 422 details onto their fields, the rest (409, 503, network) to the top. */
export function errorsFromFailure(e: unknown, visible: readonly string[]): ConnectorErrors {
  if (e instanceof ApiError && e.status === 422) {
    const byPath = fieldErrors(e.details);
    const errors: ConnectorErrors = {};
    const unplaced: string[] = [];
    for (const [path, message] of Object.entries(byPath)) {
      if (visible.includes(path)) errors[path] = message;
      else unplaced.push(message);
    }
    if (unplaced.length || Object.keys(errors).length === 0) errors.form = [e.message, ...unplaced].join(" ");
    return errors;
  }
  return { form: errorMessage(e) };
}

const visiblePaths = (d: ConnectorDraft) => ["name", ...fieldsFor(d.kind, d.sfAuth).map((f) => `credentials.${f.key}`)];

interface FieldsProps {
  draft: ConnectorDraft;
  errors: ConnectorErrors;
  onValue: (key: string, value: string) => void;
  onSfAuth: (auth: SalesforceAuth) => void;
  /** Editing: secrets show their stored hint and may stay empty. */
  current?: Connector;
}

/** The credential fields of the draft's CRM, with help text; "Advanced" holds another API host. */
export function CredentialFields({ draft, errors, onValue, onSfAuth, current }: FieldsProps) {
  const fields = fieldsFor(draft.kind, draft.sfAuth);
  const main = fields.filter((f) => !f.advanced);
  const advanced = fields.filter((f) => f.advanced);
  const advancedOpen = advanced.some((f) => errors[`credentials.${f.key}`] || (draft.values[f.key] ?? "") !== "");
  const render = (f: (typeof fields)[number]) => {
    const stored = current && f.secret ? current.credentials[f.key] : undefined;
    return (
      <Input
        key={`${draft.kind}-${draft.sfAuth}-${f.key}`}
        label={f.label}
        name={f.key}
        type={f.secret ? "password" : f.format === "url" ? "url" : "text"}
        autoComplete={f.secret ? "new-password" : "off"}
        spellcheck={false}
        required={!f.optional && stored === undefined}
        placeholder={stored !== undefined ? "Leave empty to keep the stored one" : f.placeholder}
        value={draft.values[f.key] ?? ""}
        error={errors[`credentials.${f.key}`]}
        hint={stored !== undefined ? `Stored: ${stored}. Leave empty to keep it; a new value replaces it. ${f.hint}` : f.hint}
        onInput={(e) => onValue(f.key, e.currentTarget.value)}
      />
    );
  };
  return (
    <>
      {draft.kind === "salesforce" ? (
        <fieldset class="con-choices con-choices--two">
          <legend class="field__label">Sign-in method</legend>
          {(
            [
              { value: "token", name: "Access token", desc: "An instance URL and an access token you manage." },
              { value: "oauth", name: "Connected app (OAuth)", desc: "A refresh token the connector trades for fresh access tokens." },
            ] as const
          ).map((o) => (
            <label key={o.value} class="con-choice">
              <input type="radio" name="sfAuth" value={o.value} checked={draft.sfAuth === o.value} onChange={() => onSfAuth(o.value)} />
              <span class="con-choice__text">
                <span class="con-choice__name">{o.name}</span>
                <span class="con-choice__desc">{o.desc}</span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {main.map(render)}
      {advanced.length ? (
        <details class="con-advanced" open={advancedOpen || undefined}>
          <summary>Advanced</summary>
          <div class="stack">{advanced.map(render)}</div>
        </details>
      ) : null}
    </>
  );
}

function useDraft(initial: () => ConnectorDraft) {
  const [draft, setDraft] = useState<ConnectorDraft>(initial);
  const [errors, setErrors] = useState<ConnectorErrors>({});
  const clear = (path: string) => setErrors((e) => (e[path] || e.form ? { ...e, [path]: undefined, form: undefined } : e));
  return {
    draft,
    setDraft,
    errors,
    setErrors,
    setName: (name: string) => {
      setDraft((d) => ({ ...d, name }));
      clear("name");
    },
    setValue: (key: string, value: string) => {
      setDraft((d) => ({ ...d, values: { ...d.values, [key]: value } }));
      clear(`credentials.${key}`);
    },
    setSfAuth: (sfAuth: SalesforceAuth) => {
      setDraft((d) => ({ ...d, sfAuth }));
      setErrors({});
    },
  };
}

export interface AddConnectorDialogProps {
  open: boolean;
  onClose: () => void;
  /** Called with the created connector (already tested once by the server); the dialog has closed. */
  onCreated: (connector: Connector) => void;
  /** The CRM chosen when it opens. */
  initialKind?: ConnectorKind;
}

/** "Add connector": the CRM, a name and that CRM's credentials (`POST /api/connectors`). */
export function AddConnectorDialog({ open, onClose, onCreated, initialKind }: AddConnectorDialogProps) {
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title="Add connector"
      description="Connect a CRM so its deals can start workflows. Secrets are stored encrypted and never shown again."
      onClose={onClose}
      busy={busy}
      size="lg"
    >
      <AddConnectorForm onClose={onClose} onCreated={onCreated} busy={busy} setBusy={setBusy} initialKind={initialKind} />
    </Modal>
  );
}

interface AddFormProps extends Omit<AddConnectorDialogProps, "open"> {
  busy: boolean;
  setBusy: (busy: boolean) => void;
}

export function AddConnectorForm({ onClose, onCreated, busy, setBusy, initialKind = "hubspot" }: AddFormProps) {
  const { api } = useAppState();
  const f = useDraft(() => emptyDraft(initialKind));
  const { draft, errors } = f;
  const form = useRef<HTMLFormElement>(null);

  function chooseKind(kind: ConnectorKind) {
    f.setDraft((d) => ({
      ...d,
      kind,
      // A name the admin has not changed follows the CRM.
      name: !d.name.trim() || KINDS.some((k) => KIND_LABELS[k] === d.name.trim()) ? KIND_LABELS[kind] : d.name,
    }));
    f.setErrors({});
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    const found = validateDraft(draft);
    f.setErrors(found);
    if (Object.values(found).some(Boolean)) {
      queueMicrotask(() => focusFirstInvalid(form.current));
      return;
    }
    setBusy(true);
    try {
      const created = await createConnector(api, toCreateBody(draft));
      setBusy(false);
      onClose();
      onCreated(created);
    } catch (err) {
      setBusy(false);
      f.setErrors(errorsFromFailure(err, visiblePaths(draft)));
      queueMicrotask(() => focusFirstInvalid(form.current));
    }
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate aria-label="Add connector">
      <ModalBody>
        <div class="stack">
          <FormError>{errors.form}</FormError>
          <fieldset class="con-choices">
            <legend class="field__label">CRM</legend>
            {KINDS.map((k) => (
              <label key={k} class="con-choice">
                <input type="radio" name="kind" value={k} checked={draft.kind === k} onChange={() => chooseKind(k)} />
                <CrmMark kind={k} size={24} />
                <span class="con-choice__text">
                  <span class="con-choice__name">{KIND_LABELS[k]}</span>
                  <span class="con-choice__desc">{KIND_BLURBS[k]}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <Input
            label="Name"
            name="name"
            autoComplete="off"
            required
            value={draft.name}
            error={errors.name}
            hint="How workflows and the event log refer to it, e.g. “HubSpot – EU portal”."
            onInput={(e) => f.setName(e.currentTarget.value)}
          />
          <CredentialFields draft={draft} errors={errors} onValue={f.setValue} onSfAuth={f.setSfAuth} />
        </div>
      </ModalBody>
      <ModalFooter>
        <p class="con-footer-note" role="status">
          {busy ? `Saving and testing the connection to ${KIND_LABELS[draft.kind]}…` : ""}
        </p>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={busy}>
          Create connector
        </Button>
      </ModalFooter>
    </form>
  );
}

export interface EditConnectorDialogProps {
  connector: Connector | null;
  onClose: () => void;
  /** Called with the saved connector; `retested` when credentials changed (the server tested them again). */
  onSaved: (connector: Connector, retested: boolean) => void;
}

/** "Edit": rename, and replace any credential (secrets left empty are kept) (`PATCH /api/connectors/:id`). */
export function EditConnectorDialog({ connector, onClose, onSaved }: EditConnectorDialogProps) {
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={connector !== null}
      title={`Edit ${connector?.name ?? "connector"}`}
      description="Secrets are never shown. Leave one empty to keep it; changed credentials are tested again when you save."
      onClose={onClose}
      busy={busy}
      size="lg"
    >
      {connector ? <EditConnectorForm connector={connector} onClose={onClose} onSaved={onSaved} busy={busy} setBusy={setBusy} /> : null}
    </Modal>
  );
}

interface EditFormProps {
  connector: Connector;
  onClose: () => void;
  onSaved: EditConnectorDialogProps["onSaved"];
  busy: boolean;
  setBusy: (busy: boolean) => void;
}

function EditConnectorForm({ connector, onClose, onSaved, busy, setBusy }: EditFormProps) {
  const { api } = useAppState();
  const f = useDraft(() => draftFromConnector(connector));
  const { draft, errors } = f;
  const form = useRef<HTMLFormElement>(null);
  // Switching the Salesforce sign-in method drops the old method's stored secrets, so none count as kept.
  const current = draft.kind === "salesforce" && draft.sfAuth !== draftFromConnector(connector).sfAuth ? { ...connector, credentials: {} } : connector;

  async function onSubmit(e: Event) {
    e.preventDefault();
    const found = validateDraft(draft, current);
    f.setErrors(found);
    if (Object.values(found).some(Boolean)) {
      queueMicrotask(() => focusFirstInvalid(form.current));
      return;
    }
    const patch = toPatch(draft, connector);
    if (!patch) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      const saved = await updateConnector(api, connector.id, patch);
      setBusy(false);
      onClose();
      onSaved(saved, patch.credentials !== undefined);
    } catch (err) {
      setBusy(false);
      f.setErrors(errorsFromFailure(err, visiblePaths(draft)));
      queueMicrotask(() => focusFirstInvalid(form.current));
    }
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate aria-label={`Edit ${connector.name}`}>
      <ModalBody>
        <div class="stack">
          <FormError>{errors.form}</FormError>
          <Input label="Name" name="name" autoComplete="off" required value={draft.name} error={errors.name} onInput={(e) => f.setName(e.currentTarget.value)} />
          <h3 class="con-subheading">{KIND_LABELS[connector.kind]} credentials</h3>
          <CredentialFields draft={draft} errors={errors} onValue={f.setValue} onSfAuth={f.setSfAuth} current={current} />
        </div>
      </ModalBody>
      <ModalFooter>
        <p class="con-footer-note" role="status">
          {busy ? "Saving…" : ""}
        </p>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={busy}>
          Save changes
        </Button>
      </ModalFooter>
    </form>
  );
}
