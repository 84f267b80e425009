import { Input, Textarea } from "../../components/field";
import { useFormContext } from "./context";

interface TextFieldProps {
  id: string;
  label: string;
  value: unknown;
  onChange: (v: string | undefined) => void;
  error?: string;
  hint?: string;
  hideLabel?: boolean;
  /** Empty text clears the field (optional fields) instead of saving "". */
  optional?: boolean;
}

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

/** A dotted run-data path, with the known paths offered as suggestions. */
export function PathInput({ id, label, value, onChange, error, hint, hideLabel, optional }: TextFieldProps) {
  const ctx = useFormContext();
  return (
    <Input
      id={id}
      label={label}
      hideLabel={hideLabel}
      hint={hint}
      error={error}
      list={ctx.pathsListId}
      value={str(value)}
      // No example path: one example ("deal.arr") under Domain or Until read as the expected value.
      placeholder="A run-data field"
      spellcheck={false}
      autoComplete="off"
      class="field--mono"
      disabled={ctx.disabled}
      onInput={(e) => {
        const v = e.currentTarget.value;
        onChange(optional && v === "" ? undefined : v);
      }}
    />
  );
}

/**
 * Text with `{{path}}` interpolation: a box (or text area) plus a menu that inserts a run-data field
 * where the caret is.
 */
export function TemplateInput({ id, label, value, onChange, error, hint, hideLabel, optional, multiline }: TextFieldProps & { multiline?: boolean }) {
  const ctx = useFormContext();
  const text = str(value);
  const set = (v: string) => onChange(optional && v === "" ? undefined : v);

  function insert(path: string) {
    // The design-system fields do not forward refs; the id is unique within the page.
    const node = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null;
    const at = node?.selectionStart ?? text.length;
    const end = node?.selectionEnd ?? at;
    const token = `{{${path}}}`;
    set(text.slice(0, at) + token + text.slice(end));
    requestAnimationFrame(() => {
      node?.focus();
      node?.setSelectionRange(at + token.length, at + token.length);
    });
  }

  const common = {
    id,
    label,
    hideLabel,
    error,
    hint: hint ?? (multiline ? 'Use {{deal.company.name}}-style fields for run data, formatted with | number, | currency: deal.currency, | date or | default: "…" — e.g. {{deal.arr | currency: deal.currency}}.' : undefined),
    value: text,
    disabled: ctx.disabled,
    onInput: (e: { currentTarget: { value: string } }) => set(e.currentTarget.value),
  };
  return (
    <div class="template-field">
      {multiline ? (
        <Textarea {...common} rows={5} />
      ) : (
        <Input {...common} autoComplete="off" />
      )}
      {ctx.paths.length && !ctx.disabled ? (
        <select
          class="template-field__insert control control--select"
          aria-label={`Insert a run-data field into ${label}`}
          value=""
          onChange={(e) => {
            const v = e.currentTarget.value;
            e.currentTarget.value = "";
            if (v) insert(v);
          }}
        >
          <option value="">Insert field…</option>
          {ctx.paths.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}
