import { useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { Button } from "../components/button";
import { FormError, Input } from "../components/field";
import { Modal, ModalBody, ModalFooter } from "../components/modal";
import { errorMessage, fieldErrors, isApiError } from "../lib/api";
import type { WorkflowPreset } from "../lib/api-types";
import { createWorkflow, listPresets } from "../lib/endpoints/workflows";
import { rememberCreatedToast } from "../builder/created-toast";
import { useAppState } from "../state/context";

const BLANK = "blank";

/**
 * "New workflow": start from one of the ready-made workflows or from a blank canvas, name it, and
 * open it in the builder.
 */
export function NewWorkflowDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { api, toasts } = useAppState();
  const { route } = useLocation();
  const [presets, setPresets] = useState<WorkflowPreset[] | null>(null);
  const [presetError, setPresetError] = useState<string | null>(null);
  const [choice, setChoice] = useState(BLANK);
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setChoice(BLANK);
    setName("");
    setNameTouched(false);
    setError(null);
    setNameError(null);
    listPresets(api).then(setPresets, (e) => setPresetError(errorMessage(e)));
  }, [open]);

  function pick(id: string) {
    setChoice(id);
    // Suggest the preset's name until the person types their own.
    if (!nameTouched) setName(id === BLANK ? "" : presets?.find((p) => p.id === id)?.name ?? "");
  }

  async function create(e: Event) {
    e.preventDefault();
    if (!name.trim()) {
      setNameError("Give the workflow a name.");
      document.getElementById("new-workflow-name")?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // The preset's own name, untouched, is left to the server, which numbers it when it is taken.
      const w = await createWorkflow(api, choice === BLANK ? { name: name.trim() } : { presetId: choice, ...(nameTouched ? { name: name.trim() } : {}) });
      const toast = toasts.success(`“${w.name}” created`, choice === BLANK ? "Drag a trigger onto the canvas to begin." : "Check each step, then publish.");
      // Its advice is for the moment the builder opens: the builder's first edit takes it down.
      rememberCreatedToast(w.id, toast);
      onClose();
      route(`/workflows/${w.id}`);
    } catch (err) {
      const fe = isApiError(err) ? fieldErrors(err.details) : {};
      if (fe.name) setNameError(fe.name);
      else setError(errorMessage(err));
      setBusy(false);
    }
  }

  const options = [{ id: BLANK, name: "Blank workflow", description: "Start from an empty canvas and add the steps yourself." }, ...(presets ?? [])];
  return (
    <Modal open={open} title="New workflow" description="Choose a ready-made workflow or start from scratch." onClose={onClose} busy={busy} size="lg">
      <form onSubmit={create} noValidate>
        <ModalBody>
          <Input
            id="new-workflow-name"
            label="Name"
            value={name}
            error={nameError}
            maxLength={120}
            onInput={(e) => {
              setName(e.currentTarget.value);
              setNameTouched(true);
              setNameError(null);
            }}
          />
          <fieldset class="choice-list">
            <legend class="form-group__legend">Start from</legend>
            {presets === null && !presetError ? <p class="form-group__empty">Loading the ready-made workflows…</p> : null}
            {presetError ? <p class="field__error">Couldn't load the ready-made workflows: {presetError}</p> : null}
            {options.map((o) => (
              <label key={o.id} class={`choice${choice === o.id ? " is-chosen" : ""}`}>
                <input type="radio" name="start-from" value={o.id} checked={choice === o.id} onChange={() => pick(o.id)} />
                <span class="choice__text">
                  <span class="choice__name">{o.name}</span>
                  <span class="choice__desc">{o.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <FormError>{error}</FormError>
        </ModalBody>
        <ModalFooter>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={busy}>
            Create workflow
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
